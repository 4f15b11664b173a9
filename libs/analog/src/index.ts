// @bss2/analog — the analog core of BrainScaleS-2: AdEx/LIF neurons with multi-compartment structure, synaptic
// input (CUBA/COBA, MAC bypass), CapMem transfer curves and settling, fixed-pattern mismatch, temporal noise,
// CADC/MADC readout and correlation sensors, at two fidelities (`ideal`, `analog`). Table of contents: named
// re-exports grouped by file. `AnalogCore` is the facade libs/chip drives.

// The facade.
export { AnalogCore, type AnalogOptions, type Fidelity, type RowEventSource, type SpikeSink } from './analog-core.js';

// Errors.
export { AnalogError, type AnalogErrorCode, type AnalogRange } from './analog-error.js';

// Parameters from register state: CapMem transfer curves, fixed pattern, derived neuron parameters.
export { capMemVolts, capMemNanoamps, CapMemState, CAPMEM_SETTLING_CYCLES } from './capmem.js';
export { FixedPattern } from './fixed-pattern.js';
export { Prng } from './prng.js';
export { createNeuronParameters, deriveNeuronParameters, NeuronFlag, type NeuronParameters } from './neuron-parameters.js';

// Readout and correlation sensors.
export { cadcIdealCode, cadcAnalogCode, CadcReadout, CADC_LSB_VOLTS } from './cadc.js';
export { madcCode, MADC_SAMPLE_PERIOD_CYCLES } from './madc.js';
export { CorrelationSensors, correlationParameters, correlationTauUs, correlationAmplitudeLsb } from './correlation.js';

// Model building blocks (the closed-form LIF propagator is what a software mock must agree with).
export { CYCLE_US, leakIntegralUs, lifCoefficients, lifVoltage, synapticKernelUs } from './lif-closed-form.js';
export { buildCompartments, Connection, type Cluster, type CompartmentGraph } from './compartments.js';
