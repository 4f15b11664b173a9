import { AtomicNeuronOnDLS } from '@bss2/coords';
import { NeuronReset } from '@bss2/regs';
import type { VectorEnvironment } from '../vector/vector-environment.js';
import type { VectorUnit } from '../vector/vector-unit.js';
import { VECTOR_BYTES } from '../vector/vector-geometry.js';
import {
  accessFault, EXTERNAL_DRAM_ALIAS, EXTERNAL_DRAM_BYTES, EXTERNAL_DRAM_OMNIBUS, EXTERNAL_SRAM_ALIAS, EXTERNAL_SRAM_BYTES,
  EXTERNAL_SRAM_OMNIBUS, INTERNAL_MEMORY_BYTES, readByte, writeByte,
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
// | base          | fxvinx                               | fxvoutx                                   | cycles |
// |---------------|--------------------------------------|-------------------------------------------|--------|
// | 0x0_0000      | weights                              | weights (6 bit, §4.5 mask 0x3f)           | 8      |
// | 0x4_0000      | labels (decoder addresses)           | labels (6 bit)                            | 8      |
// | 0x8_0000      | causal CADC conversion of the row    | correlation reset (§4.10 3.2)             | 135/8  |
// | 0xC_0000      | acausal CADC conversion              | correlation reset                         | 135/8  |
// | 0x9_0000      | causal conversion, then reset        | correlation reset                         | 135/8  |
// | 0xD_0000      | acausal conversion, then reset       | correlation reset                         | 135/8  |
// | 0xE_0000      | 128 pseudo-random bytes              | fault `unsupported-access`                | 8      |
// | 0x1_0000,     | fault `unsupported-access`: §4.5 gives no bit layout for the config even/odd and raw  |        |
// | 0x2_0000,     | synapse words, so the twin does not guess one                                         |        |
// | 0xF_0000      |                                                                                       |        |
// | 0xC9_0000+512 | fault `unsupported-access`           | neuron reset, index 0 even / 1 odd columns | 8      |
// | 0x8000_0000   | external SRAM (+ offset, §4.5 "external memory"), as fxvlax/fxvstax at 0x4000_0000  | 100    |
// | 0x8100_0000   | external DRAM (+ offset), as fxvlax/fxvstax at its data alias 0x5000_0000 (§4.6)    | 600    |
//
// Twin choices:
// - A correlation reset resets the synapses of the vector: this half's columns, those of the lanes written
//   (all 128 for C = 0, the lanes whose condition holds otherwise); the written values do not matter. Reading
//   a vreset base converts and then resets the half's columns (read-and-reset). So the even and odd halves of
//   a row are reset on their own, as §4.10 relies on (it resets each vector right after reading it).
// - External SRAM and DRAM are reached over the FPGA-side omnibus (words 0x8000_0000 / 0x8400_0000 + offset/4,
//   §1.7), need word alignment, and a masked store reads, merges and writes each word.
// - Random generator (libnux has a parallel RNG, §4.9; the chip's generator is undocumented): every index
//   0..511 of the base gives the next 32 words of a per-PPU stream, word n = lowbias32(RANDOM_SEED + 2n + ppu).
//   The hash is bijective and the PPUs take alternate inputs, so their streams never repeat or overlap within
//   2^31 words. n counts from 0 at every core start (`PpuState.randomDraws`), so runs are reproducible. A masked
//   fxvinx still draws all 32 words. The cost is that of the other on-chip vector I/O (§10.8 has no figure).
// - Neuron reset: fxvoutx writes NeuronReset (§1.7 neuron reset SRAM) of neuron ppu·256 + column for every
//   column of the half whose lane is written (all 128 for C = 0, the lanes whose condition holds otherwise);
//   the written values do not matter.

const enum Target {
  Internal,
  External,
  Weights,
  Labels,
  Cadc,
  CadcReset,
  CorrelationReset,
  Random,
  NeuronReset,
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
/** Bases of §4.5 without a bit layout in the reference: config even/odd, raw. */
const UNSUPPORTED_IO_BASES: ReadonlySet<number> = new Set([0x1, 0x2, 0xf]);
/** The random generator base (§4.5). */
const IO_RANDOM_BASE = 0xe;
/** Neuron reset (§4.5): index 0 resets even columns, index 1 odd columns. */
const IO_NEURON_RESET = 0x00c9_0000 + 512;
/** Vector I/O address of external memory (§4.5) and of external DRAM. */
const IO_EXTERNAL_SRAM = 0x8000_0000;
const IO_EXTERNAL_DRAM = 0x8100_0000;
/** Synapse vectors per hemisphere: 256 rows × 2 halves (§4.5). */
const IO_INDICES = 512;
/** Start of the random generator's input sequence (twin choice, an arbitrary constant). */
const RANDOM_SEED = 0x2545_f491;
/** Neurons per hemisphere row (§1.1): PPU p's column c is AtomicNeuronOnDLS p·256 + c. */
const NEURON_COLUMNS = 256;
/** Omnibus address of NeuronReset for each AtomicNeuronOnDLS (§1.7), looked up once. */
const NEURON_RESET_ADDRESSES = Uint32Array.from({ length: 2 * NEURON_COLUMNS }, (_, n) => NeuronReset.addresses(AtomicNeuronOnDLS(n))[0]!);

/** Chris Wellons' lowbias32: a bijective 32-bit integer hash with low bias, good enough for plasticity noise. */
function lowbias32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb_352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846c_a68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** `address` .. `address` + 127 lie within `size` bytes from `base`. */
function within(address: number, base: number, size: number): boolean {
  return address >= base && address + VECTOR_BYTES <= base + size;
}

export class PpuVectorBus implements VectorEnvironment {
  private target = Target.Internal;
  private row = 0;
  private half = 0;
  private type = 0;
  /** First omnibus word of an external SRAM or DRAM access. */
  private word = 0;
  /** The vector unit, whose kernel memory holds the row and lane staging (`VectorUnit.ioRow` / `ioLanes`). */
  private readonly unit: VectorUnit;
  private readonly rowValues: Uint8Array;
  private readonly rowMask = new Uint8Array(256);
  /**
   * The columns of each half (1 = column of the half, by half 0 even / 1 odd): the column mask of an unmasked
   * vector, built once. A port reads the mask during the call (`PpuBus`: the columns where it is nonzero), so
   * the same arrays serve every access.
   */
  private readonly halfColumns: readonly Uint8Array[] = [0, 1].map((half) => Uint8Array.from({ length: 256 }, (_, column) => (column & 1) === half ? 1 : 0));

  constructor(private readonly state: PpuState) {
    this.unit = state.vector;
    this.rowValues = this.unit.ioRow;
  }

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
    // Synapse and CADC I/O first, the plasticity kernels' case: every other window lies above 0x10_0000.
    if (io && address < 0x10_0000) return this.onChip(write, address, pc);
    const sramBase = io ? IO_EXTERNAL_SRAM : EXTERNAL_SRAM_ALIAS;
    if (within(address, sramBase, EXTERNAL_SRAM_BYTES)) {
      return this.external(EXTERNAL_SRAM_OMNIBUS, address - sramBase, PPU_CYCLES.externalSram, pc, address, 'external SRAM');
    }
    const dramBase = io ? IO_EXTERNAL_DRAM : EXTERNAL_DRAM_ALIAS;
    if (within(address, dramBase, EXTERNAL_DRAM_BYTES)) {
      return this.external(EXTERNAL_DRAM_OMNIBUS, address - dramBase, PPU_CYCLES.externalDram, pc, address, 'external DRAM');
    }
    if (io && (address === IO_NEURON_RESET || address === IO_NEURON_RESET + 1)) {
      if (!write) return this.fail('unsupported-access', pc, address, 'the neuron reset base cannot be read');
      this.target = Target.NeuronReset;
      this.half = address - IO_NEURON_RESET;
      return PPU_CYCLES.synapseIo;
    }
    return this.fail('out-of-range-access', pc, address, `vector ${io ? 'I/O' : 'memory'} access outside every window`);
  }

  /** Decodes a vector I/O `address` below 0x10_0000 (synapse SRAM, CADC, random generator, §4.5). */
  private onChip(write: boolean, address: number, pc: number): number {
    const base = address >>> 16;
    const index = address & 0xffff;
    const entry = IO_BASES[base];
    if (entry !== undefined && index < IO_INDICES) {
      this.target = write ? entry.write : entry.read;
      this.type = entry.type;
      this.row = index >>> 1;
      this.half = index & 1;
      return this.target === Target.Cadc || this.target === Target.CadcReset ? PPU_CYCLES.cadcConversion : PPU_CYCLES.synapseIo;
    }
    if (UNSUPPORTED_IO_BASES.has(base)) {
      return this.fail('unsupported-access', pc, address, 'vector I/O base without a bit layout in the twin (config even/odd, raw)');
    }
    if (base === IO_RANDOM_BASE && index < IO_INDICES) {
      if (write) return this.fail('unsupported-access', pc, address, 'the random generator base cannot be written');
      this.target = Target.Random;
      return PPU_CYCLES.synapseIo;
    }
    return this.fail('out-of-range-access', pc, address, 'no vector I/O base or index beyond row 255');
  }

  loadVector(ea: number, out: Uint8Array): void {
    if (this.target === Target.External) return this.readExternal(out);
    const memory = this.state.bus.memory;
    for (let k = 0; k < VECTOR_BYTES; k++) out[k] = readByte(memory, ea + k);
  }

  storeVector(ea: number, data: Uint8Array, mask: Uint8Array | undefined): void {
    if (this.target === Target.External) return this.writeExternal(data, mask);
    const memory = this.state.bus.memory;
    for (let k = 0; k < VECTOR_BYTES; k++) if (mask === undefined || mask[k] !== 0) writeByte(memory, ea + k, data[k]!);
  }

  ioRead(_ea: number, out: Uint8Array): void {
    const bus = this.state.bus;
    const row = this.rowValues;
    switch (this.target) {
      case Target.External:
        return this.readExternal(out);
      case Target.Random:
        return this.readRandom(out);
      case Target.Weights:
        bus.readSynapseWeights(this.row, row);
        break;
      case Target.Labels:
        bus.readSynapseLabels(this.row, row);
        break;
      default:
        bus.readCadcRow(this.type, this.row, row);
        if (this.target === Target.CadcReset) bus.resetCorrelation(this.row, this.halfColumns[this.half]);
    }
    this.gatherHalf(out);
  }

  ioWrite(_ea: number, data: Uint8Array, mask: Uint8Array | undefined): void {
    const bus = this.state.bus;
    if (this.target === Target.External) return this.writeExternal(data, mask);
    if (this.target === Target.NeuronReset) return this.resetNeurons(mask);
    const columns = mask === undefined ? this.halfColumns[this.half]! : this.maskedColumns(mask);
    if (this.target !== Target.Weights && this.target !== Target.Labels) return bus.resetCorrelation(this.row, columns);
    // Only this half's columns are written (the other half is masked off); synapse fields are 6 bit (§4.5 masks).
    this.scatterHalf(data);
    if (this.target === Target.Weights) bus.writeSynapseWeights(this.row, this.rowValues, columns);
    else bus.writeSynapseLabels(this.row, this.rowValues, columns);
  }

  // Lane k is column 2k + half (§4.5). The row half moves in WebAssembly SIMD (the unit's kernel: 16 lanes per
  // shuffle), straight from or to the unit's scratch or a register; any other array is staged through `ioLanes`.

  /** `out` ← this half's columns of `rowValues`. */
  private gatherHalf(out: Uint8Array): void {
    const u = this.unit;
    if (out === u.scratch) return u.kernel.gather(u.base, this.half, out.byteOffset);
    u.kernel.gather(u.base, this.half, u.ioLanes.byteOffset);
    out.set(u.ioLanes);
  }

  /** This half's columns of `rowValues` ← `data` & 0x3f (synapse fields are 6 bit, §4.5); the other half ← 0. */
  private scatterHalf(data: Uint8Array): void {
    const u = this.unit;
    if (data === u.registers[(data.byteOffset - u.vr.byteOffset) >> 7]) return u.kernel.scatter(u.base, this.half, data.byteOffset);
    u.ioLanes.set(data);
    u.kernel.scatter(u.base, this.half, u.ioLanes.byteOffset);
  }

  /** The row's columns a masked vector reaches: this half's, where `mask` (per lane) is nonzero. */
  private maskedColumns(mask: Uint8Array): Uint8Array {
    const columns = this.rowMask, half = this.half;
    for (let k = 0; k < VECTOR_BYTES; k++) {
      columns[2 * k + half] = mask[k]!;
      columns[2 * k + 1 - half] = 0;
    }
    return columns;
  }

  /** Sets up an access to external memory served at omnibus word `omnibus` + `offset` / 4; returns `cycles`. */
  private external(omnibus: number, offset: number, cycles: number, pc: number, address: number, what: string): number {
    if (offset % 4 !== 0) return this.fail('misaligned-access', pc, address, `${what} vector access not word-aligned`);
    this.target = Target.External;
    this.word = omnibus + offset / 4;
    return cycles;
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

  /** The next 32 words of this PPU's random stream, big-endian like memory (lane 4w is word w's MSB). */
  private readRandom(out: Uint8Array): void {
    const state = this.state;
    for (let w = 0; w < VECTOR_BYTES / 4; w++) {
      const word = lowbias32((RANDOM_SEED + 2 * state.randomDraws + state.bus.ppu) >>> 0);
      state.randomDraws++;
      for (let i = 0; i < 4; i++) out[4 * w + i] = (word >>> (24 - 8 * i)) & 0xff;
    }
  }

  /** Writes NeuronReset of the neurons below the lanes written (this half's columns). */
  private resetNeurons(mask: Uint8Array | undefined): void {
    const bus = this.state.bus;
    const first = bus.ppu * NEURON_COLUMNS + this.half;
    for (let k = 0; k < VECTOR_BYTES; k++) {
      if (mask === undefined || mask[k] !== 0) bus.omnibusWrite(NEURON_RESET_ADDRESSES[first + 2 * k]!, 0);
    }
  }

  private fail(code: 'misaligned-access' | 'out-of-range-access' | 'unsupported-access', pc: number, address: number, why: string): number {
    accessFault(this.state, code, pc, address, why);
    return -1;
  }
}
