import { clamp, mul, type Tensor } from '@bss2/autograd';
import { checkPositive } from './snn-error.js';

/**
 * The largest synapse weight magnitude: 6-bit weights, signed through an excitatory + inhibitory row pair
 * (reference §6.1, §6.5).
 */
export const HARDWARE_WEIGHT_MAX = 63;

/**
 * hxtorch's `weight_transforms.linear_saturating` (reference §6.5): w_hw = clip(scale · w, −63, 63), still
 * real-valued. The Yin-Yang example uses scale 64 (§6.7).
 */
export function linearSaturating(weight: Tensor, scale: number, min = -HARDWARE_WEIGHT_MAX, max = HARDWARE_WEIGHT_MAX): Tensor {
  checkPositive('linearSaturating', 'scale', scale);
  return clamp(mul(weight, scale), min, max);
}

/**
 * The integer weights written to the synapse array: linear-saturating, then rounded to the nearest integer (half
 * away from zero), so that the excitatory row gets max(w, 0) and the inhibitory row max(−w, 0) (§6.5). The
 * rounding is a twin choice: hxtorch leaves the float → 6-bit conversion to its C++ core.
 */
export function toHardwareWeights(weight: Float32Array, scale: number): Int8Array {
  checkPositive('toHardwareWeights', 'scale', scale);
  const out = new Int8Array(weight.length);
  for (let k = 0; k < weight.length; k++) {
    const scaled = Math.min(HARDWARE_WEIGHT_MAX, Math.max(-HARDWARE_WEIGHT_MAX, scale * weight[k]!));
    out[k] = Math.sign(scaled) * Math.round(Math.abs(scaled));
  }
  return out;
}

/**
 * hxtorch's example before every hardware batch (§6.7): model weights clamped in place to ±`limit` (what the
 * hardware can hold), and the readout's weight scale lowered from `weightScale` so its largest |weight| maps to 63.
 * Returns that scale.
 */
export function fitToHardwareRange(hiddenWeights: Float32Array, limit: number, readoutWeights: Float32Array, weightScale: number): number {
  for (let k = 0; k < hiddenWeights.length; k++) hiddenWeights[k] = Math.min(limit, Math.max(-limit, hiddenWeights[k]!));
  const largest = readoutWeights.reduce((m, w) => Math.max(m, Math.abs(w)), 0);
  return Math.min(largest > 0 ? HARDWARE_WEIGHT_MAX / largest : Infinity, weightScale);
}
