import { CADCChannelOnDLS, CADCOnDLS, CapMemBlockOnDLS, CapMemCellOnDLS } from '@bss2/coords';
import { CADCChannelConfig, CADCConfig, type Chip } from '@bss2/regs';
import { checkInteger } from './analog-error.js';
import { CAPMEM_NANOAMPS_PER_CODE, type CapMemState } from './capmem.js';
import type { FixedPattern } from './fixed-pattern.js';

// The columnar ADC (reference §3.1, twin mappings §10.7). Ideal fidelity uses the calibrated mapping
// read = round(20 + (V − 0.15 V)/4.5 mV); analog fidelity the general ramp form
// read = round((V − V_start)/ΔV + o_ch), V_start = V(cadc_v_ramp_offset) + quadrant start mismatch,
// ΔV = 4.5 mV·code(cadc_i_ramp_slope)/350·quadrant slope factor, o_ch the channel's fixed offset. The 8-bit
// conversion saturates at 0..255; the channel's digital offset register (CADCChannelConfig.offset, −128..127)
// is then added to the conversion result and the sum clamped again (twin choice: the digital offset acts on
// the sample, after the ramp counter).

/** One CADC LSB in volts at the calibrated slope (§10.2). */
export const CADC_LSB_VOLTS = 0.0045;
/** cadc_i_ramp_slope code that gives the calibrated 4.5 mV LSB (§10.7). */
const calibratedSlopeCode = 350;
const maxRead = 255;
const channelsPerCadc = 512;
const columns = 256;

function clampRead(x: number): number {
  return x < 0 ? 0 : x > maxRead ? maxRead : x;
}

/** Calibrated CADC mapping (ideal fidelity): clamp(round(20 + (V − 0.15)/4.5 mV)) + digital offset, clamped. */
export function cadcIdealCode(volts: number, digitalOffset = 0): number {
  return clampRead(clampRead(Math.round(20 + (volts - 0.15) / CADC_LSB_VOLTS)) + digitalOffset);
}

/**
 * General ramp form (analog fidelity): clamp(round((V − vStart)/lsb + channelOffset)) + digital offset, clamped.
 * A zero ramp slope (lsb 0) makes the comparator flip at once: 255 above vStart, 0 otherwise (twin choice).
 */
export function cadcAnalogCode(volts: number, vStartVolts: number, lsbVolts: number, channelOffsetLsb = 0, digitalOffset = 0): number {
  const raw = lsbVolts > 0 ? clampRead(Math.round((volts - vStartVolts) / lsbVolts + channelOffsetLsb)) : volts > vStartVolts ? maxRead : 0;
  return clampRead(raw + digitalOffset);
}

/** CADC quadrant (and CapMem block) of column `column` of synram `synram`: NW, NE, SW, SE. */
export function cadcQuadrant(synram: number, column: number): number {
  return synram * 2 + (column >= 128 ? 1 : 0);
}

const rampOffsetCell = Int32Array.from(CapMemBlockOnDLS.all(), (b) => CapMemCellOnDLS.ofShared(b, 'cadc_v_ramp_offset'));
const rampSlopeCell = Int32Array.from(CapMemBlockOnDLS.all(), (b) => CapMemCellOnDLS.ofShared(b, 'cadc_i_ramp_slope'));

/** The conversion settings of both CADCs, taken from register state by `configure`. */
export class CadcReadout {
  private readonly enable = new Uint8Array(2);
  private readonly digitalOffset = new Int16Array(2 * channelsPerCadc);
  private readonly vStartVolts = new Float64Array(4);
  private readonly lsbVolts = new Float64Array(4);
  private channelOffsetLsb = new Float64Array(2 * channelsPerCadc);
  private analog = false;

  /** Reads CADCConfig, CADCChannelConfig, the CADC CapMem cells (settled to `cycle`) and the pattern. */
  configure(chip: Chip, capmem: CapMemState, pattern: FixedPattern, fidelity: 'ideal' | 'analog', cycle: number): void {
    this.analog = fidelity === 'analog';
    for (const c of CADCOnDLS.all()) this.enable[c] = chip.get(CADCConfig, c).enable ? 1 : 0;
    for (const ch of CADCChannelOnDLS.all()) this.digitalOffset[ch] = chip.get(CADCChannelConfig, ch).offset;
    this.configureRamps(capmem, pattern, cycle);
  }

  /** The ramps alone, from the CapMem outputs at `cycle` (CapMem settling: the registers are unchanged). */
  configureRamps(capmem: CapMemState, pattern: FixedPattern, cycle: number): void {
    for (let q = 0; q < 4; q++) {
      this.vStartVolts[q] = capmem.value(rampOffsetCell[q] as number, cycle) + (pattern.cadcRampStartVolts[q] as number);
      const slopeCode = capmem.value(rampSlopeCell[q] as number, cycle) / CAPMEM_NANOAMPS_PER_CODE;
      this.lsbVolts[q] = ((CADC_LSB_VOLTS * slopeCode) / calibratedSlopeCode) * (pattern.cadcRampSlopeFactor[q] as number);
    }
    this.channelOffsetLsb = pattern.cadcChannelOffsetLsb;
  }

  /** Whether CADC `synram` is enabled (CADCConfig.enable); a disabled CADC reads 0 (twin choice). */
  enabled(synram: number): boolean {
    return this.enable[checkInteger('CADCOnDLS', synram, 0, 1)] === 1;
  }

  /** The read of channel (synram, type, column) for an input of `volts`. */
  code(synram: number, type: number, column: number, volts: number): number {
    if (this.enable[synram] !== 1) return 0;
    const ch = synram * channelsPerCadc + type * columns + column;
    const d = this.digitalOffset[ch] as number;
    if (!this.analog) return cadcIdealCode(volts, d);
    const q = cadcQuadrant(synram, column);
    return cadcAnalogCode(volts, this.vStartVolts[q] as number, this.lsbVolts[q] as number, this.channelOffsetLsb[ch] as number, d);
  }

  /** The read of a correlation accumulator b + a given in LSB (voltage-free, §10.9): clamp(round) + digital offset. */
  correlationCode(synram: number, type: number, column: number, lsb: number): number {
    if (this.enable[synram] !== 1) return 0;
    return clampRead(clampRead(Math.round(lsb)) + (this.digitalOffset[synram * channelsPerCadc + type * columns + column] as number));
  }
}
