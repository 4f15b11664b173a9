import { calibrateSpikingNeurons, calibrationChip, neuronTargets, type CalibrationCache } from '@bss2/calib';
import type { Connection } from '@bss2/playback';
import type { Chip } from '@bss2/regs';
import type { NetworkCalibrationTargets } from '@bss2/snn';
import { cachedResult } from '../calibrate/calibration-cache-directory.js';
import { CalibrationProgress, type ProgressStream } from '../calibrate/calibration-progress.js';

/** Where the last calibration came from, for the output and the report. */
export interface CalibrationRecord {
  readonly source: 'cache' | 'measured';
  /** The cache entry it was loaded from or stored in; undefined without a cache (a served chip). */
  readonly entry: string | undefined;
  readonly seconds: number;
  /** Neurons libs/calib reported out of reach of their targets. */
  readonly failures: number;
}

export interface NetworkCalibrator {
  /** libs/snn `TwinBackendOptions.calibrate`. */
  readonly calibrate: (targets: NetworkCalibrationTargets) => Promise<Chip>;
  /** The last calibration, once one ran. */
  readonly last: () => CalibrationRecord | undefined;
}

/**
 * Calibrates the training's chip for the network's own targets (hxtorch's `ExecutionInstance.calibrate` with a
 * calib cache directory, reference §6.6): the cache entry for (chip, targets) if there is one, else libs/calib's
 * spiking-neuron sequence on the connection, with its progress, stored in the cache. A served chip (no `cache`) is
 * measured every time: its identity is the server's.
 */
export function networkCalibrator(connection: Connection, chip: string, cache: CalibrationCache | undefined, progress: ProgressStream): NetworkCalibrator {
  let last: CalibrationRecord | undefined;
  const calibrate = async (targets: NetworkCalibrationTargets): Promise<Chip> => {
    const started = performance.now();
    const complete = neuronTargets(targets);
    const cached = cache === undefined ? undefined : cachedResult(cache, chip, complete);
    if (cached !== undefined) {
      last = { source: 'cache', entry: cache!.pathOf(chip, complete), seconds: (performance.now() - started) / 1000, failures: cached.failures.length };
      return calibrationChip(cached);
    }
    const bars = new CalibrationProgress(progress);
    let completed = false;
    try {
      const result = await calibrateSpikingNeurons(connection, complete, { chipIdentity: chip, onProgress: bars.onProgress });
      completed = true;
      last = { source: 'measured', entry: cache?.put(result), seconds: (performance.now() - started) / 1000, failures: result.failures.length };
      return calibrationChip(result);
    } finally {
      bars.finish(completed);
    }
  };
  return { calibrate, last: () => last };
}
