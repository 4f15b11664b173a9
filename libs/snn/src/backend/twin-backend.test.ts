import { Rng, Tensor } from '@bss2/autograd';
import { TwinConnection } from '@bss2/chip';
import { AtomicNeuronOnDLS, CapMemBlockOnDLS, CapMemCellOnDLS, type NeuronParameter } from '@bss2/coords';
import { CapMemCell, Chip, NeuronConfig } from '@bss2/regs';
import { afterAll, describe, expect, it } from 'vitest';
import { Experiment, InputNeuron, LI, LIF, run, SnnError, Synapse, TwinBackend, type NetworkCalibrationTargets } from '../index.js';

// The backend's bookkeeping on an `ideal` twin: the first run maps and writes the Chip, a later run with one
// changed weight writes only that synapse pair's quads and observes what a fresh mapping of the new weights
// observes; an Experiment given a Connection runs through a TwinBackend; bad requests are typed errors.

const connection = new TwinConnection({ identity: 'snn-twin-backend', fidelity: 'ideal' });
afterAll(() => connection.close());

const steps = 40;
// C setting 9 with gm 320 and a full-scale DAC: one hardware weight unit is 1/64 of a model unit of input at 45 LSB
// per model unit (twin-codes `synapticGainCode`), the gain the nominal chip gets, so a calibrated chip fires alike.
const hardware = { leakCadc: 80, resetCadc: 80, thresholdCadc: 125, membraneCapacitance: 9, iSynGm: 320, synapseDacBias: 1022 };

function network(experiment: Experiment) {
  const rng = new Rng(5);
  const input = new InputNeuron(3, experiment);
  const hiddenSynapse = new Synapse(3, 4, experiment, { weightScale: 64, initMean: 0.8, initStd: 0.3, rng });
  const hidden = new LIF(4, experiment, { tauMemUs: 6, tauSynUs: 6, hardware, traceScale: 1 / 45, traceOffsetCadc: 80 });
  const readoutSynapse = new Synapse(4, 2, experiment, { weightScale: 64, initMean: 0.2, initStd: 0.5, rng });
  const readout = new LI(2, experiment, { tauMemUs: 6, tauSynUs: 6, hardware, traceScale: 1 / 45, traceOffsetCadc: 80 });
  const spikes = new Tensor(Float32Array.from({ length: steps * 2 * 3 }, (_, k) => (k % 17 === 0 ? 1 : 0)), [steps, 2, 3]);
  const forward = () => {
    const h = hidden.forward(hiddenSynapse.forward(input.forward(spikes)));
    return { h, y: readout.forward(readoutSynapse.forward(h)) };
  };
  return { hiddenSynapse, forward };
}

