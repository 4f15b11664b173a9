import { executeFxv } from '../vector/execute-fxv.js';
import { FXV_BY_XO, FXV_TABLE } from '../vector/fxv-table.js';
import type { FxvOperands } from '../vector/vector-environment.js';
import type { FxvCondition } from '../vector/vector-geometry.js';
import { accessFault } from './memory-map.js';
import { hex32 } from './ppu-fault.js';
import { PPU_CYCLES } from './ppu-timing.js';
import type { PpuState } from './ppu-state.js';
import { PpuVectorBus } from './vector-bus.js';

/** The FXV rows that write memory or I/O (the others read, or stay inside the unit). */
const WRITES: ReadonlySet<number> = new Set(FXV_TABLE.filter((row) => row.mnemonic === 'fxvstax' || row.mnemonic === 'fxvoutx').map((row) => row.xo));

/**
 * Executes FXV instructions for the scalar core: computes the scalar operands (RA for splats, the effective
 * address (RA|0) + RB, §4.4 notes), decodes memory/I/O addresses first (`PpuVectorBus.prepare`) and hands the
 * instruction to the vector unit. One mutable operand record, reused: nothing is allocated per instruction.
 */
export class VectorDispatch {
  private readonly operands: FxvOperands = { gprA: 0, ea: 0 };
  private readonly bus: PpuVectorBus;

  constructor(private readonly state: PpuState) {
    this.bus = new PpuVectorBus(state);
  }

  /** Runs FXV row `xo` at `pc`; returns its cost in PPU cycles (§10.8), or −1 after halting with a fault. */
  execute(xo: number, c: number, vrt: number, ra: number, rb: number, pc: number): number {
    const state = this.state;
    const r = state.gpr;
    const row = FXV_BY_XO[xo];
    this.operands.gprA = r[ra]!;
    this.operands.ea = ((ra === 0 ? 0 : r[ra]!) + r[rb]!) | 0;
    if (row === undefined) {
      state.halt({ code: 'illegal-instruction', pc, message: `FXV extended opcode ${xo} has no row (instruction at ${hex32(pc)})` });
      return -1;
    }
    const condition = c as FxvCondition;
    if (row.kind !== 'memory' && row.kind !== 'io') {
      executeFxv(state.vector, xo, condition, vrt, ra, rb, this.operands, this.bus);
      return PPU_CYCLES.arithmetic;
    }
    const cost = this.bus.prepare(row.kind === 'io', WRITES.has(xo), this.operands.ea, pc);
    if (cost < 0) return -1;
    try {
      executeFxv(state.vector, xo, condition, vrt, ra, rb, this.operands, this.bus);
    } catch (error) {
      accessFault(state, 'bus-error', pc, this.operands.ea, `${row.mnemonic} failed on the chip: ${(error as Error).message}`);
      return -1;
    }
    return cost;
  }
}
