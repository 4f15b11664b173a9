import { calibrationChip, loadResult } from '@bss2/calib';
import { TwinConnection } from '@bss2/chip';
import type { Connection } from '@bss2/playback';
import { RemoteConnection } from '@bss2/remote';
import { TwinBackend, type SnnBackend, type TwinBackendOptions } from '@bss2/snn';
import { calibrationCacheFor, defaultCacheRoot } from '../calibrate/calibration-cache-directory.js';
import type { ProgressStream } from '../calibrate/calibration-progress.js';
import { networkCalibrator, type NetworkCalibrator } from './network-calibrator.js';
import type { TrainSettings } from './train-options.js';

/** The `backend` for libs/snn's trainers (`trainYinYang`, `trainMnist16`), how the output names it, and how to let go of its chip. */
export interface TrainingBackend {
  readonly backend: 'mock' | SnnBackend;
  /** Short, for plot titles: `mock`, `twin:twin-0 (analog)`, `remote:tcp://…#0`. */
  readonly label: string;
  /** Where it ran and how the chip was set up; complete once training has started (a calibration ran or loaded). */
  describe(): string;
  close(): Promise<void>;
}

/**
 * `mock`: libs/snn's software model. `twin`: an in-process `analog` twin (identity `--chip`), `tcp://…`: a chip
 * served by `bss2 serve`; both through libs/snn's TwinBackend, the hardware-in-the-loop path of reference §6.4,
 * the chip calibrated for the network's own targets before the first batch (cached per chip and targets for the
 * in-process twin, §6.6), or set up from a `bss2 calibrate` result file, or left at nominal CapMem codes.
 */
export function openTrainingBackend(settings: TrainSettings, progress: ProgressStream): TrainingBackend {
  const choice = settings.backend;
  if (choice.kind === 'mock') return { backend: 'mock', label: 'mock', describe: () => 'mock (libs/snn software model)', close: () => Promise.resolve() };
  const connection: Connection & { close(): Promise<void> } =
    choice.kind === 'twin' ? new TwinConnection({ identity: settings.chip, fidelity: 'analog' }) : new RemoteConnection(choice.endpoint);
  const setup = chipSetup(settings, connection, progress);
  const backend = new TwinBackend(connection, setup.options);
  return { backend, label: connection.description, describe: () => `${connection.description} in the loop, ${setup.describe()}`, close: () => connection.close() };
}

function chipSetup(settings: TrainSettings, connection: Connection, progress: ProgressStream): { options: TwinBackendOptions; describe: () => string } {
  const { calibration } = settings;
  const inProcess = settings.backend.kind === 'twin';
  switch (calibration.kind) {
    case 'file': {
      // A served chip's identity is the server's to know: the result's own identity check applies in process only.
      const chip = calibrationChip(loadResult(calibration.path, inProcess ? { chipIdentity: settings.chip } : {}));
      return { options: { calibration: chip }, describe: () => `calibrated (${calibration.path})` };
    }
    case 'network': {
      const cache = inProcess ? calibrationCacheFor(calibration.cacheDir ?? defaultCacheRoot(), 'analog', undefined) : undefined;
      const calibrator = networkCalibrator(connection, inProcess ? settings.chip : connection.description, cache, progress);
      return { options: { calibrate: calibrator.calibrate }, describe: () => describeCalibration(calibrator) };
    }
    default:
      return { options: {}, describe: () => 'uncalibrated (nominal CapMem settings)' };
  }
}

function describeCalibration(calibrator: NetworkCalibrator): string {
  const last = calibrator.last();
  if (last === undefined) return 'calibrated for the network\'s targets';
  const how = last.source === 'cache' ? `loaded from the cache (${last.entry})` : `measured in ${last.seconds.toFixed(1)} s${last.entry === undefined ? '' : `, cached in ${last.entry}`}`;
  return `calibrated for the network's targets, ${how}, ${last.failures} neuron${last.failures === 1 ? '' : 's'} out of reach`;
}
