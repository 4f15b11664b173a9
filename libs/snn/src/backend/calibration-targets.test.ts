import { neuronTargets } from '@bss2/calib';
import { AtomicNeuronOnDLS } from '@bss2/coords';
import { describe, expect, it } from 'vitest';
import { NEURON_HARDWARE_DEFAULTS } from '../modules/neuron-parameters.js';
import { SnnError } from '../snn-error.js';
import type { LiPopulationDescription, LifPopulationDescription } from './backend.js';
import { networkCalibrationTargets } from './calibration-targets.js';

// The targets a network asks its chip to be calibrated to (§6.6), from the modules' parameters.

const neurons = (first: number, count: number) => Array.from({ length: count }, (_, i) => AtomicNeuronOnDLS(first + i));
const common = { placement: null, recordSpikes: true, recordMembrane: true, circuits: 1 as const };
const lif = (id: number, hardware: Partial<typeof NEURON_HARDWARE_DEFAULTS> = {}, tauMemUs = 6): LifPopulationDescription => ({
  ...common, kind: 'lif', id, name: `lif${id}`, size: 4,
  hardware: { ...NEURON_HARDWARE_DEFAULTS, thresholdCadc: 150, ...hardware },
  model: { leak: 0, reset: 0, threshold: 1, tauMemUs, tauSynUs: 5, refractoryTimeUs: 1 },
});
const li = (id: number, hardware: Partial<typeof NEURON_HARDWARE_DEFAULTS> = {}): LiPopulationDescription => ({
  ...common, kind: 'li', id, name: `li${id}`, size: 2, hardware: { ...NEURON_HARDWARE_DEFAULTS, ...hardware }, model: { leak: 0, tauMemUs: 6, tauSynUs: 5 },
});

describe('networkCalibrationTargets', () => {
  it('gives one value per target when the populations agree; an LI readout does not vote on reset and threshold', () => {
    const targets = networkCalibrationTargets([
      { population: lif(1, { resetCadc: 70 }), neurons: neurons(0, 4), bottomCircuits: [] },
      { population: li(2, { resetCadc: 90, thresholdCadc: 125 }), neurons: neurons(256, 2), bottomCircuits: [] },
    ]);
    expect(targets).toEqual({
      leak: 80, reset: 70, threshold: 150, tauMemUs: 6, tauSynExcUs: 5, tauSynInhUs: 5,
      membraneCapacitance: 63, iSyninGm: 500, synapseDacBias: 600,
    });
    expect(() => neuronTargets(targets)).not.toThrow();
  });

  it('lists per-neuron values by placement where the populations differ, the other neurons taking the first population\'s', () => {
    const targets = networkCalibrationTargets([
      { population: lif(1, {}, 6), neurons: neurons(10, 4), bottomCircuits: [] },
      { population: lif(2, { leakCadc: 90 }, 12), neurons: neurons(300, 4), bottomCircuits: [] },
    ]);
    const tauMem = targets.tauMemUs as number[];
    expect(tauMem).toHaveLength(512);
    expect(tauMem.slice(300, 304)).toEqual([12, 12, 12, 12]);
    expect(tauMem.filter((t) => t === 12)).toHaveLength(4);
    expect(tauMem[0]).toBe(6);
    expect((targets.leak as number[])[303]).toBe(90);
    expect((targets.leak as number[])[304]).toBe(80);
    expect(targets.tauSynExcUs).toBe(5);
    expect(() => neuronTargets(targets)).not.toThrow();
  });

  it('covers both circuits of 2-circuit neurons and asks for the capacitance and gain that make them one neuron at the population\'s settings', () => {
    const joined = (population: LifPopulationDescription, first: number) => ({ population: { ...population, circuits: 2 as const }, neurons: neurons(first, 4), bottomCircuits: neurons(256 + first, 4) });
    const targets = networkCalibrationTargets([joined(lif(1, { membraneCapacitance: 9 }, 6), 0), joined(lif(2, { membraneCapacitance: 9 }, 12), 10)]);
    const tauMem = targets.tauMemUs as number[];
    expect([0, 3, 256, 259].map((n) => tauMem[n])).toEqual([6, 6, 6, 6]);
    expect([10, 13, 266, 269].map((n) => tauMem[n])).toEqual([12, 12, 12, 12]);
    expect(tauMem.filter((t) => t === 12)).toHaveLength(8);
    // C(3) = 0.2048 pF per circuit, 0.4095 pF joined, against C(9) = 0.4143 pF: gm 500 · 0.9885 = 494.25 → 494.
    expect(targets.membraneCapacitance).toBe(3);
    expect(targets.iSyninGm).toBe(494);
    expect(() => neuronTargets(targets)).not.toThrow();
  });

  it('refuses populations that ask for different chip-wide settings, naming the setting and both values', () => {
    const call = () => networkCalibrationTargets([
      { population: lif(1), neurons: neurons(0, 4), bottomCircuits: [] },
      { population: li(2, { membraneCapacitance: 20 }), neurons: neurons(256, 2), bottomCircuits: [] },
    ]);
    expect(call).toThrow(SnnError);
    expect(call).toThrow(expect.objectContaining({ code: 'invalid-graph', parameter: 'membraneCapacitance', value: 20, range: '63 (as lif1)' }));
    expect(() => networkCalibrationTargets([])).toThrow(expect.objectContaining({ parameter: 'populations' }));
  });
});
