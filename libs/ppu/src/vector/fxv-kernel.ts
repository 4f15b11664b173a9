import { FXV_WASM_BASE64 } from './fxv-wasm.js';
import { VECTOR_BYTES, VECTOR_REGISTER_COUNT } from './vector-geometry.js';

// The vector unit's state lives in WebAssembly memory, so that the element-wise FXV rows run as wasm SIMD
// (assembly/fxv.ts: 16 byte lanes per instruction, native saturating add/subtract, shifts, compares and
// bitselect) on the very bytes the JavaScript rows, the vector bus, tests and the debugger see through typed
// views. In JavaScript the 4-lane (SWAR) rows cost ~4 ns per 32-bit word, fxvmulbfs one lane at a time.
//
// Units are laid out in arenas: one module instance and one 64 KiB memory (never grown: growing would detach
// every view) hold up to `UNITS_PER_ARENA` units, so the cores of a chip share one instance and a compiled
// block's call into a row has a single target. A full arena is dropped by the allocator; it lives on as long as
// one of its units does.

/** Layout of one unit in the arena's memory (assembly/fxv.ts reads the registers, the VCR and the I/O row). */
export const UNIT_LAYOUT = {
  registers: 0,
  vcr: VECTOR_REGISTER_COUNT * VECTOR_BYTES,
  /** 128 signed 16-bit accumulators. */
  acc: VECTOR_REGISTER_COUNT * VECTOR_BYTES + VECTOR_BYTES,
  scratch: VECTOR_REGISTER_COUNT * VECTOR_BYTES + 3 * VECTOR_BYTES,
  mask: VECTOR_REGISTER_COUNT * VECTOR_BYTES + 4 * VECTOR_BYTES,
  /** Vector I/O staging of the vector bus: one row of 256 columns, then 128 lanes. */
  ioRow: VECTOR_REGISTER_COUNT * VECTOR_BYTES + 5 * VECTOR_BYTES,
  ioLanes: VECTOR_REGISTER_COUNT * VECTOR_BYTES + 7 * VECTOR_BYTES,
  bytes: VECTOR_REGISTER_COUNT * VECTOR_BYTES + 8 * VECTOR_BYTES,
} as const;

/** A row of assembly/fxv.ts: (unit, C, VRT, VRA, VRB); splats take RA's value in the VRA slot. */
export type FxvKernelRow = (unit: number, c: number, vrt: number, vra: number, vrb: number) => void;

/** The exports of assembly/fxv.ts. */
export interface FxvKernel {
  readonly UNIT_VCR: { readonly value: number };
  readonly UNIT_ROW: { readonly value: number };
  readonly addbm: FxvKernelRow;
  readonly addbfs: FxvKernelRow;
  readonly subbm: FxvKernelRow;
  readonly subbfs: FxvKernelRow;
  readonly mulbm: FxvKernelRow;
  readonly mulbfs: FxvKernelRow;
  readonly addhm: FxvKernelRow;
  readonly addhfs: FxvKernelRow;
  readonly subhm: FxvKernelRow;
  readonly subhfs: FxvKernelRow;
  readonly mulhm: FxvKernelRow;
  readonly mulhfs: FxvKernelRow;
  readonly shb: FxvKernelRow;
  readonly shh: FxvKernelRow;
  readonly sel: FxvKernelRow;
  readonly splatb: FxvKernelRow;
  readonly splath: FxvKernelRow;
  readonly cmpb: FxvKernelRow;
  readonly cmph: FxvKernelRow;
  /** VRT ← the unit's `scratch` where condition `c` holds. */
  readonly merge: (unit: number, c: number, vrt: number) => void;
  /** The unit's `mask` ← 1 per lane where condition `c` holds, else 0. */
  readonly laneMask: (unit: number, c: number) => void;
  /** The 128 bytes at `dst` (a byte address in the memory) ← columns 2k + `half` of the unit's `ioRow`. */
  readonly gather: (unit: number, half: number, dst: number) => void;
  /** Columns 2k + `half` of the unit's `ioRow` ← the 128 bytes at `src` & 0x3f; the other columns ← 0. */
  readonly scatter: (unit: number, half: number, src: number) => void;
}

/** Where a unit's state lives: the arena's buffer, the unit's byte offset in it, the arena's kernel. */
export interface FxvUnitStorage {
  readonly buffer: ArrayBuffer;
  readonly base: number;
  readonly kernel: FxvKernel;
}

// The slice of the WebAssembly JS API used here (the ES lib has no WebAssembly types, and the DOM lib is not
// loaded in Node-side libs).
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
  readonly Memory: new (descriptor: { initial: number; maximum: number }) => { readonly buffer: ArrayBuffer };
}
const wasm = (globalThis as unknown as { readonly WebAssembly: WebAssemblyApi }).WebAssembly;

const PAGE_BYTES = 65536;
/** First unit's offset: the module keeps no data of its own, but leave its low memory alone anyway. */
const FIRST_UNIT = 1024;
/** Units per arena (one page). */
export const UNITS_PER_ARENA = Math.floor((PAGE_BYTES - FIRST_UNIT) / UNIT_LAYOUT.bytes);

let compiled: object | undefined;
let arena: { readonly buffer: ArrayBuffer; readonly kernel: FxvKernel; used: number } | undefined;

function newArena(): { readonly buffer: ArrayBuffer; readonly kernel: FxvKernel; used: number } {
  compiled ??= new wasm.Module(Uint8Array.from(atob(FXV_WASM_BASE64), (ch) => ch.charCodeAt(0)));
  const memory = new wasm.Memory({ initial: 1, maximum: 1 });
  const kernel = new wasm.Instance(compiled, { env: { memory } }).exports as FxvKernel;
  if (kernel.UNIT_VCR.value !== UNIT_LAYOUT.vcr || kernel.UNIT_ROW.value !== UNIT_LAYOUT.ioRow) {
    throw new Error('fxv.wasm does not match fxv-kernel.ts: rebuild with `npm run kernel -w @bss2/ppu`');
  }
  return { buffer: memory.buffer, kernel, used: 0 };
}

/** Storage for one more vector unit (zeroed: fresh memory, never handed out twice). */
export function allocateUnit(): FxvUnitStorage {
  if (arena === undefined || arena.used === UNITS_PER_ARENA) arena = newArena();
  const base = FIRST_UNIT + arena.used * UNIT_LAYOUT.bytes;
  arena.used++;
  return { buffer: arena.buffer, base, kernel: arena.kernel };
}
