import { Rng } from '@bss2/autograd';
import { TwinConnection } from '@bss2/chip';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { NEURON_HARDWARE_DEFAULTS, TwinBackend, type ExecutionRequest, type PopulationDescription } from '../index.js';
import { COMPARISON, MEMBRANE_BOUNDS, mockOf, shiftedError, twinTraceUnits, spikeSteps as spikeStepsOf } from './testing/mock-reference.js';

// The mock (libs/snn's device simulation: the software model on the dt grid) and the twin at `ideal` fidelity
// (no mismatch, no noise, exact event-driven LIF, libs/analog) run the same random feed-forward networks —
// inputs → LIF → LI — and must agree: every hidden spike within one time step, membrane traces within a stated
// tolerance.
//
// Both model the same neuron. The chip side is the backend's uncalibrated setup: leak 80 and threshold 125
// CADC LSB, so one model unit is 45 LSB (v = (CADC − 80) / 45); τ_mem, τ_syn and the synaptic gain (one
// hardware weight unit = 1/64 model units) from nominal CapMem codes (§10.3); the refractory time is the model's
// effective one on the dt grid (`refractoryOnDtGrid`). The mock side gets the chip's 6-bit weights, its voltage
// rails (0 V, 1.2 V) as membrane bounds, and time constants and a weight gain that make its Euler step the exact
// solution of the chip's linear ODEs at the grid points (testing/mock-reference.ts; plain Euler at dt = 0.2 µs
// would be ~2 % too strong, and its spikes drift ahead of the twin's by a step every few spikes).
//
// What still differs: the twin resets and delivers a spike at the threshold crossing, the mock at the end of
// the step. Hence: spikes ±1 step; each membrane sample within 0.15 model units (6.75 LSB) of the mock's
// samples one step before to one after (clipped to the CADC's 0..255), not compared on a hidden neuron's spike
// steps ±1. A neuron whose membrane comes within COMPARISON.grazing (0.06) of threshold somewhere may disagree on its spikes
// (one side crosses, the other does not, and the trains then shift); such neurons are counted, must stay under
// 6 %, and the readout of that sample is not compared. Measured (33 runs): 234 neurons, 281 spikes, 5 grazing,
// worst membrane error 0.111 model units.

const NUM_RUNS = Math.max(5, Math.round((fc.readConfigureGlobal().numRuns ?? 100) / 3));
const STEPS = 120;
const BATCH = 2;
const SPIKE_TOLERANCE_STEPS = 1;
const GRID = { steps: STEPS, batch: BATCH, toleranceSteps: SPIKE_TOLERANCE_STEPS } as const;

interface Case {
  readonly inputs: number;
  readonly hidden: number;
  readonly outputs: number;
  readonly tauMemUs: number;
  readonly tauSynUs: number;
  readonly refractoryTimeUs: number;
  readonly wHidden: number[];
  readonly wOut: number[];
  readonly spikeSeed: number;
}

const caseArbitrary: fc.Arbitrary<Case> = fc
  .record({
    inputs: fc.integer({ min: 1, max: 5 }),
    hidden: fc.integer({ min: 1, max: 8 }),
    outputs: fc.integer({ min: 1, max: 3 }),
    tauMemUs: fc.constantFrom(5, 6, 8, 10, 12),
    tauSynUs: fc.constantFrom(3, 5, 6, 10),
    refractoryTimeUs: fc.constantFrom(0, 0.4, 1, 2),
    spikeSeed: fc.integer({ min: 0, max: 0xffff }),
  })
  .chain((c) =>
    fc.record({
      wHidden: fc.array(fc.integer({ min: -30, max: 63 }), { minLength: c.inputs * c.hidden, maxLength: c.inputs * c.hidden }),
      wOut: fc.array(fc.integer({ min: -63, max: 63 }), { minLength: c.hidden * c.outputs, maxLength: c.hidden * c.outputs }),
    }).map((w) => ({ ...c, ...w })),
  );