describe('TwinBackend', () => {
  it('writes the Chip once, then only the changed synapse quads, and observes what a fresh mapping does', async () => {
    const backend = new TwinBackend(connection, { capMemSettleUs: 0 });
    const experiment = new Experiment({ backend, dtUs: 1 });
    const net = network(experiment);
    let out = net.forward();
    await run(experiment, steps);
    expect(backend.lastRun).toMatchObject({ remapped: true, synapseQuadWrites: 0 });
    expect(out.h.spikes.data.some((s) => s !== 0)).toBe(true);

    out = net.forward();
    await run(experiment, steps);
    expect(backend.lastRun).toMatchObject({ remapped: false, synapseQuadWrites: 0 });

    // 0.8 → −0.5: the excitatory and the inhibitory synapse of one pair change, one quad in each row.
    net.hiddenSynapse.weight.data[0] = -0.5;
    out = net.forward();
    await run(experiment, steps);
    expect(backend.lastRun).toMatchObject({ remapped: false, synapseQuadWrites: 2 });

    const fresh = new TwinBackend(new TwinConnection({ identity: 'snn-twin-backend-fresh', fidelity: 'ideal' }), { capMemSettleUs: 0 });
    const freshExperiment = new Experiment({ backend: fresh, dtUs: 1 });
    const freshNet = network(freshExperiment);
    freshNet.hiddenSynapse.weight.data[0] = -0.5;
    const freshOut = freshNet.forward();
    await run(freshExperiment, steps);
    expect(fresh.lastRun?.remapped).toBe(true);
    expect(Array.from(out.h.spikes.data)).toEqual(Array.from(freshOut.h.spikes.data));
    expect(Array.from(out.y.membraneCadc.data)).toEqual(Array.from(freshOut.y.membraneCadc.data));
  });

  it('reports each spike at its event timestamp, in the dt bin the grid spikes put it, and has none from the mock', async () => {
    const experiment = new Experiment({ backend: new TwinBackend(connection, { capMemSettleUs: 0 }), dtUs: 1 });
    const out = network(experiment).forward();
    await run(experiment, steps);
    const { offsets, timesUs, indices } = out.h.spikeTimes;
    const batch = 2;
    const grid = out.h.spikes.data;
    expect(offsets[batch]).toBe(grid.reduce((n, s) => n + s, 0));
    expect(offsets[batch]).toBeGreaterThanOrEqual(3);
    for (let b = 0; b < batch; b++) {
      for (let e = offsets[b]!; e < offsets[b + 1]!; e++) {
        if (e > offsets[b]!) expect(timesUs[e]!).toBeGreaterThanOrEqual(timesUs[e - 1]!);
        // On the 8 ns cycle, inside ((t − 1) dt, t dt] of the grid spike's step t.
        expect(Math.abs(timesUs[e]! * 125 - Math.round(timesUs[e]! * 125))).toBeLessThan(1e-9);
        const t = Math.ceil(timesUs[e]! - 1e-9);
        expect(grid[(t * batch + b) * 4 + indices[e]!]).toBe(1);
      }
    }
    const mock = new Experiment({ backend: 'mock', dtUs: 1 });
    const mockOut = network(mock).forward();
    await run(mock, steps);
    expect(() => mockOut.h.spikeTimes).toThrow(expect.objectContaining({ code: 'backend', parameter: 'spikeTimes' }));
  });

  it('keeps a calibration\'s CapMem: a threshold calibrated out of reach silences the LIF neurons', async () => {
    const calibrated = new Experiment({ backend: new TwinConnection({ identity: 'snn-twin-calibrated', fidelity: 'ideal' }), calibration: thresholdOutOfReach(), dtUs: 1 });
    const out = network(calibrated).forward();
    await run(calibrated, steps);
    expect(out.h.spikes.data.every((s) => s === 0)).toBe(true);
    // The membrane still integrates its inputs (in model units: (CADC − 80) / 45).
    expect(Math.max(...out.h.membraneCadc.data)).toBeGreaterThan(0.2);
    await (calibrated.backend as TwinBackend).connection.close();
  });

  it('calibrates for the network\'s targets before the first run, and not again while they stay', async () => {
    const asked: NetworkCalibrationTargets[] = [];
    const calibrating = new TwinConnection({ identity: 'snn-twin-calibrating', fidelity: 'ideal' });
    const calibrate = (targets: NetworkCalibrationTargets) => {
      asked.push(targets);
      return Promise.resolve(thresholdOutOfReach());
    };
    const backend = new TwinBackend(calibrating, { capMemSettleUs: 0, calibrate });
    const experiment = new Experiment({ backend, dtUs: 1 });
    const net = network(experiment);
    let out = net.forward();
    await run(experiment, steps);
    expect(asked).toEqual([{ leak: 80, reset: 80, threshold: 125, tauMemUs: 6, tauSynExcUs: 6, tauSynInhUs: 6, membraneCapacitance: 9, iSyninGm: 320, synapseDacBias: 1022 }]);
    // What runs is the calibration's chip: its threshold keeps every LIF neuron silent.
    expect(out.h.spikes.data.every((s) => s === 0)).toBe(true);
    net.hiddenSynapse.weight.data[0] = -0.5;
    out = net.forward();
    await run(experiment, steps);
    expect(asked).toHaveLength(1);
    expect(backend.lastRun).toMatchObject({ remapped: false, synapseQuadWrites: 2 });
    expect(() => new TwinBackend(calibrating, { calibration: thresholdOutOfReach(), calibrate })).toThrow(expect.objectContaining({ parameter: 'calibrate' }));
    await calibrating.close();
  });

  it('calibrates with libs/calib for calibration: \'network\', and the network then fires as on the nominal chip', async () => {
    const twin = new TwinConnection({ identity: 'snn-twin-network-calibration', fidelity: 'ideal' });
    const experiment = new Experiment({ backend: twin, calibration: 'network', dtUs: 1 });
    const out = network(experiment).forward();
    await run(experiment, steps);
    const nominal = new Experiment({ backend: new TwinBackend(connection, { capMemSettleUs: 0 }), dtUs: 1 });
    const nominalOut = network(nominal).forward();
    await run(nominal, steps);
    const count = (spikes: Float32Array) => spikes.reduce((n, s) => n + s, 0);
    expect(count(out.h.spikes.data)).toBeGreaterThan(0);
    expect(count(out.h.spikes.data)).toBeGreaterThanOrEqual(0.5 * count(nominalOut.h.spikes.data));
    expect(count(out.h.spikes.data)).toBeLessThanOrEqual(2 * count(nominalOut.h.spikes.data));
    await twin.close();
  }, 120_000);

  it('is what an Experiment given a Connection or \'twin\' runs on', async () => {
    const experiment = new Experiment({ backend: connection, dtUs: 1 });
    expect(experiment.backend).toBeInstanceOf(TwinBackend);
    expect((experiment.backend as TwinBackend).connection).toBe(connection);
    const inProcess = new Experiment({ backend: 'twin' }).backend as TwinBackend;
    expect(inProcess).toBeInstanceOf(TwinBackend);
    expect(inProcess.connection.description).toBe('twin:snn-twin (analog)');
    await inProcess.connection.close();
  });

  it('rejects a dt off the FPGA clock with a typed error', async () => {
    const offGrid = new Experiment({ backend: new TwinBackend(connection, { capMemSettleUs: 0 }), dtUs: 0.003 });
    const net = network(offGrid);
    net.forward();
    const error = await run(offGrid, steps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnnError);
    expect(error).toMatchObject({ code: 'out-of-range', parameter: 'dtUs', value: 0.003 });
  });
});

/** A stand-in calibration result: nominal codes (§10.3) except v_threshold 1000, above the 1.2 V rail. */
function thresholdOutOfReach(): Chip {
  const calibration = new Chip();
  const codes: Partial<Record<NeuronParameter, number>> = {
    v_leak: 214, v_reset: 214, v_threshold: 1000, i_bias_leak: 333, i_bias_synin_exc_tau: 50, i_bias_synin_inh_tau: 50, i_bias_synin_exc_gm: 500, i_bias_synin_inh_gm: 500,
  };
  for (let n = 0; n < 512; n++) {
    for (const [parameter, value] of Object.entries(codes)) calibration.set(CapMemCell, CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(n), parameter as NeuronParameter), { value });
    calibration.modify(NeuronConfig, AtomicNeuronOnDLS(n), { memCapSize: 63 });
  }
  for (const block of CapMemBlockOnDLS.all()) calibration.set(CapMemCell, CapMemCellOnDLS.ofShared(block, 'syn_i_bias_dac'), { value: 1022 });
  return calibration;
}
