import { calibrateSpikingNeurons, calibrationChip, type SpikingCalibrationOptions } from '@bss2/calib';
import type { Connection } from '@bss2/playback';
import type { Chip } from '@bss2/regs';
import type { NetworkCalibrationTargets } from './calibration-targets.js';

/**
 * `TwinBackendOptions.calibrate` by libs/calib's spiking-neuron calibration on `connection` itself (calix's
 * sequence, reference §7.2), uncached: hxtorch's `ExecutionInstance.calibrate` without a cache directory (§6.6).
 */
export function calibrateOnConnection(connection: Connection, options: SpikingCalibrationOptions): (targets: NetworkCalibrationTargets) => Promise<Chip> {
  return async (targets) => calibrationChip(await calibrateSpikingNeurons(connection, targets, options));
}
