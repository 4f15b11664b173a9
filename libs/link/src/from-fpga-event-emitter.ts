import type { FromFpgaWriter } from './from-fpga-writer.js';
import { eventTimestamp, FPGA_TIME_MAX, TIMESTAMP_PERIOD_CYCLES } from './host-clock.js';
import { fieldAccepts, fieldError } from './field-engine.js';
import { FROM_FPGA_COMPILED } from './from-fpga-dictionary.js';
import { LinkError, MAX_EVENTS_PER_PACK } from './link-error.js';
import { messageNamed } from './ut-framing.js';

/** Largest advance one sysdelta message gives the host clock: payload 255 plus the message's own cycle. */
const MAX_SYSDELTA_ADVANCE = 256;
const SPIKE_PACK_1 = messageNamed(FROM_FPGA_COMPILED, 'spikePack1');
const MADC_SAMPLE_PACK_1 = messageNamed(FROM_FPGA_COMPILED, 'madcSamplePack1');

/**
 * The twin's side of `host-clock.ts`: writes events at absolute FPGA times so that a host decoding the stream
 * by the fisch rule (`FromFpgaTimeline`, or fisch itself) gets exactly those times back.
 *
 * Events are grouped greedily, in the given order, into packs of up to 3 whose times lie within 127 cycles
 * of each other. Before a pack the host clock must land in [latest, earliest + 127] of the pack's times; if
 * the next message would not, one timing message is written first (twin choice; the FPGA's own policy is not
 * documented): a `sysdelta` when the clock must move forward by 1..256 cycles, otherwise a `systime` set to
 * one cycle before the latest event (which also handles streams whose clock ran ahead, e.g. after many
 * responses in few cycles, and events given out of time order).
 */
export function writeTimedSpikes(writer: FromFpgaWriter, labels: ArrayLike<number>, cycles: ArrayLike<number>): void {
  writeTimed(writer, 'spike', labels, cycles);
}

/** `writeTimedSpikes` for MADC samples (`values` are the 14-bit sample values). */
export function writeTimedMadcSamples(writer: FromFpgaWriter, values: ArrayLike<number>, cycles: ArrayLike<number>): void {
  writeTimed(writer, 'madc', values, cycles);
}

function writeTimed(writer: FromFpgaWriter, kind: 'spike' | 'madc', ids: ArrayLike<number>, cycles: ArrayLike<number>): void {
  const n = ids.length;
  if (cycles.length !== n) {
    throw new LinkError('length-mismatch', `${n} event(s) but ${cycles.length} time(s)`, {
      field: 'cycles',
      value: cycles.length,
      range: { min: n, max: n },
    });
  }
  // Everything is checked before the first message, so a rejected call leaves the stream unchanged.
  const idField = (kind === 'spike' ? SPIKE_PACK_1 : MADC_SAMPLE_PACK_1).fields[0]!;
  for (let i = 0; i < n; i++) {
    checkTime(cycles[i]);
    if (!fieldAccepts(idField, ids[i]!)) throw fieldError(idField, ids[i], kind === 'spike' ? 'spikePack' : 'madcSamplePack');
  }
  let i = 0;
  while (i < n) {
    let earliest = cycles[i]!;
    let latest = earliest;
    let count = 1;
    for (; count < MAX_EVENTS_PER_PACK && i + count < n; count++) {
      const t = cycles[i + count]!;
      if (Math.max(latest, t) - Math.min(earliest, t) >= TIMESTAMP_PERIOD_CYCLES) break;
      earliest = Math.min(earliest, t);
      latest = Math.max(latest, t);
    }
    synchroniseHostClock(writer, earliest, latest);
    writePack(writer, kind, count, ids, cycles, i);
    i += count;
  }
}

/** Ensures the host clock, once the next message is decoded, lies in [latest, earliest + 127]. */
function synchroniseHostClock(writer: FromFpgaWriter, earliest: number, latest: number): void {
  const next = writer.hostClock + 1;
  if (next >= latest && next < earliest + TIMESTAMP_PERIOD_CYCLES && next <= FPGA_TIME_MAX) return;
  const gap = latest - next;
  if (gap >= 1 && gap <= MAX_SYSDELTA_ADVANCE) writer.sysdelta(gap - 1);
  else writer.systime(Math.max(latest - 1, 0));
}

function writePack(
  writer: FromFpgaWriter,
  kind: 'spike' | 'madc',
  count: number,
  ids: ArrayLike<number>,
  cycles: ArrayLike<number>,
  i: number,
): void {
  // Unused slots of a short pack are read as 0 and ignored by the 1- and 2-packs (no closure per pack).
  const id0 = ids[i]!;
  const ts0 = eventTimestamp(cycles[i]!);
  const id1 = count > 1 ? ids[i + 1]! : 0;
  const ts1 = count > 1 ? eventTimestamp(cycles[i + 1]!) : 0;
  const id2 = count > 2 ? ids[i + 2]! : 0;
  const ts2 = count > 2 ? eventTimestamp(cycles[i + 2]!) : 0;
  if (kind === 'spike') {
    if (count === 1) writer.spikePack1(id0, ts0);
    else if (count === 2) writer.spikePack2(id0, ts0, id1, ts1);
    else writer.spikePack3(id0, ts0, id1, ts1, id2, ts2);
  } else if (count === 1) writer.madcSamplePack1(id0, ts0);
  else if (count === 2) writer.madcSamplePack2(id0, ts0, id1, ts1);
  else writer.madcSamplePack3(id0, ts0, id1, ts1, id2, ts2);
}

function checkTime(t: number | undefined): void {
  if (typeof t === 'number' && Number.isInteger(t) && t >= 0 && t <= FPGA_TIME_MAX) return;
  const code = typeof t === 'number' && Number.isInteger(t) ? 'out-of-range' : 'not-integer';
  throw new LinkError(code, `event time ${String(t)} is not an FPGA cycle in 0..${FPGA_TIME_MAX}`, {
    field: 'cycles',
    value: t,
    range: { min: 0, max: FPGA_TIME_MAX },
  });
}
