import { FXV_BY_XO } from '../vector/fxv-table.js';
import type { FxvOperands } from '../vector/vector-environment.js';
import type { FxvCondition } from '../vector/vector-geometry.js';
import type { VectorUnit } from '../vector/vector-unit.js';
import { accessFault } from './memory-map.js';
import { hex32 } from './ppu-fault.js';
import { PPU_CYCLES } from './ppu-timing.js';
import type { PpuState } from './ppu-state.js';
import { PpuVectorBus } from './vector-bus.js';

/** Whether FXV row `xo` writes memory or I/O (fxvstax, fxvoutx); the others read, or stay inside the unit. */
const WRITES: readonly boolean[] = FXV_BY_XO.map((row) => row?.mnemonic === 'fxvstax' || row?.mnemonic === 'fxvoutx');

/**
 * Executes FXV instructions for the scalar core: computes the scalar operands (RA for splats, the effective
 * address (RA|0) + RB, §4.4 notes), decodes memory/I/O addresses first (`PpuVectorBus.prepare`) and hands the
 * instruction to the vector unit. One mutable operand record, reused: nothing is allocated per instruction.
 *
 * The interpreter calls `execute` for every row. Compiled blocks (`emit-instruction.ts`) call the handler of a
 * row without memory or I/O themselves, with `unit` and `operands`, and `access` for the others.
 */
export class VectorDispatch {
  readonly operands: FxvOperands = { gprA: 0, ea: 0 };
  readonly unit: VectorUnit;
  private readonly bus: PpuVectorBus;

  constructor(private readonly state: PpuState) {
    this.unit = state.vector;
    this.bus = new PpuVectorBus(state);
  }

  /** Runs FXV row `xo` at `pc`; returns its cost in PPU cycles (§10.8), or −1 after halting with a fault. */
  execute(xo: number, c: number, vrt: number, ra: number, rb: number, pc: number): number {
    const state = this.state;
    const r = state.gpr;
    const row = FXV_BY_XO[xo];
    const ea = ((ra === 0 ? 0 : r[ra]!) + r[rb]!) | 0;
    if (row === undefined) {
      state.halt({ code: 'illegal-instruction', pc, message: `FXV extended opcode ${xo} has no row (instruction at ${hex32(pc)})` });
      return -1;
    }
    if (row.kind !== 'memory' && row.kind !== 'io') {
      this.operands.gprA = r[ra]!;
      this.operands.ea = ea;
      row.execute(this.unit, c as FxvCondition, vrt, ra, rb, this.operands, this.bus);
      return PPU_CYCLES.arithmetic;
    }
    return this.access(xo, c, vrt, ea, pc);
  }

  /**
   * Runs memory or I/O row `xo` (fxvlax, fxvstax, fxvinx, fxvoutx) at effective address `ea` for the
   * instruction at `pc`; returns its cost in PPU cycles (§10.8), or −1 after halting with a fault.
   */
  access(xo: number, c: number, vrt: number, ea: number, pc: number): number {
    const row = FXV_BY_XO[xo]!;
    this.operands.ea = ea;
    const cost = this.bus.prepare(row.kind === 'io', WRITES[xo]!, ea, pc);
    if (cost < 0) return -1;
    try {
      row.execute(this.unit, c as FxvCondition, vrt, 0, 0, this.operands, this.bus);
    } catch (error) {
      accessFault(this.state, 'bus-error', pc, ea, `${row.mnemonic} failed on the chip: ${(error as Error).message}`);
      return -1;
    }
    return cost;
  }
}
