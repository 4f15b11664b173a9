import type { PpuBus } from '../ppu-bus.js';

// A chip stand-in for tests: synapse rows and CADC rows as arrays, and a log of every port call, so tests can
// check that vector I/O reached the right row and columns.

export class FakeBus implements PpuBus {
  readonly ppu = 0;
  now = 0;
  readonly memory = new Uint32Array(4096);
  readonly weights = Array.from({ length: 256 }, () => new Uint8Array(256));
  readonly labels = Array.from({ length: 256 }, () => new Uint8Array(256));
  /** CADC rows per type (0 causal, 1 acausal). */
  readonly cadc = [0, 1].map(() => Array.from({ length: 256 }, () => new Uint8Array(256)));
  readonly counters = new Uint8Array(256);
  readonly registers = new Map<number, number>();
  readonly log: string[] = [];

  readSynapseWeights(row: number, out: Uint8Array): void {
    this.log.push(`readSynapseWeights ${row}`);
    out.set(this.weights[row]!);
  }
  writeSynapseWeights(row: number, values: Uint8Array, mask?: Uint8Array): void {
    this.log.push(`writeSynapseWeights ${row}`);
    values.forEach((v, c) => {
      if (mask === undefined || mask[c] !== 0) this.weights[row]![c] = v;
    });
  }
  readSynapseLabels(row: number, out: Uint8Array): void {
    this.log.push(`readSynapseLabels ${row}`);
    out.set(this.labels[row]!);
  }
  writeSynapseLabels(row: number, values: Uint8Array, mask?: Uint8Array): void {
    this.log.push(`writeSynapseLabels ${row}`);
    values.forEach((v, c) => {
      if (mask === undefined || mask[c] !== 0) this.labels[row]![c] = v;
    });
  }
  readCadcRow(type: number, row: number, out: Uint8Array): void {
    this.log.push(`readCadcRow ${type} ${row}`);
    out.set(this.cadc[type]![row]!);
  }
  /** Logs the row and the columns reset: `all`, or the list of columns. */
  resetCorrelation(row: number, mask?: Uint8Array): void {
    const columns = mask === undefined ? 'all' : Array.from(mask.keys()).filter((c) => mask[c] !== 0).join(',');
    this.log.push(`resetCorrelation ${row} ${columns}`);
  }
  spikeCounter(column: number): number {
    return this.counters[column]!;
  }
  resetSpikeCounter(column: number): void {
    this.counters[column] = 0;
  }
  omnibusRead(address: number): number {
    this.log.push(`omnibusRead 0x${address.toString(16)}`);
    const value = this.registers.get(address);
    if (value === undefined) throw new Error(`no register at 0x${address.toString(16)}`);
    return value;
  }
  omnibusWrite(address: number, value: number): void {
    this.log.push(`omnibusWrite 0x${address.toString(16)} 0x${value.toString(16)}`);
    this.registers.set(address, value);
  }
}
