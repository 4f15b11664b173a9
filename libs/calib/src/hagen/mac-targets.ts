import { CalibError } from '../calib-error.js';
import type { CadcTarget } from '../cadc/cadc-calibration.js';

// Targets of the MAC-mode ("hagen") calibration (reference §7.1 hagen, §7.3, §6.1), declared once as data and
// checked before anything is sent to the chip.

/** calix's hagen_calib_target narrows the CADC dynamic range to CapMem 150..500 (reference §7.3). */
export const HAGEN_CADC_TARGET: CadcTarget = { dynamicRange: { low: 150, high: 500 }, readRange: { low: 20, high: 220 } };

export interface MacTargets {
  /** CADC read of every neuron right after its reset, before any event: the zero of a MAC result (LSB). */
  readonly baselineRead: number;
  /** Membrane time constant the leak bias is set to: how slowly a MAC result decays while it is read (µs). */
  readonly tauMemUs: number;
  /** CADC LSB per unit of activation × weight (one row, one send): hxtorch's mock `gain` (§6.1). */
  readonly gainLsbPerUnit: number;
}

interface MacTargetSpec {
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly unit: string;
}

/**
 * Defaults and legal ranges. baselineRead: calix hagen's target_leak_read 120; the range keeps the
 * calibration stimulus' ±50 LSB (below) inside the CADC's 20..220 (twin choice). tauMemUs: calix hagen's
 * tau_mem 60 µs; the range is what the leak bias reaches with the leak divider at every capacitance setting
 * the calibration uses (twin choice, reference §10.3). gainLsbPerUnit: hxtorch's default 0.002 (§6.1); the
 * twin's bypass gives ≈ 0.0027 per unit at full DAC bias on the hagen CADC scale, so 0.0025 is the most it can
 * be calibrated to with mismatch headroom, and below 0.0005 the DAC bias would work with fewer than ~200 codes.
 */
export const MAC_TARGETS = {
  baselineRead: { default: 120, min: 70, max: 170, unit: 'CADC LSB' },
  tauMemUs: { default: 60, min: 20, max: 500, unit: 'µs' },
  gainLsbPerUnit: { default: 0.002, min: 0.0005, max: 0.0025, unit: 'CADC LSB per activation·weight' },
} as const satisfies Record<keyof MacTargets, MacTargetSpec>;

/** The defaults overridden by `partial`; an unknown name or a value out of range is a CalibError. */
export function macTargets(partial: Partial<Record<string, unknown>> = {}): MacTargets {
  const out: Record<string, number> = {};
  for (const name of Object.keys(partial)) {
    if (!(name in MAC_TARGETS)) {
      throw new CalibError('target-out-of-range', `unknown MAC target '${name}' (known: ${Object.keys(MAC_TARGETS).join(', ')})`, name);
    }
  }
  for (const [name, spec] of Object.entries(MAC_TARGETS) as [keyof MacTargets, MacTargetSpec][]) {
    const value = partial[name] ?? spec.default;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < spec.min || value > spec.max) {
      throw new CalibError('target-out-of-range', `MAC target ${name} = ${String(value)} ${spec.unit} is outside ${spec.min}..${spec.max}`, value, {
        min: spec.min,
        max: spec.max,
      });
    }
    out[name] = value;
  }
  return out as unknown as MacTargets;
}
