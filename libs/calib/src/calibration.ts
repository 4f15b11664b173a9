import type { Connection, PlaybackProgramBuilder } from '@bss2/playback';
import { CalibError, type CalibRange } from './calib-error.js';

// One calibration step as the search algorithms drive it (calix `base.Calib`, reference §7.5): a parameter
// with an integer range set for many instances at once (e.g. a CapMem row for all 512 neurons), and a
// measurement of the quantity it controls. Every step is a playback program: `configure` writes the codes,
// `measure` appends its stimuli and reads, runs the program on the connection and returns one value per
// instance. So the same calibration runs on an in-process twin, a remote twin or the real chip.

/** How the measured value moves with the code. calix's `inverted` calibrations are `decreasing`. */
export type Direction = 'increasing' | 'decreasing';

export interface Calibration {
  /** For progress reports and errors, e.g. `leak potential (v_leak)`. */
  readonly name: string;
  /** Legal codes, inclusive (CapMem: 0..1022). */
  readonly range: CalibRange;
  /** Number of instances calibrated in parallel (neurons, CADC channels, quadrants…). */
  readonly instances: number;
  readonly direction: Direction;
  /** Writes the codes of every instance into the program. */
  configure(builder: PlaybackProgramBuilder, codes: Int32Array): void;
  /** Appends the measurement to the program (after `configure`), runs it and returns one value per instance. */
  measure(builder: PlaybackProgramBuilder, connection: Connection): Promise<Float64Array>;
}

/** What a search found: per instance the best code tried and the value measured with it. */
export interface SearchResult {
  readonly codes: Int32Array;
  readonly values: Float64Array;
}

/** Called after every measurement of a search: `step` of `steps` is done. */
export type SearchProgress = (step: number, steps: number) => void;

/** Checks a calibration's declared shape before any program is built. */
export function checkCalibration(calibration: Calibration): void {
  const { min, max } = calibration.range;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) {
    throw new CalibError('invalid-calibration', `${calibration.name}: parameter range ${min}..${max} is not an integer range`, calibration.range);
  }
  if (!Number.isInteger(calibration.instances) || calibration.instances < 1) {
    throw new CalibError('invalid-calibration', `${calibration.name}: instance count ${calibration.instances} must be a positive integer`, calibration.instances, {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
    });
  }
}

/** One target per instance: a number applies to all. */
export function targetsPerInstance(calibration: Calibration, target: number | ArrayLike<number>): Float64Array {
  if (typeof target === 'number') return new Float64Array(calibration.instances).fill(target);
  if (target.length !== calibration.instances) {
    throw new CalibError('invalid-calibration', `${calibration.name}: ${target.length} targets for ${calibration.instances} instances`, target.length, {
      min: calibration.instances,
      max: calibration.instances,
    });
  }
  return Float64Array.from(target);
}

/** Runs one configure-and-measure program and checks the answer's shape. */
export async function measureCodes(calibration: Calibration, connection: Connection, builder: PlaybackProgramBuilder, codes: Int32Array): Promise<Float64Array> {
  calibration.configure(builder, codes);
  const values = await calibration.measure(builder, connection);
  if (values.length !== calibration.instances) {
    throw new CalibError('measurement-failed', `${calibration.name}: the measurement returned ${values.length} values for ${calibration.instances} instances`, values.length);
  }
  return values;
}
