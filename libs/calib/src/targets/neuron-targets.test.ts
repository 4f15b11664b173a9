import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultNeuronTargets, NEURON_TARGETS, neuronTargets, targetOf } from './neuron-targets.js';

describe('neuron calibration targets', () => {
  it("has calix's defaults (reference §7.3)", () => {
    expect(defaultNeuronTargets()).toMatchObject({ leak: 80, reset: 70, threshold: 125, tauMemUs: 10, tauSynExcUs: 10, iSyninGm: 500, membraneCapacitance: 63, refractoryTimeUs: 2, synapseDacBias: 600, tauIccUs: null });
  });

  it('accepts every value inside the legal ranges (reference §7.4), per chip or per neuron', () => {
    const names = Object.keys(NEURON_TARGETS) as (keyof typeof NEURON_TARGETS)[];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.double({ min: 0, max: 1, noNaN: true }), (name, fraction) => {
        const s = NEURON_TARGETS[name];
        const raw = s.min + fraction * (s.max - s.min);
        const value = s.integer ? Math.round(raw) : raw;
        expect(targetOf(neuronTargets({ [name]: value })[name] as number, 0)).toBe(value);
        if (s.perNeuron) expect(targetOf(neuronTargets({ [name]: new Array(512).fill(value) })[name] as number[], 511)).toBe(value);
      }),
    );
  });

  it('rejects values outside the ranges with a typed error naming the target and its range', () => {
    const names = Object.keys(NEURON_TARGETS) as (keyof typeof NEURON_TARGETS)[];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.boolean(), (name, excess, below) => {
        const s = NEURON_TARGETS[name];
        const value = below ? s.min - excess : s.max + excess;
        expect(() => neuronTargets({ [name]: value })).toThrow(expect.objectContaining({ code: 'target-out-of-range', value, range: { min: s.min, max: s.max } }));
      }),
    );
    expect(() => neuronTargets({ leek: 80 })).toThrow(/unknown calibration target "leek"/);
    expect(() => neuronTargets({ membraneCapacitance: 10.5 })).toThrow(/integer/);
    expect(() => neuronTargets({ leak: [80, 81] })).toThrow(/needs 512/);
    expect(() => neuronTargets({ synapseDacBias: new Array(512).fill(600) })).toThrow(/one value for the whole chip/);
    expect(() => neuronTargets({ leak: Number.NaN })).toThrow(expect.objectContaining({ code: 'target-out-of-range' }));
    expect(() => neuronTargets({ leak: null })).toThrow(/cannot be switched off/);
  });
});
