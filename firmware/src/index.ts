export { FIRMWARE_NAMES, assembleFirmware, firmwareSourceUrl, type FirmwareImage, type FirmwareName } from './firmware-image.js';
export { FirmwareError, type FirmwareErrorCode } from './firmware-error.js';
export { loadPpuProgram, readPpuStatus, readPpuWord, startPpu, stopPpu, writePpuWord, ppuWord } from './ppu-program.js';
