import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { CalibError } from '../calib-error.js';
import { checkCalibration, measureCodes, targetsPerInstance, type Calibration, type SearchProgress, type SearchResult } from '../calibration.js';
import { BestMeasurements, type SearchAlgorithm } from './search-algorithm.js';

/**
 * calix's `LinearSearch` (reference §7.5): from initial codes, every instance steps by `stepSize` towards its
 * target until its measurement crosses it (or `maxSteps` measurements were made); the best code measured is
 * returned. For refining codes that are already close (e.g. the second leak calibration of §7.2).
 */
export class LinearSearch implements SearchAlgorithm {
  constructor(
    readonly initial: number | ArrayLike<number>,
    readonly stepSize = 1,
    readonly maxSteps = 20,
  ) {
    if (!Number.isInteger(stepSize) || stepSize < 1) throw new CalibError('invalid-calibration', `LinearSearch step size ${stepSize} must be a positive integer`, stepSize, { min: 1, max: Number.MAX_SAFE_INTEGER });
    if (!Number.isInteger(maxSteps) || maxSteps < 1) throw new CalibError('invalid-calibration', `LinearSearch maxSteps ${maxSteps} must be a positive integer`, maxSteps, { min: 1, max: Number.MAX_SAFE_INTEGER });
  }

  async run(calibration: Calibration, connection: Connection, target: number | ArrayLike<number>, onProgress?: SearchProgress): Promise<SearchResult> {
    checkCalibration(calibration);
    const targets = targetsPerInstance(calibration, target);
    const { min, max } = calibration.range;
    const codes = Int32Array.from(targetsPerInstance(calibration, this.initial), (c) => Math.min(max, Math.max(min, Math.round(c))));
    const sign = calibration.direction === 'increasing' ? 1 : -1;
    /** The direction each instance is moving in; 0 once it crossed its target (it stays at its best). */
    const moving = new Int8Array(calibration.instances);
    const best = new BestMeasurements(calibration.instances);
    for (let step = 0; step < this.maxSteps; step++) {
      const values = await measureCodes(calibration, connection, new PlaybackProgramBuilder(), codes);
      best.offer(codes, values, targets);
      onProgress?.(step + 1, this.maxSteps);
      let active = 0;
      for (let i = 0; i < codes.length; i++) {
        const value = values[i] as number;
        if (Number.isNaN(value)) continue;
        const want = value < (targets[i] as number) ? sign : value > (targets[i] as number) ? -sign : 0;
        if (step === 0) moving[i] = want;
        else if (want !== moving[i]) moving[i] = 0;
        const next = Math.min(max, Math.max(min, (codes[i] as number) + (moving[i] as number) * this.stepSize));
        if (next !== codes[i]) active++;
        codes[i] = next;
      }
      if (active === 0) break;
    }
    return best.result();
  }
}
