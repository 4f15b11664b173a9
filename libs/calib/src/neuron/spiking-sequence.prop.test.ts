import { TwinConnection } from '@bss2/chip';
import { PlaybackProgramBuilder } from '@bss2/playback';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { waitUs } from '../measure/settle.js';
import { calibrationChip, type CalibrationResult } from '../result/calibration-result.js';
import { NEURON_TARGETS, targetOf, type TargetValue } from '../targets/neuron-targets.js';
import { connectNeuronsToCadc, forceReset, NEURONS, writeNeuronConfigs } from './neuron-setup.js';
import { measureMembranes } from './potential-calibration.js';
import { calibrateSpikingNeurons, type CalibrationStepReport } from './spiking-sequence.js';

// Issue 5 "Judged by": for random targets inside the legal ranges (reference §7.4), every neuron ends within
// tolerance or is listed as failed with the reason. On an analog twin with the default mismatch, for each drawn
// target set:
// - every step's per-neuron result (onStepResult) is within tolerance of the neuron's target, or the result's
//   `failures` names that neuron and step with a reason;
// - independently of the calibration's reports, the result file's registers applied to a fresh connection to
//   the same chip put every neuron's leak and reset potential within tolerance (plus the re-measurement's read
//   noise), unless that neuron is listed as failed for it.
// Each case is a full calibration (~7–15 s), so CI draws FC_NUM_RUNS / 50 cases (2 by default).

const numRuns = Math.max(1, Math.round(Number(process.env['FC_NUM_RUNS'] ?? 100) / 50));
const TOLERANCE = { potentialLsb: 2, relative: 0.05 };
/**
 * The membrane noise (σ = 1 LSB, correlation time τ_mem, reference §10.6) in the calibration's last measurement
 * and in the re-measurement: a neuron reported at the edge of its tolerance can re-measure ~2 LSB further.
 * Gross errors (registers not applied, a step undoing another) are far larger.
 */
const REMEASURE_MARGIN_LSB = 2;

/** Potentials are held to 2 CADC LSB, time constants and synaptic strengths to 5 % (issue 5). */
const POTENTIALS = new Set(['leak', 'reset', 'threshold', 'e_synin_exc_rev', 'e_synin_inh_rev']);
const toleranceOf = (report: CalibrationStepReport, target: number): number =>
  POTENTIALS.has(report.parameter) ? TOLERANCE.potentialLsb : TOLERANCE.relative * target;

/** A target drawn inside its legal range: one value, or (per-neuron) a smooth ±10 LSB pattern around it. */
function potential(name: 'leak' | 'reset' | 'threshold'): fc.Arbitrary<TargetValue> {
  const { min, max } = NEURON_TARGETS[name];
  return fc.tuple(fc.integer({ min, max }), fc.boolean()).map(([value, perNeuron]) =>
    perNeuron ? Array.from({ length: NEURONS }, (_, n) => Math.min(max, Math.max(min, value + Math.round(10 * Math.sin(n / 17))))) : value,
  );
}

/** A time constant drawn log-uniformly inside its legal range (µs). */
function timeConstant(name: 'tauMemUs' | 'tauSynExcUs' | 'tauSynInhUs'): fc.Arbitrary<number> {
  const { min, max } = NEURON_TARGETS[name];
  return fc.double({ min: 0, max: 1, noNaN: true }).map((u) => Number((min * (max / min) ** u).toPrecision(3)));
}

const targetSets = fc.record({
  leak: potential('leak'),
  reset: potential('reset'),
  threshold: potential('threshold'),
  tauMemUs: timeConstant('tauMemUs'),
  tauSynExcUs: timeConstant('tauSynExcUs'),
  tauSynInhUs: timeConstant('tauSynInhUs'),
});

/** Leak and reset potentials of every neuron, measured on a fresh connection with the result applied. */
async function remeasurePotentials(identity: string, result: CalibrationResult, tauMemUs: number): Promise<{ leak: Float64Array; reset: Float64Array }> {
  const connection = new TwinConnection({ identity, fidelity: 'analog' });
  const builder = new PlaybackProgramBuilder();
  builder.writeChip(calibrationChip(result));
  // Firing off: a drawn leak may lie above the drawn threshold.
  writeNeuronConfigs(builder, result.neuronConfig?.memCapSize ?? 63, { enThreshComp: false, enFire: false });
  connectNeuronsToCadc(builder);
  waitUs(builder, 40_000);
  // 32 reads a membrane time constant apart: nearly independent samples of the noise.
  const spacingUs = Math.max(5, tauMemUs);
  const leak = await measureMembranes(builder, connection, 32, spacingUs);
  const held = new PlaybackProgramBuilder();
  forceReset(held, true);
  waitUs(held, 10);
  const reset = await measureMembranes(held, connection, 32, spacingUs);
  await connection.close();
  return { leak, reset };
}

const isListed = (result: CalibrationResult, parameter: string, n: number): boolean =>
  result.failures.some((f) => f.parameter === parameter && f.instance === n && f.reason.length > 0);

describe('calibrateSpikingNeurons for random targets', () => {
  it('ends every neuron within tolerance of its targets or lists it as failed with the reason', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(targetSets, async (targets) => {
        const identity = `calib-property-${run++}`;
        const connection = new TwinConnection({ identity, fidelity: 'analog' });
        const reports: CalibrationStepReport[] = [];
        const result = await calibrateSpikingNeurons(connection, targets, { chipIdentity: identity, onStepResult: (r) => reports.push(r) });
        await connection.close();

        const unlisted: string[] = [];
        for (const report of reports) {
          const goal = (n: number): number => {
            const value = (targets as Record<string, TargetValue | undefined>)[report.parameter];
            return value === undefined ? report.target : targetOf(value, n);
          };
          report.after.forEach((value, n) => {
            const target = goal(n);
            if (!(Math.abs(value - target) <= toleranceOf(report, target)) && !isListed(result, report.parameter, n)) {
              unlisted.push(`${report.parameter}[${n}] = ${value} (target ${target})`);
            }
          });
        }
        const { leak, reset } = await remeasurePotentials(identity, result, targets.tauMemUs);
        for (const [parameter, measured] of [['leak', leak], ['reset', reset]] as const) {
          measured.forEach((value, n) => {
            const target = targetOf(targets[parameter], n);
            if (!(Math.abs(value - target) <= TOLERANCE.potentialLsb + REMEASURE_MARGIN_LSB) && !isListed(result, parameter, n)) {
              unlisted.push(`re-measured ${parameter}[${n}] = ${value.toFixed(2)} (target ${target})`);
            }
          });
        }
        console.log(
          `targets ${JSON.stringify(targets, (_k, v: unknown) => (Array.isArray(v) ? `per neuron ${Math.min(...v)}..${Math.max(...v)}` : v))}: ` +
            `${result.failures.length} neuron-steps listed as failed (${[...new Set(result.failures.map((f) => f.parameter))].join(', ') || 'none'}), ` +
            `${unlisted.length} out of tolerance and not listed`,
        );
        expect(unlisted.slice(0, 10)).toEqual([]);
      }),
      { numRuns, seed: 5, endOnFailure: true },
    );
  }, 600_000);
});
