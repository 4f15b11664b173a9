// @bss2/chip — the chip twin: register file, FPGA executor on the 125 MHz timeline, the in-process
// TwinConnection and multi-chip TwinSystem, and the port a plasticity processor plugs into.

export { ChipError, type ChipErrorCode } from './chip-error.js';
export { RegisterFile, EXTERNAL_PPU_MEMORY_WORDS, type RegisterHandler } from './register-file.js';
export { ChipTwin, SPIKE_LATENCY_CYCLES, type ChipTwinOptions } from './chip-twin.js';
export { FpgaExecutor, type Execution } from './fpga-executor.js';
export { FpgaRecorder } from './fpga-recorder.js';
export type { PlasticityPort, PlasticityProcessor } from './plasticity-port.js';
export { TwinConnection } from './twin-connection.js';
export { TwinSystem, type TwinSystemOptions } from './twin-system.js';
