/**
 * @bss2/autograd — tensors on Float32Array, reverse-mode autodiff on a tape, modules, optimizers and fused
 * spiking kernels (LIF / LI with surrogate gradients and hardware-in-the-loop observables). The PyTorch layer
 * under libs/snn (hxtorch.snn's role). See README.md.
 */

// errors.ts
/** @public */
export { AutogradError, type AutogradErrorCode } from './errors.js';

// shape.ts
/** @public */
export { broadcastShapes, sizeOf, type Shape } from './shape.js';

// random.ts
/** @public */
export { Rng } from './random.js';

// tensor.ts, grad-mode.ts
/** @public */
export { Parameter, Tensor, asTensor, full, ones, rand, randn, scalar, tensor, zeros } from './tensor.js';
/** @public */
export { isGradEnabled, noGrad } from './grad-mode.js';
/** @public fused ops of other libs (libs/snn's EventProp) put themselves on the tape with it */
export { record, type BackwardRule } from './tape.js';

// ops/
/** @public */
export { add, div, maximum, mul, sub } from './ops/binary.js';
/** @public */
export { abs, clamp, exp, log, neg, powScalar, relu, sigmoid, sqrt, square, tanh } from './ops/unary.js';
/** @public */
export { linear, matmul } from './ops/matmul.js';
/** @public */
export { max, mean, sum, type Axes } from './ops/reduce.js';
/** @public */
export { indexSelect, permute, reshape, selectTime, sliceTime, stack, transpose } from './ops/shape-ops.js';
/** @public */
export { crossEntropy, logSoftmax, softmax, type CrossEntropyOptions } from './ops/softmax.js';
/** @internal exported for benchmarks and for libs that run their own products on typed arrays */
export { gemmNN, gemmNT, gemmTN } from './ops/gemm.js';

// spiking/
/** @public */
export { defaultSurrogate, surrogate, surrogateSlope, type Surrogate, type SurrogateName } from './spiking/surrogate.js';
/** @public */
export { heaviside } from './spiking/heaviside.js';
/** @public */
export { unterjubel } from './spiking/unterjubel.js';
/** @public */
export { type PerNeuron } from './spiking/neuron-parameters.js';
/** @public */
export { lifIntegration, type LifObservation, type LifOptions, type LifOutput, type LifParameters } from './spiking/lif.js';
/** @public */
export { liIntegration, type LiOptions, type LiParameters } from './spiking/li.js';

// nn/
/** @public */
export { Module, type LoadStateOptions, type StateDict } from './nn/module.js';
/** @public */
export { Linear, type LinearOptions } from './nn/linear.js';

// optim/
/** @public */
export { Optimizer } from './optim/optimizer.js';
/** @public */
export { SGD, type SgdOptions } from './optim/sgd.js';
/** @public */
export { Adam, type AdamOptions } from './optim/adam.js';
/** @public */
export { StepLR, type StepLROptions } from './optim/step-lr.js';
export { CosineAnnealingLR } from './optim/cosine-annealing-lr.js';

// io/
/** @public */
export { decodeStateDict, encodeStateDict, type StateFormat } from './io/state-file.js';
/** @public */
export { formatForPath, loadStateFile, saveStateFile } from './io/state-file-node.js';
