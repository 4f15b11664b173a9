// FXV rows that move whole vectors between the register file and memory (fxvlax/fxvstax, §4.4, §4.6) or the
// parallel I/O bus to synapse SRAM and CADC (fxvinx/fxvoutx, §4.5). Addresses are the caller's effective
// address (RA|0) + RB, passed through unchanged: lane k is byte ea + k (§10.8), with no alignment imposed.
// Conditions work per byte lane. Twin choice: the reference's rule "each operation is gated by C unless noted"
// is applied to fxvlax/fxvstax too (§4.4 states it only for fxvinx/fxvoutx).

import type { FxvOperands, VectorEnvironment } from './vector-environment.js';
import type { FxvCondition } from './vector-geometry.js';
import type { VectorUnit } from './vector-unit.js';

/** Fills `u.mask` with condition `c` per byte lane (1 = write) and returns it (wasm, assembly/fxv.ts). */
function conditionMask(u: VectorUnit, c: FxvCondition): Uint8Array {
  u.kernel.laneMask(u.base, c);
  return u.mask;
}

/** Writes `u.scratch` into VRT where condition `c` holds (wasm, assembly/fxv.ts). */
function mergeScratch(u: VectorUnit, c: FxvCondition, vrt: number): void {
  u.kernel.merge(u.base, c, vrt);
}

/** fxvlax: VRT ← the 128 bytes at ea (4 words per slice, slice after slice). */
export function fxvlax(u: VectorUnit, c: FxvCondition, vrt: number, _vra: number, _vrb: number, op: FxvOperands, env: VectorEnvironment): void {
  env.loadVector(op.ea, u.scratch);
  mergeScratch(u, c, vrt);
}

/** fxvstax: the 128 bytes at ea ← VRT; C > 0 stores only the lanes whose condition holds. */
export function fxvstax(u: VectorUnit, c: FxvCondition, vrt: number, _vra: number, _vrb: number, op: FxvOperands, env: VectorEnvironment): void {
  env.storeVector(op.ea, u.registers[vrt]!, c === 0 ? undefined : conditionMask(u, c));
}

/** fxvinx: VRT ← io(ea); C > 0 writes only the elements whose condition holds. */
export function fxvinx(u: VectorUnit, c: FxvCondition, vrt: number, _vra: number, _vrb: number, op: FxvOperands, env: VectorEnvironment): void {
  env.ioRead(op.ea, u.scratch);
  mergeScratch(u, c, vrt);
}

/** fxvoutx: io(ea) ← VRT; C > 0 is a masked write, false lanes stay unchanged at the destination (§10.8). */
export function fxvoutx(u: VectorUnit, c: FxvCondition, vrt: number, _vra: number, _vrb: number, op: FxvOperands, env: VectorEnvironment): void {
  env.ioWrite(op.ea, u.registers[vrt]!, c === 0 ? undefined : conditionMask(u, c));
}
