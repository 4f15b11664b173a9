import { CorrelationResetOnDLS } from '@bss2/coords';
import { defineContainer } from '../field-engine/define-container.js';
import { baseOf } from '../omnibus-address-map.js';

// Reference §1.7 ("Correlation reset: subtree | 0x00C9_0000") and §3.3. Address from haldls
// src/haldls/vx/synapse.cpp (CorrelationReset::write_addresses): correlation-reset base of the synram
// + row · 64 + quadColumn; "value does not matter". An older haldls revision permuted the quad column here
// (detail::to_synram_quad_address_offset); as for SynapseQuad (README choice 4) that permutation is not applied.

/** Writing any value resets the causal and acausal correlation accumulators of the 4 synapses of one quad. */
export const CorrelationReset = defineContainer({
  name: 'CorrelationReset',
  coord: CorrelationResetOnDLS,
  words: 1,
  kind: 'trigger',
  readable: false,
  base: (r) => baseOf('correlationReset', CorrelationResetOnDLS.toSynramOnDLS(r)) + CorrelationResetOnDLS.toSynapseQuadOnSynram(r),
  addressing: 'correlationReset[synram] + 64 · row + quadColumn',
  ref: '§3.3',
  source: 'haldls src/haldls/vx/synapse.cpp',
  doc: 'Write-only trigger: resets the correlation accumulators of one synapse quad.',
  fields: [],
});
