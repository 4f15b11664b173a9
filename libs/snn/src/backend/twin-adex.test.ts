import { Tensor } from '@bss2/autograd';
import { TwinConnection } from '@bss2/chip';
import { afterAll, describe, expect, it } from 'vitest';
import { AdEx, Experiment, InputNeuron, run, SnnError, Synapse, TwinBackend, type AdExOptions } from '../index.js';
import { chipExpSlope } from './twin-adex-codes.js';
import { CADC_LSB_VOLTS } from './twin-codes.js';

// One AdEx neuron on an `ideal` twin, driven by an input spike every µs: it fires; with spike-triggered adaptation
// its inter-spike intervals grow (spike-frequency adaptation), without they stay constant; the exponential term makes
// a drive that stays below threshold as LIF run away above v_T and fire; parameters the chip cannot hold are typed
// errors naming them. Units: leak 80, threshold 125 CADC LSB, so one model unit is 45 LSB = 0.2025 V.

const connection = new TwinConnection({ identity: 'snn-twin-adex', fidelity: 'ideal' });
/** One backend for every run: each new network is a remap, but only the Chip's difference is written. */
const shared = new TwinBackend(connection, { capMemSettleUs: 0 });
afterAll(() => connection.close());

const STEPS = 80;
const LSB_PER_UNIT = 45;
const hardware = { leakCadc: 80, resetCadc: 80, thresholdCadc: 80 + LSB_PER_UNIT, membraneCapacitance: 9, iSynGm: 320, synapseDacBias: 1022 };
/** The exponential slope the chip realises at 45 LSB per model unit: 10 mV / 0.2025 V. */
const EXP_SLOPE = chipExpSlope(LSB_PER_UNIT * CADC_LSB_VOLTS);
const LIF_LIKE: AdExOptions = { tauMemUs: 6, tauSynUs: 6, expSlope: 0, adaptationStrength: 0, adaptationIncrement: 0 };

/** The spike steps and the membrane (model units) of one AdEx neuron fed one input spike per step of `weightHardware`. */
async function drive(options: AdExOptions, weightHardware: number): Promise<{ spikes: number[]; membrane: Float32Array }> {
  const experiment = new Experiment({ backend: shared, dtUs: 1 });
  const input = new InputNeuron(1, experiment);
  const synapse = new Synapse(1, 1, experiment, { weightScale: 64 });
  synapse.weight.data[0] = weightHardware / 64;
  const neuron = new AdEx(1, experiment, { hardware, traceScale: 1 / LSB_PER_UNIT, traceOffsetCadc: 80, ...options });
  const out = neuron.forward(synapse.forward(input.forward(new Tensor(new Float32Array(STEPS).fill(1), [STEPS, 1, 1]))));
  await run(experiment, STEPS);
  return { spikes: [...out.spikes.data.keys()].filter((t) => out.spikes.data[t] === 1), membrane: out.membraneCadc.data };
}

const intervals = (spikes: readonly number[]): number[] => spikes.slice(1).map((t, k) => t - spikes[k]!);

