import { noGrad, Rng, Tensor } from '@bss2/autograd';
import { TwinConnection } from '@bss2/chip';
import { gatherFeatures } from '@bss2/datasets';
import { FPGA_CYCLES_PER_US } from '@bss2/link';
import { Experiment, mnist16Data, MNIST16_TRAINING_DEFAULTS, SpikingClassifier, TwinBackend } from '@bss2/snn';

/**
 * The real chip's published MNIST inference rate: "inference at rates of up to 85,000 frames per second" (Cramer,
 * Billaudelle et al., PNAS 2022, abstract; reference §8).
 */
export const BSS2_MNIST_FRAMES_PER_SECOND = 85_000;

export interface Mnist16InferenceOptions {
  /** Test digits per playback program. */
  readonly batch: number;
  /** Batches timed after the first (which maps the network and writes the whole Chip). */
  readonly batches: number;
}

export interface Mnist16Inference {
  /** Test patterns per second of host wall time and of process CPU time, after the first batch. */
  readonly wall: number;
  readonly cpu: number;
  /** Patterns/s if the chip ran the same programs in real time (their FPGA cycles at 125 MHz). */
  readonly realTime: number;
  readonly firstBatchS: number;
  /** Mean hidden spikes per pattern (the network is not silent). */
  readonly hiddenSpikesPerPattern: number;
}

const cpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/**
 * MNIST16 inference on an `ideal` twin: libs/snn's MNIST16 network at its trained size (256 → 246 LIF → 10 LI,
 * two circuits per neuron) with its initial random weights, run forward only (no gradient) through TwinBackend on
 * consecutive batches of latency-encoded test digits, one playback program per batch. The weights stay put, so
 * after the first batch every program holds only the input events, the CADC reads and the spike readout.
 */
export async function mnist16Inference(options: Mnist16InferenceOptions): Promise<Mnist16Inference> {
  const data = mnist16Data();
  const connection = new TwinConnection({ identity: 'bench-mnist16', fidelity: 'ideal' });
  const backend = new TwinBackend(connection, { capMemSettleUs: 0 });
  const experiment = new Experiment({ backend, dtUs: 1 });
  const network = new SpikingClassifier(experiment, MNIST16_TRAINING_DEFAULTS.network, new Rng(MNIST16_TRAINING_DEFAULTS.seed));
  network.eval();
  const batchOf = (b: number): Tensor => {
    const indices = Int32Array.from({ length: options.batch }, (_, k) => (b * options.batch + k) % data.test.size);
    const spikes = data.encode(gatherFeatures(data.test, indices), options.batch);
    return new Tensor(spikes.data, spikes.shape);
  };
  const started = performance.now();
  let hiddenSpikes = 0;
  let cycles = 0;
  try {
    await noGrad(() => network.forward(batchOf(0)));
    const firstBatchS = (performance.now() - started) / 1000;
    const wallStart = performance.now();
    const cpuStart = cpuSeconds();
    for (let b = 1; b <= options.batches; b++) {
      await noGrad(() => network.forward(batchOf(b)));
      cycles += backend.lastRun!.executionCycles;
      hiddenSpikes += network.hiddenHandle!.spikes.data.reduce((sum, s) => sum + s, 0);
    }
    const patterns = options.batch * options.batches;
    return {
      wall: patterns / ((performance.now() - wallStart) / 1000),
      cpu: patterns / (cpuSeconds() - cpuStart),
      realTime: patterns / (cycles / (FPGA_CYCLES_PER_US * 1e6)),
      firstBatchS,
      hiddenSpikesPerPattern: hiddenSpikes / patterns,
    };
  } finally {
    await connection.close();
  }
}
