import type { Fidelity } from '@bss2/analog';
import { ChipError } from './chip-error.js';
import { TwinConnection } from './twin-connection.js';

/** A multi-chip setup (reference §5.6, "Multi…Connection"): N twin chips, each with its own identity. */
export interface TwinSystemOptions {
  readonly fidelity: Fidelity;
  /** The chips' identities; their count is the number of chips. Default: one chip "twin-0". */
  readonly identities?: readonly string[];
  readonly mismatch?: boolean;
  readonly noise?: boolean;
  readonly dtCycles?: number;
}

export class TwinSystem {
  readonly connections: readonly TwinConnection[];

  constructor(options: TwinSystemOptions) {
    const identities = options.identities ?? ['twin-0'];
    if (identities.length === 0) throw new ChipError('out-of-range', 'a twin system needs at least one chip', { value: 0, range: { min: 1, max: Infinity } });
    if (new Set(identities).size !== identities.length) {
      throw new ChipError('out-of-range', `chip identities must be unique, got ${identities.join(', ')}`, { value: identities });
    }
    const { fidelity, mismatch, noise, dtCycles } = options;
    this.connections = identities.map((identity) => new TwinConnection({ identity, fidelity, mismatch, noise, dtCycles }));
  }

  /** Identities `prefix-0` … `prefix-(count−1)`. */
  static numbered(count: number, prefix: string, options: Omit<TwinSystemOptions, 'identities'>): TwinSystem {
    if (!Number.isInteger(count) || count < 1) {
      throw new ChipError('out-of-range', `chip count ${count} is not a positive integer`, { value: count, range: { min: 1, max: Infinity } });
    }
    return new TwinSystem({ ...options, identities: Array.from({ length: count }, (_, i) => `${prefix}-${i}`) });
  }

  get size(): number {
    return this.connections.length;
  }

  connection(chip: number): TwinConnection {
    const connection = this.connections[chip];
    if (connection === undefined) {
      throw new ChipError('out-of-range', `chip ${chip} does not exist in a system of ${this.size}`, {
        value: chip,
        range: { min: 0, max: this.size - 1 },
      });
    }
    return connection;
  }

  async close(): Promise<void> {
    await Promise.all(this.connections.map((c) => c.close()));
  }
}
