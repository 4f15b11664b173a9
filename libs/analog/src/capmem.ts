import { CapMemCellOnDLS } from '@bss2/coords';
import { capMemDisableRefresh } from '@bss2/regs';
import { checkInteger } from './analog-error.js';

// CapMem transfer curves and settling (reference §10.3, twin choices): voltage cells map a 10-bit code
// linearly through the calix CADC anchors (code 70 ↔ 0.15 V, 550 ↔ 1.05 V) with a 1.2 V ceiling; current cells
// give 0..1 µA. A write settles exponentially with τ = 4 ms; code 1023 (DisableRefresh) keeps the previous
// output. Which cells are voltages comes from @bss2/coords (`CapMemCellOnDLS.quantityOf`).

/** Voltage slope, V per code (§10.3). */
export const CAPMEM_VOLTS_PER_CODE = 1.875e-3;
/** Current per code, nA (1 µA at code 1022, §10.3). */
export const CAPMEM_NANOAMPS_PER_CODE = 1000 / 1022;
/** Settling time constant in FPGA cycles: 4 ms = 500,000 cycles of 8 ns (§10.3). */
export const CAPMEM_SETTLING_CYCLES = 500_000;
/** A cell counts as settled once its remaining step is below this many code LSB (twin choice). */
export const CAPMEM_SETTLED_LSB = 0.5;

const cellCount = CapMemCellOnDLS.size;
const maxCode = capMemDisableRefresh;

/** Output of a voltage cell, V(code) = min(1.2, 0.15 + (code − 70)·1.875 mV); accepts fractional codes. */
export function capMemVolts(code: number): number {
  const v = 0.15 + (code - 70) * CAPMEM_VOLTS_PER_CODE;
  return v < 1.2 ? v : 1.2;
}

/** Output of a current cell, I(code) = 1000·code/1022 nA; accepts fractional codes. */
export function capMemNanoamps(code: number): number {
  return code * CAPMEM_NANOAMPS_PER_CODE;
}

/** 1 for voltage cells, 0 for current (and unused) cells, by CapMemCellOnDLS value. */
const isVoltage = ((): Uint8Array => {
  const out = new Uint8Array(cellCount);
  for (let c = 0; c < cellCount; c++) out[c] = CapMemCellOnDLS.quantityOf(CapMemCellOnDLS(c)) === 'voltage' ? 1 : 0;
  return out;
})();

/** Output of `cell` for `code` in its own unit (V or nA). */
function output(cell: number, code: number): number {
  return isVoltage[cell] === 1 ? capMemVolts(code) : capMemNanoamps(code);
}

/** Output units per code LSB of `cell` (to measure a residual in LSB). */
function unitsPerLsb(cell: number): number {
  return isVoltage[cell] === 1 ? CAPMEM_VOLTS_PER_CODE : CAPMEM_NANOAMPS_PER_CODE;
}

/**
 * The analog outputs of all 12,480 CapMem cells. With `settling`, output(t) = target + (start − target)·
 * exp(−(t − t_write)/τ); without (ideal fidelity), the output jumps to the target at the write.
 */
export class CapMemState {
  private readonly codes = new Uint16Array(cellCount);
  private readonly target = new Float64Array(cellCount);
  private readonly start = new Float64Array(cellCount);
  private readonly writeCycle = new Float64Array(cellCount);
  /** Upper bound (in LSB) of every cell's remaining step at `boundCycle`. */
  private pendingLsb = 0;
  private boundCycle = 0;

  /** All codes 0 (register reset), outputs settled at V(0) / 0 nA. */
  constructor(readonly settling: boolean) {
    for (let c = 0; c < cellCount; c++) {
      this.target[c] = output(c, 0);
      this.start[c] = this.target[c] as number;
    }
  }

  /** The register code last written to `cell` (1023 = DisableRefresh). */
  code(cell: number): number {
    return this.codes[checkInteger('CapMemCellOnDLS', cell, 0, cellCount - 1)] as number;
  }

  /** Writes `code` (0..1022, or 1023 = DisableRefresh: keep the present output) to `cell` at `cycle`. */
  write(cell: number, code: number, cycle: number): void {
    checkInteger('CapMemCellOnDLS', cell, 0, cellCount - 1);
    checkInteger('CapMemCell value', code, 0, maxCode);
    if (this.codes[cell] === code) return;
    this.codes[cell] = code;
    const now = this.value(cell, cycle);
    const target = code === maxCode ? now : output(cell, code);
    this.start[cell] = this.settling ? now : target;
    this.target[cell] = target;
    this.writeCycle[cell] = cycle;
    if (this.settling) {
      const stepLsb = Math.abs(target - now) / unitsPerLsb(cell);
      this.pendingLsb = Math.max(this.residualBound(cycle), stepLsb);
      this.boundCycle = Math.max(this.boundCycle, cycle);
    }
  }

  /** The output of `cell` at `cycle` (V for voltage cells, nA for current cells). */
  value(cell: number, cycle: number): number {
    const target = this.target[cell] as number;
    if (!this.settling) return target;
    const elapsed = cycle - (this.writeCycle[cell] as number);
    const start = this.start[cell] as number;
    if (elapsed <= 0) return start;
    return start === target ? target : target + (start - target) * Math.exp(-elapsed / CAPMEM_SETTLING_CYCLES);
  }

  /** True when no cell is more than CAPMEM_SETTLED_LSB away from its target at `cycle` (always, without settling). */
  settled(cycle: number): boolean {
    return this.residualBound(cycle) < CAPMEM_SETTLED_LSB;
  }

  private residualBound(cycle: number): number {
    if (this.pendingLsb === 0) return 0;
    const elapsed = cycle - this.boundCycle;
    return elapsed <= 0 ? this.pendingLsb : this.pendingLsb * Math.exp(-elapsed / CAPMEM_SETTLING_CYCLES);
  }
}
