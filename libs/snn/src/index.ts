/**
 * @bss2/snn — hxtorch.snn's role in bss2-twin: experiments, spiking modules called on handles, `run` in mock mode
 * or with a hardware backend in the loop (§6.2–§6.5), and the Yin-Yang training of hxtorch's example (§6.7).
 * See README.md.
 */

// snn-error.ts
/** @public */
export { SnnError, type SnnErrorCode } from './snn-error.js';

// weight-transform.ts
/** @public */
export { HARDWARE_WEIGHT_MAX, linearSaturating, toHardwareWeights } from './weight-transform.js';

// experiment.ts, handles.ts, run.ts
/** @public */
export { Experiment, type ExperimentOptions, type GraphNode } from './experiment.js';
/** @public */
export { NeuronHandle, SynapseHandle } from './handles.js';
/** @public */
export { run } from './run.js';

// modules/
/** @public */
export {
  ADEX_DEFAULTS,
  LIF_DEFAULTS,
  LI_DEFAULTS,
  NEURON_HARDWARE_DEFAULTS,
  type AdExModelParameters,
  type LiModelParameters,
  type LifModelParameters,
  type NeuronHardwareParameters,
} from './modules/neuron-parameters.js';
/** @public */
export { NeuronModule, type ModelObservation, type NeuronModuleOptions } from './modules/neuron-module.js';
/** @public */
export { InputNeuron, type InputNeuronOptions } from './modules/input-neuron.js';
/** @public */
export { Synapse, type SynapseOptions } from './modules/synapse.js';
/** @public */
export { LIF, type LifOptions } from './modules/lif.js';
/** @public */
export { LI, type LiOptions } from './modules/li.js';
/** @public */
export { AdEx, type AdExOptions } from './modules/adex.js';
/** @public */
export { adexIntegration } from './modules/adex-integration.js';

// backend/
/** @public */
export type {
  AdExPopulationDescription,
  ExecutionRequest,
  InputPopulationDescription,
  LiPopulationDescription,
  LifPopulationDescription,
  NetworkDescription,
  NeuronPopulationDescription,
  PopulationDescription,
  PopulationObservation,
  SpikeTimes,
  ProjectionDescription,
  SnnBackend,
  TimeMajorArray,
} from './backend/backend.js';

/** @public */
export { TwinBackend, type TwinBackendOptions, type TwinRunStats } from './backend/twin-backend.js';
/** @public */
export { chipExpSlope, CHIP_EXP_SLOPE_VOLTS } from './backend/twin-adex-codes.js';
/** @public */
export { networkCalibrationTargets, type NetworkCalibrationTargets } from './backend/calibration-targets.js';
/** @public */
export { calibrateOnConnection } from './backend/network-calibration.js';
/** @public */
export { cadcPerModelUnit } from './backend/twin-neuron-setup.js';

// mock/
/** @public */
export { type MockImperfections } from './mock/mock-imperfections.js';
/** @public */
export { simulateDevice, type DeviceEffects, type DeviceInput, type DevicePopulation, type DeviceRun, type DeviceTraces } from './mock/device-simulation.js';

// training/
/** @public */
export { repeatChannels, SpikingClassifier, type ClassifierSettings, type ClassifierShape } from './training/spiking-classifier.js';
/** @public */
export { type TrainingBatchProgress, type TrainingData, type TrainingEpochStats, type TrainingLoopOptions } from './training/training-loop.js';
/** @public */
export { trainClassifier, type ClassifierTrainingDefaults, type ClassifierTrainingOptions, type ClassifierTrainingResult } from './training/train-classifier.js';
/** @public */
export { YIN_YANG_HARDWARE, type YinYangNetworkSettings, type YinYangShape } from './training/yin-yang-model.js';
/** @public */
export {
  HXTORCH_YIN_YANG_SETTINGS,
  YIN_YANG_TRAINING_DEFAULTS,
  trainYinYang,
  yinYangData,
  type YinYangTrainingOptions,
  type YinYangTrainingResult,
} from './training/train-yin-yang.js';
/** @public */
export { MNIST16_TRAINING_DEFAULTS, mnist16Data, trainMnist16, type Mnist16TrainingOptions, type Mnist16TrainingResult } from './training/train-mnist16.js';

// eventprop/
/** @public */
export { EVENTPROP_MAX_SPIKES_DEFAULT, type EventLiParameters, type EventLifParameters, type EventPropParameters } from './eventprop/eventprop-parameters.js';
/** @public */
export { eventsFromTimes, spikeTimesOfGrid, type SpikeEvents } from './eventprop/spike-events.js';
/** @public */
export { eventNetworkBackward, eventNetworkForward, type EventNetworkGradients, type EventNetworkRecord, type EventNetworkWeights } from './eventprop/eventprop-network.js';
/** @public */
export { MaximumKind, type LiMaxRecord } from './eventprop/li-max-readout.js';
/** @public */
export { type LifLayerRecord } from './eventprop/lif-layer-forward.js';
/** @public */
export { eventPropScores, type EventPropOutput } from './eventprop/eventprop-op.js';
/** @public */
export { readoutTrace } from './eventprop/readout-trace.js';
/** @public */
export { EventPropClassifier, type EventPropClassifierSettings } from './eventprop/eventprop-classifier.js';
/** @public */
export {
  inputTimesOfSpikes, trainEventPropClassifier, type EventPropTask, type EventPropTrainingDefaults, type EventPropTrainingOptions, type EventPropTrainingResult,
} from './training/train-eventprop-classifier.js';
/** @public */
export { YIN_YANG_EVENTPROP_DEFAULTS, trainYinYangEventProp } from './training/train-yin-yang-eventprop.js';
/** @public */
export { MNIST16_EVENTPROP_DEFAULTS, trainMnist16EventProp, type Mnist16EventPropOptions } from './training/train-mnist16-eventprop.js';
