export { CalibError, type CalibErrorCode, type CalibRange } from './calib-error.js';
export { checkCalibration, targetsPerInstance, type Calibration, type Direction, type SearchProgress, type SearchResult } from './calibration.js';
export type { SearchAlgorithm } from './algorithms/search-algorithm.js';
export { BinarySearch } from './algorithms/binary-search.js';
export { NoisyBinarySearch } from './algorithms/noisy-binary-search.js';
export { LinearSearch } from './algorithms/linear-search.js';
export { NEURON_TARGETS, defaultNeuronTargets, neuronTargets, targetOf, type NeuronTargetName, type NeuronTargets, type TargetSpec, type TargetValue } from './targets/neuron-targets.js';
export { CADC_CHANNELS, readAllCadcChannels, neuronChannels } from './measure/cadc-reads.js';
export { CAPMEM_SETTLE_US, waitUs } from './measure/settle.js';
export {
  calibrateCadc,
  connectReferenceToCadc,
  channelQuadrant,
  DEFAULT_CADC_TARGET,
  type CadcCalibrationOptions,
  type CadcCalibrationResult,
  type CadcTarget,
  type ChannelSpread,
} from './cadc/cadc-calibration.js';
export { calibrationChip, type CalibrationFailure, type CalibrationResult, type Spread } from './result/calibration-result.js';
export { canonicalJson, loadResult, parseResult, RESULT_SCHEMA, RESULT_SCHEMA_VERSION, saveResult, serializeResult, type LoadOptions } from './result/result-file.js';
export { CalibrationCache } from './result/calibration-cache.js';
export { connectNeuronsToCadc, forceReset, NEURONS, setNeuronCapMem, setSharedCapMem, writeNeuronBackends, writeNeuronConfigs } from './neuron/neuron-setup.js';
export { calibrateRestingPotential, measureMembranes, restingPotentialCalibration, spreadOf, type PotentialOptions, type PotentialResult } from './neuron/potential-calibration.js';
export { calibrateThreshold, leakCodesFor, type ThresholdOptions } from './neuron/threshold-calibration.js';
export { calibrateTauMem, measureRecovery, tauFromRatio, type RecoveryMeasurement, type TauMemOptions, type TauMemResult } from './neuron/tau-mem-calibration.js';
export { calibrateTauSyn, measureTauSyn, type TauSynOptions, type TauSynResult } from './neuron/tau-syn-calibration.js';
export { configureStimulus, prepareSynapticReadout, STIMULUS_LABEL, SYNAPTIC_INPUT_CELLS, type SynapticInputType } from './neuron/synaptic-input-setup.js';
export { tauFromDecay } from './measure/decay.js';
export { calibrateSynapticGain, measureSynapticAmplitude, type SynapticGainOptions, type SynapticGainResult } from './neuron/synaptic-gain-calibration.js';
export { applyNeuronCodes, capMemRowCalibration, type CapMemRowCalibrationSpec } from './neuron/capmem-row-calibration.js';
export { calibrateSpikingNeurons, refractorySetting, type CalibrationStepReport, type SpikingCalibrationOptions } from './neuron/spiking-sequence.js';
