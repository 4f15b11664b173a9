import { checkPositive } from '../snn-error.js';

/**
 * The exact flow of a current-based neuron between events (reference §6.2–§6.3's LIF and LI without the dt
 * grid): with u = v − leak,
 *
 *     τ_mem du/dt = −u + I          membrane leak and synaptic drive
 *     τ_syn dI/dt = −I              exponential synaptic current (an input spike of weight w adds w to I)
 *
 * solved in closed form over a delay Δ from (u₀, I₀):
 *
 *     I(Δ) = e_s · I₀,  u(Δ) = e_m · u₀ + κ(Δ) · I₀,  e_s = e^{−Δ/τ_syn}, e_m = e^{−Δ/τ_mem},
 *     κ(Δ) = τ_syn/(τ_syn − τ_mem) · (e_s − e_m), or (Δ/τ) · e^{−Δ/τ} when τ_mem = τ_syn = τ (the Yin-Yang case).
 *
 * The hxtorch grid model (autograd's `lifIntegration`) is the explicit-Euler discretisation of the same ODE.
 * The adjoint of the flow is its transpose: (λ_u, λ_I)(t) = Φ(Δ)ᵀ (λ_u, λ_I)(t + Δ), so the backward is as exact
 * as the forward. States are `Float64Array`s [u, I] updated in place, so hot loops do not allocate.
 */
export interface CubaFlow {
  readonly tauMemUs: number;
  readonly tauSynUs: number;
  /** τ_mem and τ_syn equal to 1e-9 relative: the degenerate (Δ/τ) · e^{−Δ/τ} kernel. */
  readonly equalTaus: boolean;
  /** τ_syn/(τ_syn − τ_mem), 0 when the taus are equal. */
  readonly kernelGain: number;
}

const EQUAL_TAU_RELATIVE = 1e-9;

export function cubaFlow(where: string, tauMemUs: number, tauSynUs: number): CubaFlow {
  checkPositive(where, 'tauMemUs', tauMemUs);
  checkPositive(where, 'tauSynUs', tauSynUs);
  const equalTaus = Math.abs(tauSynUs - tauMemUs) <= EQUAL_TAU_RELATIVE * tauMemUs;
  return { tauMemUs, tauSynUs, equalTaus, kernelGain: equalTaus ? 0 : tauSynUs / (tauSynUs - tauMemUs) };
}

/** κ(Δ): the membrane at delay Δ caused by a unit current at 0 (the PSP kernel). */
export function synapticKernel(flow: CubaFlow, delayUs: number): number {
  if (flow.equalTaus) return (delayUs / flow.tauMemUs) * Math.exp(-delayUs / flow.tauMemUs);
  return flow.kernelGain * (Math.exp(-delayUs / flow.tauSynUs) - Math.exp(-delayUs / flow.tauMemUs));
}

/** u(Δ) from (u₀, I₀). */
export function membraneAfter(flow: CubaFlow, u0: number, i0: number, delayUs: number): number {
  return Math.exp(-delayUs / flow.tauMemUs) * u0 + synapticKernel(flow, delayUs) * i0;
}

/** state = [u, I] ← Φ(Δ) · state. */
export function propagateState(flow: CubaFlow, state: Float64Array, delayUs: number): void {
  const u = state[0]!;
  const i = state[1]!;
  state[0] = Math.exp(-delayUs / flow.tauMemUs) * u + synapticKernel(flow, delayUs) * i;
  state[1] = Math.exp(-delayUs / flow.tauSynUs) * i;
}

/** adjoint = [λ_u, λ_I] ← Φ(Δ)ᵀ · adjoint: from time t + Δ back to t. */
export function propagateAdjoint(flow: CubaFlow, adjoint: Float64Array, delayUs: number): void {
  const lambdaU = adjoint[0]!;
  const lambdaI = adjoint[1]!;
  adjoint[0] = Math.exp(-delayUs / flow.tauMemUs) * lambdaU;
  adjoint[1] = synapticKernel(flow, delayUs) * lambdaU + Math.exp(-delayUs / flow.tauSynUs) * lambdaI;
}

/** du/dt = (I − u)/τ_mem. */
export function membraneSlope(flow: CubaFlow, u: number, i: number): number {
  return (i - u) / flow.tauMemUs;
}

/**
 * The one delay Δ > 0 where du/dt = 0 on the flow from (u₀, I₀), or NaN if there is none: u is a sum of two
 * exponentials, whose derivative changes sign at most once.
 */
export function stationaryDelayUs(flow: CubaFlow, u0: number, i0: number): number {
  if (i0 === 0) return Number.NaN;
  if (flow.equalTaus) {
    // d/dΔ [(u₀ + I₀Δ/τ) e^{−Δ/τ}] = 0  ⇔  Δ = τ · (I₀ − u₀)/I₀
    const delay = (flow.tauMemUs * (i0 - u0)) / i0;
    return delay > 0 ? delay : Number.NaN;
  }
  // u = A e_m + B e_s with B = I₀ τ_syn/(τ_syn − τ_mem), A = u₀ − B; u' = 0 ⇔ e^{Δ(1/τ_mem − 1/τ_syn)} = −A τ_syn/(B τ_mem)
  const b = i0 * flow.kernelGain;
  const a = u0 - b;
  const ratio = -(a * flow.tauSynUs) / (b * flow.tauMemUs);
  if (!(ratio > 0)) return Number.NaN;
  const delay = Math.log(ratio) / (1 / flow.tauMemUs - 1 / flow.tauSynUs);
  return delay > 0 ? delay : Number.NaN;
}
