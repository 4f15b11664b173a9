export { VectorUnit } from './vector/vector-unit.js';
export { executeFxv } from './vector/execute-fxv.js';
export { FXV_TABLE, FXV_BY_XO, FXV_CYCLES, type FxvRow, type FxvKind, type FxvConditionUse, type FxvCycleClass } from './vector/fxv-table.js';
export type { FxvHandler } from './vector/fxv-handler.js';
export type { VectorEnvironment, FxvOperands } from './vector/vector-environment.js';
export type { VectorFault } from './vector/vector-fault.js';
export { VECTOR_BYTES, VECTOR_HALFWORDS, VECTOR_SLICES, SLICE_BYTES, VECTOR_REGISTER_COUNT, VCR_GT, VCR_LT, VCR_EQ, conditionHolds, type FxvCondition } from './vector/vector-geometry.js';
// Instruction table (isa/).
export { instructionTable, entryByMnemonic } from './isa/instruction-table.js';
export type { InstructionEntry, Form, Chapter, FixedField, OperandValues, InvalidForm } from './isa/instruction-entry.js';
export type { OperandSpec, OperandKind, BitRange } from './isa/operand-spec.js';
export { operands as instructionOperands, legalBO, sprNumber } from './isa/operands.js';
export { decodeInstruction, type DecodedInstruction } from './isa/decode.js';
export { encodeInstruction } from './isa/encode.js';
export { IsaError, type IsaErrorCode, type IsaRange } from './isa/isa-error.js';
// Assembler and disassembler (asm/).
export { assemble, tryAssemble, type AssembledProgram, type AssembleOptions, type AssembleResult, type AsmSymbol, type SourceLine, type SectionName } from './asm/assembler.js';
export { AsmError, formatDiagnostic, type AsmDiagnostic, type AsmErrorCode } from './asm/asm-error.js';
export { disassemble, disassembleInstruction, type DisassembledWord } from './asm/disassembler.js';
export { symbolMap, type SymbolMapEntry } from './asm/symbol-map.js';
// Instruction-set simulator (core/).
export { PpuCore, type PpuCoreOptions, type PpuRegisters } from './core/ppu-core.js';
export type { PpuBus } from './core/ppu-bus.js';
export { PpuState, type PpuRunState } from './core/ppu-state.js';
export { faultNumber, PPU_FAULT_CODES, type PpuFault, type PpuFaultCode } from './core/ppu-fault.js';
export { PpuError, type PpuErrorCode, type PpuRange } from './core/ppu-error.js';
export { runBare, type BareRunOptions, type BareRunResult } from './core/run-bare.js';
export { BareBus } from './core/bare-bus.js';
export { PPU_CYCLES, PPU_CYCLES_PER_FPGA_CYCLE } from './core/ppu-timing.js';
export { INTERNAL_MEMORY_BYTES, EXTERNAL_SRAM_ALIAS, EXTERNAL_DRAM_ALIAS } from './core/memory-map.js';
