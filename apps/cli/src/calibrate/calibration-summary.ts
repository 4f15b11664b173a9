import { DEFAULT_CADC_TARGET, type CalibrationResult, type CalibrationStepReport, type NeuronTargets, type Spread, type TargetValue } from '@bss2/calib';

/** One row of `bss2 calibrate`'s summary: a calibrated quantity, its target and its spread over the chip. */
export interface SummaryRow {
  /** The key of CalibrationResult.achieved, e.g. 'leak', 'i_bias_synin_exc_tau'. */
  readonly parameter: string;
  readonly label: string;
  readonly unit: string;
  /** The target (the median of per-neuron targets); null where only a fresh run knows it. */
  readonly target: number | null;
  readonly before: Spread;
  readonly after: Spread;
  /** Instances listed in result.failures for this parameter. */
  readonly outOfTolerance: number;
}

interface StepDescription {
  readonly label: string;
  readonly unit: string;
  readonly target: (targets: Partial<NeuronTargets>) => TargetValue | null | undefined;
}

// How to name a result's quantities when no per-neuron reports are at hand (a cache entry without them). A fresh
// run takes label, unit and target from the step reports instead. The synaptic strength's target is the median
// amplitude the run measured, which the result does not keep.
const STEP_DESCRIPTIONS: Readonly<Record<string, StepDescription>> = {
  // The CADC's mid-range reference read, pulled to the middle of the read range (reference §7.2 step 0).
  cadc: { label: 'CADC', unit: 'CADC LSB', target: () => (DEFAULT_CADC_TARGET.readRange.low + DEFAULT_CADC_TARGET.readRange.high) / 2 },
  i_bias_synin_exc_tau: { label: 'τ_syn exc', unit: 'µs', target: (t) => t.tauSynExcUs },
  i_bias_synin_inh_tau: { label: 'τ_syn inh', unit: 'µs', target: (t) => t.tauSynInhUs },
  i_bias_synin_exc_gm: { label: 'synaptic strength exc', unit: 'CADC LSB', target: () => null },
  i_bias_synin_inh_gm: { label: 'synaptic strength inh', unit: 'CADC LSB', target: () => null },
  leak: { label: 'leak', unit: 'CADC LSB', target: (t) => t.leak },
  threshold: { label: 'threshold', unit: 'CADC LSB', target: (t) => t.threshold },
  tauMem: { label: 'τ_mem', unit: 'µs', target: (t) => t.tauMemUs },
  reset: { label: 'reset', unit: 'CADC LSB', target: (t) => t.reset },
  e_synin_exc_rev: { label: 'COBA reversal exc', unit: 'CADC LSB', target: (t) => t.eCobaReversalExc },
  e_synin_inh_rev: { label: 'COBA reversal inh', unit: 'CADC LSB', target: (t) => t.eCobaReversalInh },
  tauIcc: { label: 'τ_icc', unit: 'µs', target: (t) => t.tauIccUs },
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const scalarTarget = (value: TargetValue | null | undefined): number | null => (value === null || value === undefined ? null : typeof value === 'number' ? value : median(value));

/** The summary rows of `result` in the calibration's order; `reports` (from a fresh run) name them exactly. */
export function calibrationSummary(result: CalibrationResult, reports: readonly CalibrationStepReport[]): SummaryRow[] {
  const failing = new Map<string, Set<number>>();
  for (const failure of result.failures) {
    const instances = failing.get(failure.parameter) ?? new Set<number>();
    instances.add(failure.instance);
    failing.set(failure.parameter, instances);
  }
  return Object.entries(result.achieved).map(([parameter, spread]) => {
    const report = reports.find((r) => r.parameter === parameter);
    const description = STEP_DESCRIPTIONS[parameter];
    return {
      parameter,
      label: report?.label ?? description?.label ?? parameter,
      unit: report?.unit ?? description?.unit ?? '',
      target: report?.target ?? scalarTarget(description?.target(result.targets)),
      before: spread.before,
      after: spread.after,
      outOfTolerance: failing.get(parameter)?.size ?? 0,
    };
  });
}
