import { AtomicNeuronOnDLS, CapMemCellOnDLS, type NeuronParameter } from '@bss2/coords';
import { CapMemCell, Chip, NeuronBackendConfig, NeuronConfig } from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { ADEX_DEFAULTS, LIF_DEFAULTS, NEURON_HARDWARE_DEFAULTS, type AdExModelParameters } from '../index.js';
import type { NeuronPopulationDescription } from './backend.js';
import { adexCircuitSetup, CHIP_EXP_SLOPE_VOLTS, leakConductanceNs } from './twin-adex-codes.js';
import { capacitancePf, voltageCellVolts, voltsOfCadc } from './twin-codes.js';
import { configureNeurons } from './twin-neuron-setup.js';

// The AdEx cells against the transfer curves they invert (libs/analog neuron-parameters.ts, §10.3): the onset of
// the exponential lands on v_T, a and b are the model's multiples of the leak conductance, τ_w = 2000 µs / code.

const VOLTS_PER_UNIT = 45 * 0.0045;
const hardware = { ...NEURON_HARDWARE_DEFAULTS, leakCadc: 80, resetCadc: 80, thresholdCadc: 125 };
const model: AdExModelParameters = { ...ADEX_DEFAULTS, expSlope: 0.05, expThreshold: 0.8, adaptationStrength: 0.5, adaptationIncrement: 0.2, tauAdaptationUs: 100 };
const cellsOf = (setup: ReturnType<typeof adexCircuitSetup>) => new Map(setup.cells);

describe('AdEx codes', () => {
  it('put the exponential onset on v_T and derive a, b and τ_w from the leak conductance', () => {
    const leakConductance = 50;
    const setup = adexCircuitSetup('t', model, hardware, VOLTS_PER_UNIT, leakConductance);
    const cells = cellsOf(setup);
    // The onset (slope of the term = slope of the leak) of g_l·ΔT·(code/511)·e^{(v − V(v_exp))/ΔT} is V(v_exp) − ΔT·ln(code/511).
    const onset = voltageCellVolts(cells.get('v_exp')!) - CHIP_EXP_SLOPE_VOLTS * Math.log(cells.get('i_bias_exp')! / 511);
    expect(onset).toBeCloseTo(voltsOfCadc(80) + 0.8 * VOLTS_PER_UNIT, 4);
    expect(cells.get('i_bias_adapt_a')).toBe(Math.round((0.5 * leakConductance * 1022) / 500));
    expect(cells.get('i_bias_adapt_b')).toBe(Math.round((0.2 * leakConductance * VOLTS_PER_UNIT * 1022) / 20));
    expect(cells.get('i_bias_adapt_tau')).toBe(20);
    expect(cells.get('v_adapt_ref')).toBe(214);
    expect(setup.neuronConfig).toEqual({ enExp: true, enAdapt: true, invertAdaptA: false, invertAdaptB: false });
    expect(setup.enAdaptPulse).toBe(true);
  });

  it('turn negative a and b into the invert switches and switch off what the model leaves out', () => {
    const inverted = adexCircuitSetup('t', { ...model, adaptationStrength: -0.5, adaptationIncrement: -0.2 }, hardware, VOLTS_PER_UNIT, 50);
    expect(inverted.neuronConfig).toMatchObject({ invertAdaptA: true, invertAdaptB: true });
    expect(cellsOf(inverted).get('i_bias_adapt_a')).toBe(51);
    const plain = adexCircuitSetup('t', { ...model, expSlope: 0, adaptationStrength: 0, adaptationIncrement: 0 }, hardware, VOLTS_PER_UNIT, 50);
    expect(plain).toEqual({ cells: [], neuronConfig: { enExp: false, enAdapt: false, invertAdaptA: false, invertAdaptB: false }, enAdaptPulse: false });
    const subthresholdOnly = adexCircuitSetup('t', { ...model, adaptationIncrement: 0 }, hardware, VOLTS_PER_UNIT, 50);
    expect(subthresholdOnly.enAdaptPulse).toBe(false);
    expect(cellsOf(subthresholdOnly).get('i_bias_adapt_b')).toBe(0);
  });

  it('on a calibrated chip take g_l from its capacitance and the model τ_mem, and clear the AdEx switches of LIF circuits', () => {
    const chip = new Chip();
    const [adexNeuron, lifNeuron] = [AtomicNeuronOnDLS(0), AtomicNeuronOnDLS(1)];
    for (const n of [adexNeuron, lifNeuron]) chip.modify(NeuronConfig, n, { memCapSize: 40, enExp: true, enAdapt: true });
    const common = { placement: null, hardware, recordSpikes: true, recordMembrane: true, circuits: 1 as const, size: 1 };
    const adex: NeuronPopulationDescription = { kind: 'adex', id: 1, name: 'adex', ...common, model: { ...model, tauMemUs: 8 } };
    const lif: NeuronPopulationDescription = { kind: 'lif', id: 2, name: 'lif', ...common, model: LIF_DEFAULTS };
    configureNeurons(chip, [{ population: adex, neurons: [adexNeuron], bottomCircuits: [] }, { population: lif, neurons: [lifNeuron], bottomCircuits: [] }], [], true, null);
    const cell = (parameter: NeuronParameter) => chip.get(CapMemCell, CapMemCellOnDLS.ofNeuron(adexNeuron, parameter)).value;
    const leakConductance = leakConductanceNs(40, 8);
    expect(leakConductance).toBeCloseTo((1000 * capacitancePf(40)) / 8, 9);
    expect(cell('i_bias_adapt_a')).toBe(Math.round((0.5 * leakConductance * 1022) / 500));
    expect(chip.get(NeuronConfig, adexNeuron)).toMatchObject({ enExp: true, enAdapt: true, memCapSize: 40 });
    expect(chip.get(NeuronBackendConfig, adexNeuron).enAdaptPulse).toBe(true);
    expect(chip.get(NeuronConfig, lifNeuron)).toMatchObject({ enExp: false, enAdapt: false, enFire: true });
    // The calibration's LIF cells stay: a calibrated chip gets no nominal v_leak.
    expect(cell('v_leak')).toBe(new Chip().get(CapMemCell, CapMemCellOnDLS.ofNeuron(adexNeuron, 'v_leak')).value);
  });
});
