import { FXV_BY_XO } from './fxv-table.js';
import type { FxvOperands, VectorEnvironment } from './vector-environment.js';
import type { VectorFault } from './vector-fault.js';
import type { FxvCondition } from './vector-geometry.js';
import type { VectorUnit } from './vector-unit.js';

/**
 * Executes the FXV instruction with extended opcode `xo` (reference §4.4) on `unit`. The register fields are
 * the decoded 5-bit fields (0..31), `c` the 2-bit C field. Returns `'illegal-instruction'` (and changes
 * nothing) when `xo` is not an FXV row, `undefined` otherwise. Allocates nothing.
 */
export function executeFxv(
  unit: VectorUnit,
  xo: number,
  c: FxvCondition,
  vrt: number,
  vra: number,
  vrb: number,
  operands: FxvOperands,
  env: VectorEnvironment,
): VectorFault | undefined {
  const row = FXV_BY_XO[xo];
  if (row === undefined) return 'illegal-instruction';
  row.execute(unit, c, vrt, vra, vrb, operands, env);
  return undefined;
}
