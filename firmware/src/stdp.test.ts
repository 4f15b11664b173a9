import { PPUOnDLS, SynapseQuadColumnOnDLS, SynapseQuadOnDLS, SynapseRowOnSynram, SynramOnDLS } from '@bss2/coords';
import { TwinConnection } from '@bss2/chip';
import { PlaybackProgramBuilder } from '@bss2/playback';
import { SpikeCounterRead, SynapseQuad } from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { assembleFirmware } from './firmware-image.js';
import { loadPpuProgram, readPpuStatus, readPpuWord, startPpu, writePpuWord } from './ppu-program.js';
import { topNeuron, US } from './testing/bench-network.js';
import { buildPairingNetwork, pairingEnd, pairingSpikes, PAIRING_COLUMNS, PAIRINGS } from './testing/pairing-network.js';

// Test bench of programs/stdp.s on the twin (issue 4: "STDP strengthens causal and weakens acausal pairs with
// real spike timing"). The neurons really spike on the twin; their post-pulses and the pre events drive the
// correlation sensors; the PPU reads them through the CADC and rewrites the weights.

const stdp = assembleFirmware('stdp');
const initialWeight = 16;

describe('firmware stdp.s', () => {
  it('strengthens causal and weakens acausal synapses of real spike pairs', async () => {
    const connection = new TwinConnection({ identity: 'firmware-stdp', fidelity: 'ideal' });
    const builder = new PlaybackProgramBuilder();
    const network = buildPairingNetwork(builder, initialWeight);
    loadPpuProgram(builder, PPUOnDLS.top, stdp.image);
    writePpuWord(builder, PPUOnDLS.top, stdp.symbol('mailbox_first_row'), network.plasticRow);
    writePpuWord(builder, PPUOnDLS.top, stdp.symbol('mailbox_row_count'), 1);
    writePpuWord(builder, PPUOnDLS.top, stdp.symbol('mailbox_factor'), 64);
    builder.timerReset();
    startPpu(builder, PPUOnDLS.top);
    const { labels, times } = pairingSpikes(network, 0);
    builder.injectSpikes(labels, times);
    const end = pairingEnd(0);
    const counts = PAIRING_COLUMNS.all.map((c) => builder.waitUntil(end).read(SpikeCounterRead, topNeuron(c)));
    writePpuWord(builder, PPUOnDLS.top, stdp.symbol('mailbox_command'), stdp.symbol('command_update'));
    builder.waitUntil(end + 100 * US);
    writePpuWord(builder, PPUOnDLS.top, stdp.symbol('mailbox_command'), stdp.symbol('command_stop'));
    builder.waitUntil(end + 110 * US);
    const status = readPpuStatus(builder, PPUOnDLS.top);
    const updates = readPpuWord(builder, PPUOnDLS.top, stdp.symbol('mailbox_updates'));
    const weights = Array.from({ length: 4 }, (_, quad) =>
      builder.read(SynapseQuad, SynapseQuadOnDLS.of(SynramOnDLS(0), SynapseRowOnSynram(network.plasticRow), SynapseQuadColumnOnDLS(quad))),
    );
    await connection.run(builder.done());

    // Every neuron fired once per pairing, from the teacher alone.
    expect(counts.map((ticket) => ticket.get().count)).toEqual(PAIRING_COLUMNS.all.map(() => PAIRINGS));
    expect(status.get()).toEqual({ sleep: true, fault: 0 });
    expect(updates.get().value).toBe(1);
    const after = weights.flatMap((ticket) => ticket.get().weights);
    for (const c of PAIRING_COLUMNS.causal) expect(after[c]).toBeGreaterThan(initialWeight + 8);
    for (const c of PAIRING_COLUMNS.acausal) expect(after[c]).toBeLessThan(initialWeight - 8);
    await connection.close();
  });
});
