import type { FxvOperands, VectorEnvironment } from './vector-environment.js';
import type { FxvCondition } from './vector-geometry.js';
import type { VectorUnit } from './vector-unit.js';

/**
 * Executes one FXV row on `unit`. `vrt`, `vra`, `vrb` are the 5-bit register fields (0..31; shifts read `vrb`
 * as their immediate), `c` the 2-bit C field. Handlers allocate nothing.
 */
export type FxvHandler = (
  unit: VectorUnit,
  c: FxvCondition,
  vrt: number,
  vra: number,
  vrb: number,
  operands: FxvOperands,
  env: VectorEnvironment,
) => void;
