import type { SearchProgress } from '../calibration.js';
import type { Spread } from '../result/calibration-result.js';

// What every MAC calibration step shares: how it measures and what it reports.

export interface MacStepOptions {
  /** Wait after CapMem writes (default calix's 20 ms, reference §2.3). */
  readonly settleUs: number;
  /** MAC runs averaged per measurement. */
  readonly repeats: number;
  /** Wait after the last event before the read, µs. */
  readonly readDelayUs: number;
  readonly seed: number;
  readonly onProgress?: SearchProgress;
}

export interface MacStepResult {
  /** Per instance (neuron, CapMem block or CADC channel) the code found. */
  readonly codes: Int32Array;
  /** The step's own measurement with those codes. */
  readonly values: Float64Array;
  readonly before: Spread;
  readonly after: Spread;
}
