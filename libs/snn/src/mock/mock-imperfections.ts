import { checkFinite, checkInteger, checkNonNegative, SnnError } from '../snn-error.js';

/**
 * Hardware effects the mock can add to the software model (hxtorch's `functional/mock`: `Discrete`, `Clamp`,
 * `RandomNoise`). All off by default: the mock is then the exact software model.
 */
export interface MockImperfections {
  /** Weights on the 6-bit grid, round(scale · w)/scale, with a straight-through gradient (hxtorch `Discrete`). */
  readonly weightDiscretisation?: boolean;
  /** Weights clipped to ±63/scale, the synapse range (§6.5), with a straight-through gradient (hxtorch `Clamp`). */
  readonly weightSaturation?: boolean;
  /** Standard deviation of Gaussian membrane noise added every step, in model units (temporal noise, §10.6). */
  readonly membraneNoiseStd?: number;
  /** Membrane clipped to [min, max] every step, in model units (the membrane's and CADC's dynamic range). */
  readonly membraneBounds?: { readonly min: number; readonly max: number };
  /** Seed of the noise stream (default 1234); draws continue across runs. */
  readonly seed?: number;
}

export interface ResolvedMockImperfections {
  readonly weightDiscretisation: boolean;
  readonly weightSaturation: boolean;
  readonly membraneNoiseStd: number;
  readonly membraneBounds: { readonly min: number; readonly max: number } | null;
  readonly seed: number;
}

export function resolveMockImperfections(options: MockImperfections = {}): ResolvedMockImperfections {
  const where = 'Experiment.mock';
  const membraneNoiseStd = options.membraneNoiseStd ?? 0;
  checkNonNegative(where, 'membraneNoiseStd', membraneNoiseStd);
  const seed = options.seed ?? 1234;
  checkInteger(where, 'seed', seed, 0, 0xffffffff);
  const bounds = options.membraneBounds ?? null;
  if (bounds !== null) {
    checkFinite(where, 'membraneBounds.min', bounds.min);
    checkFinite(where, 'membraneBounds.max', bounds.max);
    if (bounds.min >= bounds.max) {
      throw new SnnError('out-of-range', `${where}: membraneBounds.min ${bounds.min} must be below max ${bounds.max}`, 'membraneBounds', bounds, 'min < max');
    }
  }
  return {
    weightDiscretisation: options.weightDiscretisation ?? false,
    weightSaturation: options.weightSaturation ?? false,
    membraneNoiseStd,
    membraneBounds: bounds,
    seed,
  };
}

/** Whether the membrane effects need the per-step device simulation (the fused kernels have no noise or clamp). */
export function needsDeviceSimulation(mock: ResolvedMockImperfections): boolean {
  return mock.membraneNoiseStd > 0 || mock.membraneBounds !== null;
}
