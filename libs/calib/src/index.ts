export { CalibError, type CalibErrorCode, type CalibRange } from './calib-error.js';
export { checkCalibration, targetsPerInstance, type Calibration, type Direction, type SearchProgress, type SearchResult } from './calibration.js';
export type { SearchAlgorithm } from './algorithms/search-algorithm.js';
export { BinarySearch } from './algorithms/binary-search.js';
export { NoisyBinarySearch } from './algorithms/noisy-binary-search.js';
export { LinearSearch } from './algorithms/linear-search.js';
export { NEURON_TARGETS, defaultNeuronTargets, medianTarget, neuronTargets, targetOf, type NeuronTargetName, type NeuronTargets, type TargetSpec, type TargetValue } from './targets/neuron-targets.js';
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
export { calibrateCobaReversal, COBA_CELLS, measureCobaReversal, offsetCodeFor, readNeuronMembranes, type CobaReversalOptions, type CobaReversalResult } from './neuron/coba-calibration.js';
export { calibrateIcc, measureIcc, pairSwitches, type IccOptions, type IccResult } from './neuron/icc-calibration.js';
export { calibrateSpikingNeurons, refractorySetting, type CalibrationStepReport, type SpikingCalibrationOptions } from './neuron/spiking-sequence.js';
export { calibrateMacNeurons, type MacCalibrationOptions } from './hagen/mac-calibration.js';
export { writeMacCalibration, type MacCalibrationResult } from './hagen/mac-result.js';
export { HAGEN_CADC_TARGET, MAC_TARGETS, macTargets, type MacTargets } from './hagen/mac-targets.js';
export { appendMacEvents, DEFAULT_MEM_CAP_SIZE, MAC_DRIVERS, MAC_READ_DELAY_US, MAC_SYNIN_TAU_CODE, writeMacColumns, writeMacDrivers, writeMacNeuronConfigs, writeUniformWeights, type MacIntegration, type MacRowModes } from './hagen/mac-setup.js';
export { appendMacRun, measureMacAmplitude, measureMacDecay, measureBaselineChannels, neuronReads, type MacReads, type MacTiming } from './hagen/mac-measure.js';
export { macStimulus, type MacStimulus } from './hagen/mac-stimulus.js';
export { calibrateCorrelation, correlationPlan, type CorrelationCalibrationOptions, type CorrelationCalibrationResult, type CorrelationStage } from './correlation/correlation-calibration.js';
export { CORRELATION_TARGETS, correlationTargets, type CorrelationTargetInput, type CorrelationTargetName, type CorrelationTargets } from './correlation/correlation-targets.js';
export { predictedCorrelationCodes, writeCorrelationCodes, type CorrelationCodes } from './correlation/correlation-codes.js';
export { CorrelationBaselines, measureCorrelationBaselines } from './correlation/correlation-baselines.js';
export { fitExponential, measureCorrelation, type CorrelationMeasurementPlan, type QuadrantCorrelation } from './correlation/correlation-measurement.js';
export { appendPairings, readCorrelationRows, resetCorrelationRows, sendPostPulse, type PairingSchedule } from './correlation/correlation-pairings.js';
export { configureCorrelationMeasurement, connectCorrelationToCadc, MEASURED_ROWS, PRE_LABEL } from './correlation/correlation-setup.js';