describe('AdEx on the twin backend', () => {
  it('fires under constant drive; spike-triggered adaptation stretches the intervals, without it they stay', async () => {
    const plain = await drive(LIF_LIKE, 20);
    const adapting = await drive({ ...LIF_LIKE, adaptationIncrement: 0.4, tauAdaptationUs: 40 }, 20);
    const plainIntervals = intervals(plain.spikes);
    const adaptingIntervals = intervals(adapting.spikes);
    console.log(`AdEx intervals (µs): without adaptation ${plainIntervals.join(' ')}; with b 0.4, τ_w 40 µs ${adaptingIntervals.join(' ')}`);
    expect(plain.spikes.length).toBeGreaterThan(8);
    // After the first spike the current is at its steady state: every later interval within one step of the second.
    for (const interval of plainIntervals.slice(1)) expect(Math.abs(interval - plainIntervals[0]!)).toBeLessThanOrEqual(1);
    expect(adapting.spikes.length).toBeGreaterThan(3);
    expect(adapting.spikes.length).toBeLessThan(plain.spikes.length);
    expect(adaptingIntervals.at(-1)!).toBeGreaterThanOrEqual(adaptingIntervals[0]! + 3);
    // Adaptation builds up: the intervals never shrink by more than a step (the dt grid).
    adaptingIntervals.slice(1).forEach((interval, k) => expect(interval).toBeGreaterThanOrEqual(adaptingIntervals[k]! - 1));
  });

  it('subthreshold adaptation a lowers the steady membrane as the model says: (leak + i)/(1 + a)', async () => {
    const plain = await drive(LIF_LIKE, 8);
    const adapting = await drive({ ...LIF_LIKE, adaptationStrength: 1, tauAdaptationUs: 10 }, 8);
    const late = (membrane: Float32Array) => membrane.slice(STEPS - 10).reduce((a, b) => a + b, 0) / 10;
    expect(plain.spikes).toEqual([]);
    expect(late(adapting.membrane)).toBeCloseTo(late(plain.membrane) / 2, 1);
  });

  it('with the exponential term a drive that keeps LIF below threshold runs away above v_T and fires', async () => {
    // One spike of 10/64 model units per µs holds i at 10/64 · 6 = 0.94 model units: LIF settles just below threshold 1.
    const lif = await drive(LIF_LIKE, 10);
    const exponential = await drive({ ...LIF_LIKE, expSlope: EXP_SLOPE, expThreshold: 0.8 }, 10);
    console.log(`AdEx exponential term: LIF peak ${Math.max(...lif.membrane).toFixed(3)} model units, no spike; with Δ_T ${EXP_SLOPE.toFixed(4)}, v_T 0.8 spikes at ${exponential.spikes.join(' ')}`);
    expect(lif.spikes).toEqual([]);
    expect(Math.max(...lif.membrane)).toBeGreaterThan(0.8);
    expect(exponential.spikes.length).toBeGreaterThan(0);
    // With a drive that fires both, the exponential term brings each spike earlier.
    const lifFiring = await drive(LIF_LIKE, 14);
    const expFiring = await drive({ ...LIF_LIKE, expSlope: EXP_SLOPE, expThreshold: 0.8 }, 14);
    expect(expFiring.spikes[0]!).toBeLessThan(lifFiring.spikes[0]!);
    expect(expFiring.spikes.length).toBeGreaterThan(lifFiring.spikes.length);
  });

  it('a 2-circuit AdEx neuron (§2.4) fires as the 1-circuit one: both circuits carry their share of the AdEx currents', async () => {
    const options: AdExOptions = { ...LIF_LIKE, expSlope: EXP_SLOPE, expThreshold: 0.8, adaptationStrength: 0.3, adaptationIncrement: 0.3, tauAdaptationUs: 40 };
    const single = await drive(options, 16);
    const joined = await drive({ ...options, circuits: 2 }, 16);
    console.log(`AdEx 1 circuit spikes ${single.spikes.join(' ')}; 2 circuits ${joined.spikes.join(' ')}`);
    expect(single.spikes.length).toBeGreaterThan(3);
    expect(joined.spikes.length).toBe(single.spikes.length);
    joined.spikes.forEach((t, k) => expect(Math.abs(t - single.spikes[k]!)).toBeLessThanOrEqual(1));
  });

  it('rejects parameters the chip cannot hold with typed errors naming them, and keeps running', async () => {
    const rejected = async (options: AdExOptions) => drive({ ...LIF_LIKE, ...options }, 10).then(() => undefined, (e: unknown) => e);
    const cases: [AdExOptions, string][] = [
      [{ expSlope: EXP_SLOPE, expThreshold: 6 }, 'expThreshold'],
      [{ adaptationIncrement: 50 }, 'adaptationIncrement'],
      [{ adaptationIncrement: 1e-4 }, 'adaptationIncrement'],
      [{ adaptationStrength: -40 }, 'adaptationStrength'],
      [{ adaptationIncrement: 0.1, tauAdaptationUs: 5000 }, 'tauAdaptationUs'],
      [{ adaptationStrength: 0.1, tauAdaptationUs: 1 }, 'tauAdaptationUs'],
    ];
    for (const [options, parameter] of cases) {
      const error = await rejected(options);
      expect(error).toBeInstanceOf(SnnError);
      expect(error).toMatchObject({ code: 'out-of-range', parameter });
      expect((error as SnnError).range).toMatch(/\.\./);
    }
    expect((await drive(LIF_LIKE, 20)).spikes.length).toBeGreaterThan(8);
  });
});
