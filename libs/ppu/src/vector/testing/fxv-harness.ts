// Small helpers for hand-written FXV tests: run a row by mnemonic, fill registers, read elements back.

import { executeFxv } from '../execute-fxv.js';
import { FXV_TABLE } from '../fxv-table.js';
import type { FxvOperands, VectorEnvironment } from '../vector-environment.js';
import type { FxvCondition } from '../vector-geometry.js';
import type { VectorUnit } from '../vector-unit.js';

/** An environment that fails the test on any access. */
export const NO_BUS: VectorEnvironment = {
  loadVector: () => {
    throw new Error('unexpected memory load');
  },
  storeVector: () => {
    throw new Error('unexpected memory store');
  },
  ioRead: () => {
    throw new Error('unexpected I/O read');
  },
  ioWrite: () => {
    throw new Error('unexpected I/O write');
  },
};

/** Executes `mnemonic` (looked up in FXV_TABLE) and fails on a fault. */
export function run(
  unit: VectorUnit,
  mnemonic: string,
  c: FxvCondition,
  vrt: number,
  vra: number,
  vrb: number,
  operands: FxvOperands = { gprA: 0, ea: 0 },
  env: VectorEnvironment = NO_BUS,
): void {
  const row = FXV_TABLE.find((r) => r.mnemonic === mnemonic);
  if (row === undefined) throw new Error(`no row ${mnemonic}`);
  const fault = executeFxv(unit, row.xo, c, vrt, vra, vrb, operands, env);
  if (fault !== undefined) throw new Error(`${mnemonic}: ${fault}`);
}

/** Sets byte lanes 0.. of register `r` to `values` (numbers taken mod 2^8); the rest stays. */
export function setBytes(unit: VectorUnit, r: number, values: readonly number[]): void {
  values.forEach((v, k) => (unit.vr[r * 128 + k] = v & 0xff));
}

/** Sets halfword lanes 0.. of register `r` to `values` (mod 2^16), big-endian. */
export function setHalfwords(unit: VectorUnit, r: number, values: readonly number[]): void {
  values.forEach((v, h) => unit.vrView.setUint16(r * 128 + 2 * h, v & 0xffff));
}

/** Signed byte lanes 0..count−1 of register `r`. */
export function signedBytes(unit: VectorUnit, r: number, count: number): number[] {
  return Array.from(unit.vrSigned.subarray(r * 128, r * 128 + count));
}

/** Unsigned byte lanes 0..count−1 of register `r`. */
export function bytes(unit: VectorUnit, r: number, count: number): number[] {
  return Array.from(unit.vr.subarray(r * 128, r * 128 + count));
}

/** Unsigned halfword lanes 0..count−1 of register `r`. */
export function halfwords(unit: VectorUnit, r: number, count: number): number[] {
  return Array.from({ length: count }, (_, h) => unit.vrView.getUint16(r * 128 + 2 * h));
}
