// @bss2/datasets — data sets and spike encoders for training spiking networks on the twin (issue 6).
// Table of contents: named re-exports grouped by file.

// Errors and the flat sample container.
export { DatasetError, type DatasetErrorCode } from './dataset-error.js';
export { classCounts, gatherFeatures, gatherLabels, type LabelledSamples } from './labelled-samples.js';

// random/: numpy's legacy RandomState, bit for bit (§9).
export { MT19937, MT19937_SEED_MAX } from './random/mt19937.js';
export { NumpyRandomState } from './random/numpy-random-state.js';

// yin-yang/ (§9).
export {
  YIN_YANG_CLASS_NAMES,
  YIN_YANG_GEOMETRY,
  checkYinYangGeometry,
  insideYinYangCircle,
  yinYangClass,
  type YinYangClass,
  type YinYangGeometry,
} from './yin-yang/yin-yang-geometry.js';
export {
  YIN_YANG_FEATURE_COUNT,
  YIN_YANG_SIZE_MAX,
  YIN_YANG_SPLITS,
  generateYinYang,
  yinYangSplit,
  type YinYangOptions,
  type YinYangPart,
  type YinYangSets,
  type YinYangSplit,
} from './yin-yang/yin-yang.js';

// encoding/: value → spike time on the dt grid (§6.7).
export { emptySpikes, setSpike, type DenseSpikes } from './encoding/dense-spikes.js';
export {
  SPIKE_GRID_STEPS_MAX,
  biasStep,
  checkSpikeTimeGrid,
  checkUnitValue,
  roundHalfToEven,
  spikeStepOfValue,
  stepOfTime,
  type SpikeTimeGrid,
} from './encoding/spike-time-grid.js';
export { HXTORCH_YIN_YANG_ENCODING, encodeCoordinates, type CoordinateEncoding } from './encoding/coordinate-encoder.js';
export { MNIST16_LATENCY_ENCODING, encodeLatency, type LatencyEncoding } from './encoding/latency-encoder.js';

// mnist16/.
export { areaOverlaps, downscaleAreaAverage } from './mnist16/area-downscale.js';
export { MNIST_SOURCE_SIZE, loadMnistDigits, type MnistDigitImages } from './mnist16/mnist-digits.js';
export {
  IDENTITY_TRANSFORM,
  affineTransformImage,
  augmentDigits,
  checkAffineAugmentation,
  drawAffineTransform,
  type AffineAugmentation,
  type AffineTransform,
} from './mnist16/affine-augmentation.js';
export { MNIST16_SIZE, MNIST_CLASS_NAMES, loadMnist16, type Mnist16Options, type Mnist16Sets } from './mnist16/mnist16.js';

// batches/.
export { ShuffledBatches, type BatchOptions } from './batches/shuffled-batches.js';
export { encodeBatches, type EncodedBatch, type SpikeEncoder } from './batches/encoded-batches.js';
