import type { VectorEnvironment } from '../vector/vector-environment.js';
import { VECTOR_BYTES } from '../vector/vector-geometry.js';
import {
  accessFault, EXTERNAL_DRAM_ALIAS, EXTERNAL_DRAM_BYTES, EXTERNAL_SRAM_ALIAS, EXTERNAL_SRAM_BYTES, EXTERNAL_SRAM_OMNIBUS,
  INTERNAL_MEMORY_BYTES, readByte, writeByte,
} from './memory-map.js';
import { PPU_CYCLES } from './ppu-timing.js';
import type { PpuState } from './ppu-state.js';

// The vector unit's memory and I/O side (reference §4.5, §4.6, §10.8) over the chip port. `prepare` decodes
// the effective address of fxvlax/fxvstax/fxvinx/fxvoutx before the instruction runs, so a bad address halts
// the core without touching VRT, and gives the access's cycle cost; the environment methods then move the data.
//
// Vector I/O (fxvinx/fxvoutx), §4.5: below 0x10_0000 the address is base + index, index = row·2 + half (row
// 0..255; half 0 = even columns, lane k ↔ column 2k; half 1 = odd columns, lane k ↔ column 2k + 1, §10.8).
//
// | base       | fxvinx                               | fxvoutx                                   |
// |------------|--------------------------------------|-------------------------------------------|
// | 0x0_0000   | weights                              | weights (6 bit, §4.5 mask 0x3f)           |
// | 0x4_0000   | labels (decoder addresses)           | labels (6 bit)                            |
// | 0x8_0000   | causal CADC conversion of the row    | correlation reset of the row (§4.10 3.2)  |
// | 0xC_0000   | acausal CADC conversion              | correlation reset of the row              |
// | 0x9_0000   | causal conversion, then row reset    | correlation reset of the row              |
// | 0xD_0000   | acausal conversion, then row reset   | correlation reset of the row              |
//
// Twin choices: the chip port resets a row's correlation as a whole, so the written values and the mask of a
// reset write do not matter; reading a vreset base converts and then resets (read-and-reset). Config even/odd,
// random generator, raw and neuron-reset bases are not reachable through the port and fault as
// `unsupported-access`. 0x8000_0000 + offset (§4.5 "external memory") is the external SRAM; fxvlax/fxvstax
// reach it through the data alias 0x4000_0000 + offset; both need word alignment. External DRAM faults.

const enum Target {
  Internal,
  ExternalSram,
  Weights,
  Labels,
  Cadc,
  CadcReset,
  CorrelationReset,
}

/** Vector I/O bases (§4.5) the port serves, by `ea >>> 16`. */
const IO_BASES: Readonly<Record<number, { readonly read: Target; readonly write: Target; readonly type: number }>> = {
  0x0: { read: Target.Weights, write: Target.Weights, type: 0 },
  0x4: { read: Target.Labels, write: Target.Labels, type: 0 },
  0x8: { read: Target.Cadc, write: Target.CorrelationReset, type: 0 },
  0xc: { read: Target.Cadc, write: Target.CorrelationReset, type: 1 },
  0x9: { read: Target.CadcReset, write: Target.CorrelationReset, type: 0 },
  0xd: { read: Target.CadcReset, write: Target.CorrelationReset, type: 1 },
};
/** Bases of §4.5 the port does not model: config even/odd, random generator, raw. */
const UNSUPPORTED_IO_BASES: ReadonlySet<number> = new Set([0x1, 0x2, 0xe, 0xf]);
/** Vector I/O address of external memory (§4.5) and of external DRAM. */
const IO_EXTERNAL_SRAM = 0x8000_0000;
const IO_EXTERNAL_DRAM = 0x8100_0000;
/** Synapse vectors per hemisphere: 256 rows × 2 halves (§4.5). */
const IO_INDICES = 512;

export class PpuVectorBus implements VectorEnvironment {
  private target = Target.Internal;
  private row = 0;
  private half = 0;
  private type = 0;
  /** First omnibus word of an external SRAM access. */
  private word = 0;
  private readonly rowValues = new Uint8Array(256);
  private readonly rowMask = new Uint8Array(256);

  constructor(private readonly state: PpuState) {}

