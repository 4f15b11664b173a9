import { Rng, sum, Tensor } from '@bss2/autograd';
import { describe, expect, it } from 'vitest';
import { AdEx, Experiment, InputNeuron, LI, LIF, run, simulateDevice, Synapse, type DevicePopulation, type MockImperfections } from '../index.js';

const STEPS = 25;
const BATCH = 3;

function spikes(seed: number): Tensor {
  const rng = new Rng(seed);
  return new Tensor(Float32Array.from({ length: STEPS * BATCH * 4 }, () => (rng.uniform() < 0.2 ? 1 : 0)), [STEPS, BATCH, 4]);
}

async function forward(mock: MockImperfections, hiddenKind: 'lif' | 'adex' = 'lif') {
  const experiment = new Experiment({ mock, seed: 11 });
  const input = new InputNeuron(4, experiment);
  const s1 = new Synapse(4, 6, experiment, { weightScale: 64, initMean: 0.7, initStd: 0.5 });
  const hiddenModule = hiddenKind === 'lif'
    ? new LIF(6, experiment, { tauMemUs: 6, tauSynUs: 6, refractoryTimeUs: 2 })
    : new AdEx(6, experiment, { tauMemUs: 6, tauSynUs: 6, adaptationStrength: 0.05 });
  const s2 = new Synapse(6, 2, experiment, { weightScale: 64 });
  const readoutModule = new LI(2, experiment, { tauMemUs: 6, tauSynUs: 6 });
  const hidden = hiddenModule.forward(s1.forward(input.forward(spikes(1))));
  const readout = readoutModule.forward(s2.forward(hidden));
  await run(experiment, STEPS);
  return { hidden, readout, s1, s2 };
}

describe('the mock device and the mock’s hardware effects', () => {
  for (const kind of ['lif', 'adex'] as const) {
    it(`simulates ${kind} networks like the software model when its effects are off`, async () => {
      const exact = await forward({}, kind);
      const experiment = new Experiment();
      const populations: DevicePopulation[] = [
        { kind: 'input', id: 0, size: 4 },
        kind === 'lif'
          ? { kind, id: 2, size: 6, model: { leak: 0, reset: 0, threshold: 1, tauMemUs: 6, tauSynUs: 6, refractoryTimeUs: 2 }, inputs: [{ pre: 0, weight: exact.s1.weight.data }] }
          : { kind, id: 2, size: 6, model: new AdEx(6, experiment, { tauMemUs: 6, tauSynUs: 6, adaptationStrength: 0.05 }).model, inputs: [{ pre: 0, weight: exact.s1.weight.data }] },
        { kind: 'li', id: 4, size: 2, model: { leak: 0, tauMemUs: 6, tauSynUs: 6 }, inputs: [{ pre: 2, weight: exact.s2.weight.data }] },
      ];
      const traces = simulateDevice({
        populations, inputSpikes: new Map([[0, spikes(1).data]]), steps: STEPS, batch: BATCH, dtUs: 1,
        effects: { membraneNoiseStd: 0, membraneBounds: null, rng: new Rng(0) },
      });
      expect(Array.from(traces.get(2)!.spikes!)).toEqual(Array.from(exact.hidden.spikes.data));
      expect(exact.hidden.spikes.data.some((z) => z === 1)).toBe(true);
      const membrane = traces.get(2)!.membrane;
      exact.hidden.membraneCadc.data.forEach((v, k) => expect(membrane[k]!).toBeCloseTo(v, 5));
      const readout = traces.get(4)!.membrane;
      exact.readout.membraneCadc.data.forEach((v, k) => expect(readout[k]!).toBeCloseTo(v, 5));
    });
  }

  it('adds seeded membrane noise: the forward changes, repeats per seed, and still has a gradient', async () => {
    const exact = await forward({});
    const noisy = await forward({ membraneNoiseStd: 0.05, seed: 3 });
    const again = await forward({ membraneNoiseStd: 0.05, seed: 3 });
    const other = await forward({ membraneNoiseStd: 0.05, seed: 4 });
    expect(Array.from(noisy.readout.membraneCadc.data)).toEqual(Array.from(again.readout.membraneCadc.data));
    expect(noisy.readout.membraneCadc.data).not.toEqual(exact.readout.membraneCadc.data);
    expect(noisy.readout.membraneCadc.data).not.toEqual(other.readout.membraneCadc.data);
    sum(noisy.readout.membraneCadc).backward();
    expect(noisy.s1.weight.grad!.data.some((g) => g !== 0)).toBe(true);
  });

  it('clips the membrane to its bounds', async () => {
    const bounded = await forward({ membraneBounds: { min: -0.05, max: 0.3 } });
    for (const v of bounded.readout.membraneCadc.data) {
      expect(v).toBeGreaterThanOrEqual(-0.05 - 1e-7);
      expect(v).toBeLessThanOrEqual(0.3 + 1e-7);
    }
  });

  it('puts weights on the 6-bit grid inside ±63/scale, with the gradient passed straight through', async () => {
    const effects = await forward({ weightDiscretisation: true, weightSaturation: true });
    const modelWeight = effects.s1.modelWeight().data;
    modelWeight.forEach((w, k) => {
      expect(Math.abs(w * 64 - Math.round(w * 64))).toBeLessThan(1e-4);
      expect(Math.abs(w)).toBeLessThanOrEqual(63 / 64);
      expect(Math.abs(w - Math.min(63 / 64, Math.max(-63 / 64, effects.s1.weight.data[k]!)))).toBeLessThanOrEqual(0.5 / 64 + 1e-6);
    });
    sum(effects.readout.membraneCadc).backward();
    expect(effects.s2.weight.grad!.data.some((g) => g !== 0)).toBe(true);
    expect(() => new Experiment({ mock: { membraneBounds: { min: 1, max: 0 } } })).toThrow(/membraneBounds.min 1 must be below max 0/);
    expect(() => new Experiment({ mock: { membraneNoiseStd: -1 } })).toThrow(/membraneNoiseStd -1 must be a finite number ≥ 0/);
  });
});
