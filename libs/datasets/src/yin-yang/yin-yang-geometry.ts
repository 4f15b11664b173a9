import { checkPositive } from '../argument-checks.js';
import { DatasetError } from '../dataset-error.js';

/** The radii of the Yin-Yang sign: the whole sign (`rBig`) and its two dots (`rSmall`). */
export interface YinYangGeometry {
  readonly rSmall: number;
  readonly rBig: number;
}

/** §9: r_small = 0.1, r_big = 0.5, so coordinates span [0, 1]. */
export const YIN_YANG_GEOMETRY: YinYangGeometry = { rSmall: 0.1, rBig: 0.5 };

/**
 * §9's `class_names`, indexed by label. Note the reference's own quirk, kept for exactness: label 1 is given to
 * points its predicate calls `is_yin`, yet `class_names[1]` is 'yang'. Only the labels matter for training.
 */
export const YIN_YANG_CLASS_NAMES = ['yin', 'yang', 'dot'] as const;

export type YinYangClass = 0 | 1 | 2;

/** Checks the radii: both positive and r_small < r_big / 2, as the reference generator demands (§9). */
export function checkYinYangGeometry(geometry: YinYangGeometry): YinYangGeometry {
  checkPositive('rBig', geometry.rBig);
  checkPositive('rSmall', geometry.rSmall);
  if (2 * geometry.rSmall >= geometry.rBig) {
    throw new DatasetError(
      'out-of-range',
      'rSmall',
      geometry.rSmall,
      { min: 0, max: geometry.rBig / 2 },
      `rSmall must be below rBig / 2 = ${geometry.rBig / 2} (exclusive), got ${geometry.rSmall}`,
    );
  }
  return geometry;
}

// Distances are written as sqrt(dx·dx + dy·dy), not Math.hypot, because that is what numpy evaluates (§9);
// hypot may differ in the last bit and flip a point on a class boundary.
function distance(x: number, y: number, centreX: number, centreY: number): number {
  const dx = x - centreX;
  const dy = y - centreY;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Whether (x, y) lies in the big circle; the generator rejects points farther than r_big from its centre. */
export function insideYinYangCircle(x: number, y: number, geometry: YinYangGeometry = YIN_YANG_GEOMETRY): boolean {
  return !(distance(x, y, geometry.rBig, geometry.rBig) > geometry.rBig);
}

/** The class of a point inside the sign (§9 `which_class`). */
export function yinYangClass(x: number, y: number, geometry: YinYangGeometry = YIN_YANG_GEOMETRY): YinYangClass {
  const { rSmall, rBig } = geometry;
  const dRight = distance(x, y, 1.5 * rBig, rBig);
  const dLeft = distance(x, y, 0.5 * rBig, rBig);
  // The half the reference calls is_yin: the right dot, the ring around the left dot, and the upper half
  // outside the right disc. The dots themselves (distance below r_small) override it as class 2.
  const inRightDot = dRight <= rSmall;
  const inLeftRing = dLeft > rSmall && dLeft <= 0.5 * rBig;
  const inUpperYin = y > rBig && dRight > 0.5 * rBig;
  const isYin = inRightDot || inLeftRing || inUpperYin;
  if (dRight < rSmall || dLeft < rSmall) return 2;
  return isYin ? 1 : 0;
}
