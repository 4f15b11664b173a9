import { Tensor } from '@bss2/autograd';
import { TwinConnection } from '@bss2/chip';
import { encodeLatency, loadMnist16, MNIST16_LATENCY_ENCODING } from '@bss2/datasets';
import { afterAll, describe, expect, it } from 'vitest';
import { Experiment, InputNeuron, LI, LIF, run, Synapse } from '../index.js';
import { calibrateOnConnection } from './network-calibration.js';
import { TwinBackend } from './twin-backend.js';
import type { NetworkCalibrationTargets } from './calibration-targets.js';

// Smoke test of MNIST16 on the calibrated `analog` twin (mismatch, noise): 256 latency-coded MNIST16 pixels →
// 246 LIF → 10 LI, every neuron two joined circuits (reference §2.4). The chip is calibrated for the network's
// own targets (§6.6), both circuits of every neuron included, with the 2-circuit capacitance and gain; then a batch
// of 8 test digits runs through `run` with the Yin-Yang example's hardware settings (leak/reset 80, threshold 150
// CADC LSB, C setting 9, gm 500, τ 6 µs, weight scale 64) and an excitatory-leaning initialisation. The hidden
// neurons must fire (a silent hidden layer would leave training nothing to work with), each spike once (the
// bottom circuits are slaves), and the readout must move.

const BATCH = 8;
const HARDWARE = { leakCadc: 80, resetCadc: 80, thresholdCadc: 150, membraneCapacitance: 9, iSynGm: 500, synapseDacBias: 1022 } as const;

const connection = new TwinConnection({ identity: 'snn-two-circuit-analog', fidelity: 'analog' });
afterAll(() => connection.close());

describe('MNIST16 with 2-circuit neurons on the calibrated analog twin', () => {
  it('calibrates both circuits and makes hidden neurons fire for MNIST16 digits', async () => {
    const asked: NetworkCalibrationTargets[] = [];
    const calibrate = calibrateOnConnection(connection, { chipIdentity: 'snn-two-circuit-analog' });
    const backend = new TwinBackend(connection, { calibrate: (targets) => (asked.push(targets), calibrate(targets)) });
    const experiment = new Experiment({ backend, dtUs: MNIST16_LATENCY_ENCODING.dtUs, seed: 3 });
    const trace = { traceScale: 1 / 70, traceOffsetCadc: 80 };
    const input = new InputNeuron(256, experiment);
    const hiddenSynapse = new Synapse(256, 246, experiment, { weightScale: 64, initMean: 0.05, initStd: 0.15 });
    const hidden = new LIF(246, experiment, { tauMemUs: 6, tauSynUs: 6, hardware: HARDWARE, circuits: 2, enableCadcRecording: false, ...trace });
    const readoutSynapse = new Synapse(246, 10, experiment, { weightScale: 64, initMean: 0, initStd: 0.1 });
    const readout = new LI(10, experiment, { tauMemUs: 6, tauSynUs: 6, hardware: HARDWARE, circuits: 2, ...trace });
    const { test } = loadMnist16();
    const spikes = encodeLatency(test.features.subarray(0, BATCH * 256), BATCH, MNIST16_LATENCY_ENCODING);
    const h = hidden.forward(hiddenSynapse.forward(input.forward(new Tensor(spikes.data, spikes.shape))));
    const r = readout.forward(readoutSynapse.forward(h));
    await run(experiment, MNIST16_LATENCY_ENCODING.steps);

    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ membraneCapacitance: 3, tauMemUs: 6, leak: 80, threshold: 150 });
    const perSample = Array.from({ length: BATCH }, (_, b) => {
      let count = 0;
      for (let t = 0; t < MNIST16_LATENCY_ENCODING.steps; t++) for (let n = 0; n < 246; n++) count += h.spikes.data[(t * BATCH + b) * 246 + n]!;
      return count;
    });
    console.log(`calibrated analog MNIST16 (2-circuit): hidden spikes per sample ${perSample.join(' ')}, execute ${backend.lastRun!.wallMs.toFixed(0)} ms`);
    expect(Math.min(...perSample)).toBeGreaterThan(5);
    const membrane = r.membraneCadc.data;
    expect(Math.max(...membrane) - Math.min(...membrane)).toBeGreaterThan(0.1);
  }, 900_000);
});
