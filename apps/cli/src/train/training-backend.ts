import { calibrationChip, loadResult } from '@bss2/calib';
import { TwinConnection } from '@bss2/chip';
import type { Connection } from '@bss2/playback';
import type { Chip } from '@bss2/regs';
import { RemoteConnection } from '@bss2/remote';
import { TwinBackend, type SnnBackend } from '@bss2/snn';
import type { TrainSettings } from './train-options.js';

/** The `backend` for libs/snn's `trainYinYang`, how the output names it, and how to let go of its chip. */
export interface TrainingBackend {
  readonly backend: 'mock' | SnnBackend;
  /** Short, for plot titles: `mock`, `twin:twin-0 (analog)`, `remote:tcp://…#0`. */
  readonly label: string;
  readonly description: string;
  close(): Promise<void>;
}

/**
 * `mock`: libs/snn's software model. `twin`: an in-process `analog` twin (identity `--chip`), `tcp://…`: a chip
 * served by `bss2 serve`; both through libs/snn's TwinBackend, the hardware-in-the-loop path of reference §6.4,
 * with the CapMem and CADC settings of a `bss2 calibrate` result when `--calibration` names one.
 */
export function openTrainingBackend(settings: TrainSettings): TrainingBackend {
  const choice = settings.backend;
  if (choice.kind === 'mock') return { backend: 'mock', label: 'mock', description: 'mock (libs/snn software model)', close: () => Promise.resolve() };
  // A served chip's identity is the server's to know: the result's own identity check applies in process only.
  const calibration: Chip | undefined =
    settings.calibration === undefined ? undefined : calibrationChip(loadResult(settings.calibration, choice.kind === 'twin' ? { chipIdentity: settings.chip } : {}));
  const connection: Connection & { close(): Promise<void> } =
    choice.kind === 'twin' ? new TwinConnection({ identity: settings.chip, fidelity: 'analog' }) : new RemoteConnection(choice.endpoint);
  const backend = new TwinBackend(connection, calibration === undefined ? {} : { calibration });
  const description = `${connection.description} in the loop, ${settings.calibration === undefined ? 'uncalibrated (nominal CapMem settings)' : `calibrated (${settings.calibration})`}`;
  return { backend, label: connection.description, description, close: () => connection.close() };
}
