import { AutogradError } from '../errors.js';

/**
 * Surrogate gradients for the spike threshold. The forward is the Heaviside step H(v − θ); its true derivative
 * is zero almost everywhere, so the backward uses a smooth stand-in σ'(x) at x = v − θ:
 *
 * - `superspike` (hxtorch's default, alpha 50 in its LIF, 150 in its Yin-Yang example; reference §6.3, §6.7):
 *   σ'(x) = 1 / (α|x| + 1)², unnormalised, as hxtorch's and Norse's `SuperSpike`.
 * - `fast-sigmoid`: the derivative of the fast sigmoid ½(1 + αx / (1 + α|x|)), σ'(x) = α / (2 (α|x| + 1)²); the
 *   same shape as SuperSpike but with unit area (α/2 times larger).
 * - `atan`: the derivative of ½ + arctan(παx/2)/π, σ'(x) = α / (2 (1 + (παx/2)²)) (SpikingJelly's ATan).
 */
export type SurrogateName = 'superspike' | 'fast-sigmoid' | 'atan';

export interface Surrogate {
  readonly name: SurrogateName;
  /** Steepness α (> 0); larger is closer to the true step. */
  readonly alpha: number;
}

/** hxtorch's LIF default: SuperSpike with alpha 50 (reference §6.3). */
export const defaultSurrogate: Surrogate = Object.freeze({ name: 'superspike', alpha: 50 });

const slopes: Record<SurrogateName, (x: number, alpha: number) => number> = {
  superspike: (x, alpha) => {
    const d = alpha * Math.abs(x) + 1;
    return 1 / (d * d);
  },
  'fast-sigmoid': (x, alpha) => {
    const d = alpha * Math.abs(x) + 1;
    return alpha / (2 * d * d);
  },
  atan: (x, alpha) => {
    const u = (Math.PI / 2) * alpha * x;
    return alpha / (2 * (1 + u * u));
  },
};

/** Builds a surrogate, checking the name and that alpha is a positive finite number. */
export function surrogate(name: SurrogateName, alpha: number): Surrogate {
  checkSurrogate({ name, alpha });
  return Object.freeze({ name, alpha });
}

export function checkSurrogate(s: Surrogate): void {
  if (!(s.name in slopes)) {
    throw new AutogradError('invalid-argument', `surrogate: unknown method '${s.name}'`, s.name, Object.keys(slopes).join(' | '));
  }
  if (!(Number.isFinite(s.alpha) && s.alpha > 0)) {
    throw new AutogradError('invalid-argument', `surrogate: alpha ${s.alpha} must be a positive finite number`, s.alpha, '(0, ∞)');
  }
}

/** σ'(x) of a surrogate, as a scalar function. */
export function surrogateSlope(s: Surrogate): (x: number) => number {
  const slope = slopes[s.name];
  const alpha = s.alpha;
  return (x) => slope(x, alpha);
}

/**
 * The two-argument slope σ'(x, α) of a surrogate, for kernels that evaluate it inside their own loop (the LIF
 * backward): one function per method, so the call site stays monomorphic in a training run.
 */
export function slopeFunction(s: Surrogate): (x: number, alpha: number) => number {
  return slopes[s.name];
}
