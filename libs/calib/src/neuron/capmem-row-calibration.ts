import type { NeuronParameter } from '@bss2/coords';
import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import type { Calibration, Direction } from '../calibration.js';
import { waitUs } from '../measure/settle.js';
import { NEURONS, setNeuronCapMem } from './neuron-setup.js';

// The shape every neuron calibration shares: one per-neuron CapMem row searched for all 512 neurons at once,
// each step writing the codes, waiting for the CapMem to settle and measuring.

export interface CapMemRowCalibrationSpec {
  readonly name: string;
  readonly parameter: NeuronParameter;
  readonly direction: Direction;
  /** Legal codes (default 0..1022; a bias current of 0 switches a circuit off). */
  readonly range?: { readonly min: number; readonly max: number };
  readonly settleUs: number;
  /**
   * Appends what must hold while the CapMem settles (after the codes, before the wait), e.g. the neurons'
   * firing switched off: an idle chip crosses the wait in one leap on the twin (libs/analog "Idle leaps").
   */
  readonly whileSettling?: (builder: PlaybackProgramBuilder) => void;
  /** Appends the stimulus and reads after the settling wait, runs the program, returns one value per neuron. */
  measure(builder: PlaybackProgramBuilder, connection: Connection): Promise<Float64Array>;
}

export function capMemRowCalibration(spec: CapMemRowCalibrationSpec): Calibration {
  return {
    name: `${spec.name} (${spec.parameter})`,
    range: spec.range ?? { min: 0, max: 1022 },
    instances: NEURONS,
    direction: spec.direction,
    configure(builder, codes) {
      setNeuronCapMem(builder, spec.parameter, codes);
      spec.whileSettling?.(builder);
    },
    async measure(builder, connection) {
      waitUs(builder, spec.settleUs);
      return spec.measure(builder, connection);
    },
  };
}

/**
 * Writes the codes a search found (the chip keeps them for the next calibration step) and waits `settleUs`,
 * so that what is measured next sees them settled.
 */
export async function applyNeuronCodes(connection: Connection, parameter: NeuronParameter, codes: ArrayLike<number>, settleUs = 0): Promise<void> {
  const builder = new PlaybackProgramBuilder();
  setNeuronCapMem(builder, parameter, codes);
  if (settleUs > 0) waitUs(builder, settleUs);
  await connection.run(builder.done());
}