  /**
   * Decodes the address of memory (`io` false: fxvlax/fxvstax) or vector I/O (`io` true) access at `ea` for the
   * instruction at `pc`. Returns its cost in PPU cycles, or −1 after halting the core with a fault.
   */
  prepare(io: boolean, write: boolean, ea: number, pc: number): number {
    const address = ea >>> 0;
    if (!io && address + VECTOR_BYTES <= INTERNAL_MEMORY_BYTES) {
      this.target = Target.Internal;
      return PPU_CYCLES.memory;
    }
    const sramBase = io ? IO_EXTERNAL_SRAM : EXTERNAL_SRAM_ALIAS;
    if (address >= sramBase && address + VECTOR_BYTES <= sramBase + EXTERNAL_SRAM_BYTES) {
      if (address % 4 !== 0) return this.fail('misaligned-access', pc, address, 'external SRAM vector access not word-aligned');
      this.target = Target.ExternalSram;
      this.word = EXTERNAL_SRAM_OMNIBUS + (address - sramBase) / 4;
      return PPU_CYCLES.externalSram;
    }
    const dram = io ? address >= IO_EXTERNAL_DRAM && address < IO_EXTERNAL_DRAM + EXTERNAL_DRAM_BYTES : address >= EXTERNAL_DRAM_ALIAS && address < EXTERNAL_DRAM_ALIAS + EXTERNAL_DRAM_BYTES;
    if (dram) return this.fail('unsupported-access', pc, address, 'external DRAM is not modelled by the chip port');
    if (!io || address >= 0x10_0000) return this.fail('out-of-range-access', pc, address, `vector ${io ? 'I/O' : 'memory'} access outside every window`);
    const base = address >>> 16;
    const index = address & 0xffff;
    if (UNSUPPORTED_IO_BASES.has(base)) return this.fail('unsupported-access', pc, address, 'vector I/O base not modelled by the chip port');
    const entry = IO_BASES[base];
    if (entry === undefined || index >= IO_INDICES) return this.fail('out-of-range-access', pc, address, 'no vector I/O base or index beyond row 255');
    this.target = write ? entry.write : entry.read;
    this.type = entry.type;
    this.row = index >>> 1;
    this.half = index & 1;
    return this.target === Target.Cadc || this.target === Target.CadcReset ? PPU_CYCLES.cadcConversion : PPU_CYCLES.synapseIo;
  }

  loadVector(ea: number, out: Uint8Array): void {
    if (this.target === Target.ExternalSram) return this.readExternal(out);
    const memory = this.state.bus.memory;
    for (let k = 0; k < VECTOR_BYTES; k++) out[k] = readByte(memory, ea + k);
  }

  storeVector(ea: number, data: Uint8Array, mask: Uint8Array | undefined): void {
    if (this.target === Target.ExternalSram) return this.writeExternal(data, mask);
    const memory = this.state.bus.memory;
    for (let k = 0; k < VECTOR_BYTES; k++) if (mask === undefined || mask[k] !== 0) writeByte(memory, ea + k, data[k]!);
  }

  ioRead(_ea: number, out: Uint8Array): void {
    const bus = this.state.bus;
    const row = this.rowValues;
    switch (this.target) {
      case Target.ExternalSram:
        return this.readExternal(out);
      case Target.Weights:
        bus.readSynapseWeights(this.row, row);
        break;
      case Target.Labels:
        bus.readSynapseLabels(this.row, row);
        break;
      default:
        bus.readCadcRow(this.type, this.row, row);
        if (this.target === Target.CadcReset) bus.resetCorrelation(this.row);
    }
    for (let k = 0; k < VECTOR_BYTES; k++) out[k] = row[2 * k + this.half]!;
  }

  ioWrite(_ea: number, data: Uint8Array, mask: Uint8Array | undefined): void {
    const bus = this.state.bus;
    if (this.target === Target.ExternalSram) return this.writeExternal(data, mask);
    if (this.target !== Target.Weights && this.target !== Target.Labels) return bus.resetCorrelation(this.row);
    // Only this half's columns are written; synapse fields are 6 bit wide (§4.5 masks).
    const values = this.rowValues;
    const columns = this.rowMask.fill(0);
    for (let k = 0; k < VECTOR_BYTES; k++) {
      values[2 * k + this.half] = data[k]! & 0x3f;
      columns[2 * k + this.half] = mask === undefined ? 1 : mask[k]!;
    }
    if (this.target === Target.Weights) bus.writeSynapseWeights(this.row, values, columns);
    else bus.writeSynapseLabels(this.row, values, columns);
  }

  private readExternal(out: Uint8Array): void {
    for (let w = 0; w < VECTOR_BYTES / 4; w++) {
      const word = this.state.bus.omnibusRead(this.word + w);
      for (let i = 0; i < 4; i++) out[4 * w + i] = (word >>> (24 - 8 * i)) & 0xff;
    }
  }

  private writeExternal(data: Uint8Array, mask: Uint8Array | undefined): void {
    for (let w = 0; w < VECTOR_BYTES / 4; w++) {
      let word = mask === undefined ? 0 : this.state.bus.omnibusRead(this.word + w);
      for (let i = 0; i < 4; i++) {
        if (mask !== undefined && mask[4 * w + i] === 0) continue;
        const shift = 24 - 8 * i;
        word = (word & ~(0xff << shift)) | (data[4 * w + i]! << shift);
      }
      this.state.bus.omnibusWrite(this.word + w, word >>> 0);
    }
  }

  private fail(code: 'misaligned-access' | 'out-of-range-access' | 'unsupported-access', pc: number, address: number, why: string): number {
    accessFault(this.state, code, pc, address, why);
    return -1;
  }
}
