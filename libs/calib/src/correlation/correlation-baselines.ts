import { CADCChannelType, SynapseOnDLS } from '@bss2/coords';
import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { CalibError } from '../calib-error.js';
import { CADC_CHANNELS } from '../measure/cadc-reads.js';
import { spreadOf } from '../neuron/potential-calibration.js';
import type { Spread } from '../result/calibration-result.js';
import { readCorrelationRows, resetCorrelationRows } from './correlation-pairings.js';
import { connectCorrelationToCadc } from './correlation-setup.js';

// Every synapse's correlation read right after a reset, causal and acausal (reference §3.3, §10.9: a baseline
// b ~ N(30, 5²) LSB per synapse and type). A plasticity rule subtracts it from its reads before it uses them
// (§4.10 step 2, "measure offsets"); measured here from the host so that a program can be given them, or
// check its own. The values are CADC reads, digital channel offset included, as a PPU reading the same
// channels sees them.

const SYNAPSES = 2 * 256 * 256;
const ROWS = Array.from({ length: 256 }, (_, row) => row);

/** One baseline per synapse and channel type, in SynapseOnDLS order (`synram·65536 + row·256 + column`). */
export class CorrelationBaselines {
  constructor(
    readonly causalLsb: Float32Array,
    readonly acausalLsb: Float32Array,
  ) {
    for (const [name, values] of [['causalLsb', causalLsb], ['acausalLsb', acausalLsb]] as const) {
      if (values.length !== SYNAPSES) throw new CalibError('invalid-calibration', `${name} holds ${values.length} baselines; one per synapse needs ${SYNAPSES}`, values.length, { min: SYNAPSES, max: SYNAPSES });
    }
  }

  get(synapse: SynapseOnDLS, type: CADCChannelType): number {
    const values = CADCChannelType(type) === CADCChannelType.causal ? this.causalLsb : this.acausalLsb;
    return values[SynapseOnDLS(synapse)] as number;
  }

  /** Mean and standard deviation over all synapses of one channel type. */
  spread(type: CADCChannelType): Spread {
    return spreadOf(CADCChannelType(type) === CADCChannelType.causal ? this.causalLsb : this.acausalLsb);
  }
}

/**
 * Resets every synapse's accumulators and reads them `repeats` times (mean), with the correlation channels on
 * the CADC. No pairing may happen meanwhile: the caller leaves the pre-event path and post pulses idle.
 */
export async function measureCorrelationBaselines(connection: Connection, repeats = 1): Promise<CorrelationBaselines> {
  checkBaselineRepeats(repeats);
  const builder = new PlaybackProgramBuilder();
  connectCorrelationToCadc(builder);
  resetCorrelationRows(builder, ROWS);
  const reads = Array.from({ length: repeats }, () => readCorrelationRows(builder, ROWS));
  await connection.run(builder.done());
  const causal = new Float32Array(SYNAPSES);
  const acausal = new Float32Array(SYNAPSES);
  for (const read of reads) {
    const values = read();
    for (let i = 0; i < values.length; i++) {
      const row = Math.floor(i / CADC_CHANNELS);
      const ch = i % CADC_CHANNELS;
      const synapse = (ch >> 9) * 65536 + row * 256 + (ch & 255);
      const into = (ch >> 8) & 1 ? acausal : causal;
      into[synapse] = (into[synapse] as number) + (values[i] as number) / repeats;
    }
  }
  return new CorrelationBaselines(causal, acausal);
}

export function checkBaselineRepeats(repeats: number): void {
  if (!Number.isInteger(repeats) || repeats < 1) throw new CalibError('invalid-calibration', `baseline repeats ${repeats} must be a positive integer`, repeats, { min: 1, max: Number.MAX_SAFE_INTEGER });
}
