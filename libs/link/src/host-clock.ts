import { FROM_FPGA_DICTIONARY } from './from-fpga-dictionary.js';
import { assert } from './link-error.js';

/**
 * The host's reconstruction of FPGA time from the from-FPGA stream, exactly as fisch's `PlaybackDecoder`
 * does it [fisch:src/fisch/vx/playback_decoder.cpp] (bss2-reference §5.3, §5.5):
 *
 * 1. The host clock starts at 0 for every program. Each decoded message first advances it by 1 cycle.
 * 2. `systime(T)` then sets it to T; `sysdelta(d)` adds d (so a sysdelta advances it by d + 1 in total).
 * 3. An event (spike or MADC sample) carries an 8-bit timestamp whose bits 7..1 are the event's FPGA cycle
 *    modulo 128 (bit 0 is a half cycle and is dropped: `timestamp / 2`). Its full time is the latest time
 *    ≤ the host clock with those low 7 bits: t = (clock with its low 7 bits replaced); if t > clock then
 *    t −= 128, wrapped to 43 bits (`calculate_chip_time`).
 *
 * So an event is reconstructed exactly when the host clock at its pack lies in [t, t + 127]; the writer side
 * (`from-fpga-event-emitter.ts`) inserts sysdelta / systime messages to guarantee that.
 */

/** Largest FPGA time: 43 bits of 125 MHz cycles, ≈ 19.5 h [fisch:include/fisch/vx/fpga_time.h, chip_time.h]. */
export const FPGA_TIME_MAX = 2 ** 43 - 1;

/** An event timestamp determines the event's cycle modulo this (bits 7..1 of the 8-bit timestamp). */
export const TIMESTAMP_PERIOD_CYCLES = 128;

function indexOf(name: string): number {
  const row = FROM_FPGA_DICTIONARY.find((r) => r.name === name);
  assert(row !== undefined, `from-FPGA dictionary lacks ${name}`);
  return row.index;
}

/** Header indices of the two timing messages (from the dictionary, not hard-coded). */
export const SYSTIME_INDEX = indexOf('systime');
export const SYSDELTA_INDEX = indexOf('sysdelta');

/** Host clock after one more message with header `index` whose first field is `firstField` (rules 1 and 2). */
export function advanceHostClock(clock: number, index: number, firstField: number): number {
  if (index === SYSTIME_INDEX) return firstField;
  if (index === SYSDELTA_INDEX) return clock + 1 + firstField;
  return clock + 1;
}

/** Full FPGA cycle of an event with 8-bit `timestamp` seen when the host clock is `clock` (rule 3). */
export function eventCycles(clock: number, timestamp: number): number {
  const cycles = clock - (clock % TIMESTAMP_PERIOD_CYCLES) + (timestamp >>> 1);
  if (cycles <= clock) return cycles;
  return (cycles - TIMESTAMP_PERIOD_CYCLES + FPGA_TIME_MAX + 1) % (FPGA_TIME_MAX + 1);
}

/** The 8-bit timestamp the FPGA puts on an event at `cycles` (the twin has whole cycles: bit 0 is 0). */
export function eventTimestamp(cycles: number): number {
  return (cycles % TIMESTAMP_PERIOD_CYCLES) * 2;
}
