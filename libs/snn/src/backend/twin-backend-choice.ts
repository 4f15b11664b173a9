import { TwinConnection } from '@bss2/chip';
import type { Connection } from '@bss2/playback';
import type { Chip } from '@bss2/regs';
import type { SnnBackend } from './backend.js';
import { TwinBackend } from './twin-backend.js';

/**
 * The Experiment's `backend` option resolved: `'twin'` becomes a `TwinBackend` on an in-process `analog` twin,
 * a `Connection` (anything with `run`, not `execute`) a `TwinBackend` on it; `'mock'` and backends stay.
 */
export function twinBackendFor(backend: 'mock' | 'twin' | SnnBackend | Connection, calibration: Chip | undefined): 'mock' | SnnBackend {
  if (backend === 'mock') return backend;
  if (backend === 'twin') return new TwinBackend(new TwinConnection({ identity: 'snn-twin', fidelity: 'analog' }), calibration ? { calibration } : {});
  if ('execute' in backend) return backend;
  return new TwinBackend(backend, calibration ? { calibration } : {});
}
