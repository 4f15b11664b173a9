// e^x by table for the analog hot loop: in the step loop Math.exp cost 3× the rest of an AdEx neuron's step,
// an inlined table evaluation about a quarter of it (measured, see README). With y = x·256/ln 2 = 256·i + k + f
// (integer i, 0 ≤ k < 256, 0 ≤ f < 1): e^x = 2^i · 2^(k/256) · e^(f·ln2/256), the last factor by its 4th-order
// series (remainder < 2e-15 relative). Valid for |x| < 700; the hot loop only evaluates x in (−12, 120].
// Small enough for V8 to inline into the step loop.

/** 256/ln 2: y per unit of x. */
export const EXP_STEPS_PER_UNIT = 256 / Math.LN2;
/** ln 2/256: x per unit of the fraction f. */
export const EXP_UNIT_PER_STEP = Math.LN2 / 256;
/** 2^(k/256), k = 0..255. */
export const EXP_FRACTION = Float64Array.from({ length: 256 }, (_, k) => 2 ** (k / 256));
/** Offset of 2^0 in EXP_POWER. */
export const EXP_POWER_ZERO = 1024;
/** 2^i for i = −1024..1023 at EXP_POWER[i + EXP_POWER_ZERO]. */
export const EXP_POWER = Float64Array.from({ length: 2048 }, (_, i) => 2 ** (i - EXP_POWER_ZERO));

/** e^x for |x| < 700. */
export function tableExp(x: number): number {
  const y = x * EXP_STEPS_PER_UNIT;
  const whole = Math.floor(y);
  const r = (y - whole) * EXP_UNIT_PER_STEP;
  const i = whole | 0;
  return (EXP_POWER[(i >> 8) + EXP_POWER_ZERO] as number) * (EXP_FRACTION[i & 255] as number) * (1 + r * (1 + r * (0.5 + r * (1 / 6 + r / 24))));
}
