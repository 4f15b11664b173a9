import { TwinConnection } from '@bss2/chip';
import type { Connection } from '@bss2/playback';
import type { Chip } from '@bss2/regs';
import type { SnnBackend } from './backend.js';
import { calibrateOnConnection } from './network-calibration.js';
import { TwinBackend, type TwinBackendOptions } from './twin-backend.js';

/**
 * The Experiment's `backend` option resolved: `'twin'` becomes a `TwinBackend` on an in-process `analog` twin,
 * a `Connection` (anything with `run`, not `execute`) a `TwinBackend` on it; `'mock'` and backends stay.
 * `calibration: 'network'` calibrates the chip for the network's own targets before its first run (§6.6).
 */
export function twinBackendFor(backend: 'mock' | 'twin' | SnnBackend | Connection, calibration: Chip | 'network' | undefined): 'mock' | SnnBackend {
  if (backend === 'mock') return backend;
  if (backend !== 'twin' && 'execute' in backend) return backend;
  const connection = backend === 'twin' ? new TwinConnection({ identity: 'snn-twin', fidelity: 'analog' }) : backend;
  const options: TwinBackendOptions =
    calibration === undefined ? {} : calibration === 'network' ? { calibrate: calibrateOnConnection(connection, { chipIdentity: connection.description }) } : { calibration };
  return new TwinBackend(connection, options);
}
