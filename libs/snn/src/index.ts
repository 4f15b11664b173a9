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
  PopulationDescription,
  PopulationObservation,
  ProjectionDescription,
  SnnBackend,
  TimeMajorArray,
} from './backend/backend.js';

/** @public */
export { TwinBackend, type TwinBackendOptions, type TwinRunStats } from './backend/twin-backend.js';
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
export { repeatChannels, YIN_YANG_HARDWARE, YinYangNetwork, type YinYangNetworkSettings } from './training/yin-yang-model.js';
/** @public */
export {
  HXTORCH_YIN_YANG_SETTINGS,
  YIN_YANG_TRAINING_DEFAULTS,
  trainYinYang,
  type YinYangBatchProgress,
  type YinYangEpochStats,
  type YinYangTrainingOptions,
  type YinYangTrainingResult,
} from './training/train-yin-yang.js';