function requestOf(c: Case): ExecutionRequest {
  const hardware = { ...NEURON_HARDWARE_DEFAULTS, leakCadc: COMPARISON.leakCadc, resetCadc: COMPARISON.leakCadc, thresholdCadc: COMPARISON.leakCadc + COMPARISON.lsbPerUnit };
  const common = { placement: null, hardware, recordSpikes: true, recordMembrane: true, circuits: 1 as const };
  const populations: PopulationDescription[] = [
    { kind: 'input', id: 0, name: 'in', size: c.inputs, placement: null },
    { kind: 'lif', id: 1, name: 'hidden', size: c.hidden, ...common, model: { leak: 0, reset: 0, threshold: 1, tauMemUs: c.tauMemUs, tauSynUs: c.tauSynUs, refractoryTimeUs: c.refractoryTimeUs } },
    { kind: 'li', id: 2, name: 'readout', size: c.outputs, ...common, model: { leak: 0, tauMemUs: c.tauMemUs, tauSynUs: c.tauSynUs } },
  ];
  const rng = new Rng(c.spikeSeed);
  const spikes = Float32Array.from({ length: STEPS * BATCH * c.inputs }, () => (rng.uniform() < 0.06 ? 1 : 0));
  return {
    network: {
      populations,
      projections: [
        { id: 3, name: 'in-hidden', pre: 0, post: 1, weightsHardware: Int8Array.from(c.wHidden), weightScale: COMPARISON.weightScale, changedSinceLastRun: true },
        { id: 4, name: 'hidden-readout', pre: 1, post: 2, weightsHardware: Int8Array.from(c.wOut), weightScale: COMPARISON.weightScale, changedSinceLastRun: true },
      ],
    },
    inputSpikes: new Map([[0, { data: spikes, shape: [STEPS, BATCH, c.inputs] }]]),
    steps: STEPS,
    batch: BATCH,
    dtUs: COMPARISON.dtUs,
  };
}


const spikeSteps = (spikes: Float32Array, size: number, b: number, n: number): number[] => spikeStepsOf(spikes, STEPS, BATCH, size, b, n);

const connection = new TwinConnection({ identity: 'snn-twin-vs-mock', fidelity: 'ideal' });
const backend = new TwinBackend(connection, { capMemSettleUs: 0, refractoryOnDtGrid: true });
afterAll(() => connection.close());

describe('twin (ideal) against the mock', () => {
  it('agrees on random feed-forward networks: spikes within one step, membranes within 0.15 model units', async () => {
    let neurons = 0;
    let grazing = 0;
    let spikesCompared = 0;
    let worstTrace = 0;
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async (c) => {
        const request = requestOf(c);
        const twin = await backend.execute(request);
        const mock = mockOf(request, MEMBRANE_BOUNDS);
        const problems: string[] = [];
        const twinUnits = (id: number) => twinTraceUnits(twin.get(id)!.membraneCadc!);
        const hiddenTwin = twinUnits(1);
        const readoutTwin = twinUnits(2);
        const hiddenMock = mock.get(1)!;
        for (let b = 0; b < BATCH; b++) {
          let sampleGrazing = false;
          const nearSpike = new Set<number>();
          for (let n = 0; n < c.hidden; n++) {
            neurons++;
            const m = spikeSteps(hiddenMock.spikes!, c.hidden, b, n);
            const t = spikeSteps(twin.get(1)!.spikes!, c.hidden, b, n);
            const agree = m.length === t.length && m.every((s, k) => Math.abs(s - t[k]!) <= SPIKE_TOLERANCE_STEPS);
            spikesCompared += m.length;
            if (!agree) {
              // Grazing: somewhere the mock's membrane came within COMPARISON.grazing of threshold without the two agreeing.
              const peaks = Array.from({ length: STEPS }, (_, s) => hiddenMock.preReset[(s * BATCH + b) * c.hidden + n]!);
              const grazes = peaks.some((v) => Math.abs(v - 1) < COMPARISON.grazing);
              if (!grazes) problems.push(`sample ${b} neuron ${n}: mock spikes ${m} twin ${t}`);
              grazing++;
              sampleGrazing = true;
              continue;
            }
            for (const s of [...m, ...t]) for (let d = -1; d <= SPIKE_TOLERANCE_STEPS; d++) nearSpike.add((s + d) * c.hidden + n);
            for (let s = 0; s < STEPS; s++) {
              if (nearSpike.has(s * c.hidden + n)) continue;
              const error = shiftedError(GRID, hiddenTwin, hiddenMock.membrane, c.hidden, b, n, s);
              worstTrace = Math.max(worstTrace, error);
              if (error > COMPARISON.traceTolerance) problems.push(`sample ${b} hidden ${n} step ${s}: twin ${hiddenTwin[(s * BATCH + b) * c.hidden + n]!.toFixed(3)} off by ${error.toFixed(3)}`);
            }
          }
          if (sampleGrazing) continue;
          for (let o = 0; o < c.outputs; o++) {
            for (let s = 0; s < STEPS; s++) {
              const error = shiftedError(GRID, readoutTwin, mock.get(2)!.membrane, c.outputs, b, o, s);
              worstTrace = Math.max(worstTrace, error);
              if (error > COMPARISON.traceTolerance) problems.push(`sample ${b} readout ${o} step ${s}: twin ${readoutTwin[(s * BATCH + b) * c.outputs + o]!.toFixed(3)} off by ${error.toFixed(3)}`);
            }
          }
        }
        expect(problems.slice(0, 8)).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
    console.log(`twin vs mock: ${neurons} hidden neuron traces, ${spikesCompared} spikes compared, ${grazing} grazing, worst trace error ${worstTrace.toFixed(3)} model units`);
    expect(spikesCompared).toBeGreaterThan(neurons);
    expect(grazing).toBeLessThan(0.06 * neurons);
  });
});
