import { NeuronFlag, type NeuronParameters } from './neuron-parameters.js';

// The currents a neuron circuit puts onto its membrane besides the leak (reference §2.1, twin model of the
// analog spec), in nA:
//   offset      ±I_off (enMemOff, sign from invertCurrent; already signed in the parameters)
//   synaptic    I_exc·f_e(v) − I_inh·f_i(v), gated by enSyninExc / enSyninInh;
//               CUBA: f = 1; COBA (code(i_bias_synin_*_coba) > 0, α = code/1022):
//               f(v) = (1 − α) + α·(E_rev − v)/(E_rev − v_leak) = β − γ·v
//   exponential gL·ΔT·(code/511)·e^{(v − v_exp)/ΔT} (enExp), ΔT = 10 mV, skipped below (v − v_exp)/ΔT = −12
//   adaptation  −w (enAdapt)
// `MembraneCoefficients` precomputes the per-neuron constants once per parameter change, so the engines' inner
// loops are multiply-adds.

/** ΔT of the exponential term, V (analog spec). */
export const EXP_SLOPE_VOLTS = 0.01;
/** Below this (v − v_exp)/ΔT the exponential term is skipped (e^−12 ≈ 6e-6 of its scale). */
export const EXP_CUTOFF = -12;
/** Membrane rails, V: the potential saturates at the supply (analog spec). */
export const V_MIN = 0;
export const V_MAX = 1.2;

const neuronCount = 512;

export class MembraneCoefficients {
  /** k = 1e-3/C: V/µs per nA. */
  readonly kPerNa = new Float64Array(neuronCount);
  /** 1/τm, 1/µs (0 without leak). */
  readonly leakRate = new Float64Array(neuronCount);
  /** 1 when the input reaches the membrane (enSyninExc / enSyninInh), else 0. */
  readonly gateExc = new Float64Array(neuronCount);
  readonly gateInh = new Float64Array(neuronCount);
  /** COBA factors f(v) = β − γ·v (CUBA: β = 1, γ = 0). */
  readonly betaExc = new Float64Array(neuronCount);
  readonly gammaExc = new Float64Array(neuronCount);
  readonly betaInh = new Float64Array(neuronCount);
  readonly gammaInh = new Float64Array(neuronCount);
  /** Potential above which the exponential term is evaluated (+∞ without enExp). */
  readonly expFrom = new Float64Array(neuronCount);
  /** 1 with enAdapt (w reaches the membrane), else 0. */
  readonly gateAdapt = new Float64Array(neuronCount);

  update(p: NeuronParameters): void {
    for (let n = 0; n < neuronCount; n++) {
      const flags = p.flags[n] as number;
      const tauMem = p.tauMemUs[n] as number;
      this.kPerNa[n] = 1e-3 / (p.capacitancePf[n] as number);
      this.leakRate[n] = tauMem === Infinity ? 0 : 1 / tauMem;
      this.gateExc[n] = flags & NeuronFlag.synInExc ? 1 : 0;
      this.gateInh[n] = flags & NeuronFlag.synInInh ? 1 : 0;
      const vLeak = p.vLeakVolts[n] as number;
      setCoba(this.betaExc, this.gammaExc, n, p.cobaExc[n] as number, p.eRevExcVolts[n] as number, vLeak);
      setCoba(this.betaInh, this.gammaInh, n, p.cobaInh[n] as number, p.eRevInhVolts[n] as number, vLeak);
      this.expFrom[n] = flags & NeuronFlag.exp ? (p.vExpVolts[n] as number) + EXP_CUTOFF * EXP_SLOPE_VOLTS : Infinity;
      this.gateAdapt[n] = flags & NeuronFlag.adapt ? 1 : 0;
    }
  }

  /** True when neuron n's synaptic input is conductance-based on an enabled input. */
  isCoba(n: number): boolean {
    return ((this.gammaExc[n] as number) !== 0 && this.gateExc[n] === 1) || ((this.gammaInh[n] as number) !== 0 && this.gateInh[n] === 1);
  }

  /** Total non-leak current of neuron n at potential v (nA). */
  currentNa(p: NeuronParameters, n: number, v: number, iExc: number, iInh: number, w: number): number {
    let i = p.offsetCurrentNa[n] as number;
    i += (this.gateExc[n] as number) * iExc * ((this.betaExc[n] as number) - (this.gammaExc[n] as number) * v);
    i -= (this.gateInh[n] as number) * iInh * ((this.betaInh[n] as number) - (this.gammaInh[n] as number) * v);
    if (v > (this.expFrom[n] as number)) i += (p.expScaleNa[n] as number) * Math.exp((v - (p.vExpVolts[n] as number)) / EXP_SLOPE_VOLTS);
    return i - (this.gateAdapt[n] as number) * w;
  }
}

function setCoba(beta: Float64Array, gamma: Float64Array, n: number, alpha: number, eRev: number, vLeak: number): void {
  const span = eRev - vLeak;
  // COBA needs a driving force at rest; with E_rev = v_leak the input stays current-based (twin choice).
  if (alpha > 0 && Math.abs(span) > 1e-6) {
    gamma[n] = alpha / span;
    beta[n] = 1 - alpha + (alpha * eRev) / span;
  } else {
    gamma[n] = 0;
    beta[n] = 1;
  }
}

/** Clamps a potential to the rails. */
export function clampVolts(v: number): number {
  return v < V_MIN ? V_MIN : v > V_MAX ? V_MAX : v;
}
