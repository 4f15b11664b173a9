import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromFpgaMessage, illegalField } from './dictionary-arbitraries.test-support.js';
import { decodeFromFpga, decodeFromFpgaInto, encodeFromFpga, tryDecodeFromFpga } from './from-fpga-codec.js';
import { FROM_FPGA_COMPILED, type FromFpgaMessage, type FromFpgaVisitor } from './from-fpga-dictionary.js';
import { FromFpgaWriter } from './from-fpga-writer.js';
import { LinkError } from './link-error.js';

const wireBytes = (m: FromFpgaMessage): number => FROM_FPGA_COMPILED.byName.get(m.type)!.byteLength;

describe('from-FPGA codec properties', () => {
  test('any message sequence round-trips bit-exactly: objects → bytes → objects → bytes', () => {
    fc.assert(
      fc.property(fc.array(fromFpgaMessage, { maxLength: 40 }), (messages) => {
        const wire = encodeFromFpga(messages);
        // Messages are packed back to back (10 bytes for 3-packs, 8 otherwise), then padded to a phyword.
        const packed = messages.reduce((sum, m) => sum + wireBytes(m), 0);
        expect(wire.length).toBe(Math.ceil(packed / 8) * 8);
        const decoded = decodeFromFpga(wire);
        expect(decoded).toEqual(messages);
        expect(encodeFromFpga(decoded)).toEqual(wire);
      }),
    );
  });

  test('finished streams concatenate: mid-stream comma padding is skipped like at the end', () => {
    fc.assert(
      fc.property(fc.array(fromFpgaMessage, { maxLength: 10 }), fc.array(fromFpgaMessage, { maxLength: 10 }), (a, b) => {
        const first = encodeFromFpga(a);
        const joined = new Uint8Array(first.length + encodeFromFpga(b).length);
        joined.set(first);
        joined.set(encodeFromFpga(b), first.length);
        expect(decodeFromFpga(joined)).toEqual([...a, ...b]);
      }),
    );
  });

  test('every field out of range (or not an integer) is rejected with a typed error naming field and range', () => {
    fc.assert(
      fc.property(illegalField(FROM_FPGA_COMPILED), ({ message, field, bad }) => {
        let error: unknown;
        try {
          encodeFromFpga([message as FromFpgaMessage]);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(LinkError);
        const e = error as LinkError;
        expect(['out-of-range', 'not-integer']).toContain(e.code);
        expect([e.messageType, e.field, e.value]).toEqual([message.type, field.name, bad]);
        expect(e.range).toEqual({ min: field.min, max: field.max });
      }),
    );
  });

  test('random bytes decode to messages or a LinkError with an in-bounds offset, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 96 }), (bytes) => {
        const result = tryDecodeFromFpga(bytes);
        if (!result.ok) {
          expect(result.error.offset).toBeGreaterThanOrEqual(0);
          expect(result.error.offset).toBeLessThan(bytes.length);
        }
      }),
    );
  });

  test('corrupted or truncated valid streams give messages or a LinkError inside the input, nothing else', () => {
    fc.assert(
      fc.property(fc.array(fromFpgaMessage, { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), (messages, bitSeed, cutSeed) => {
        const wire = encodeFromFpga(messages);
        const bit = bitSeed % (wire.length * 8);
        wire[bit >> 3]! ^= 0x80 >> (bit & 7);
        const cut = wire.subarray(0, wire.length - 8 * (cutSeed % 2));
        const result = tryDecodeFromFpga(cut);
        if (result.ok) expect(result.value).not.toEqual(messages);
        else expect(result.error.offset).toBeLessThan(cut.length);
      }),
    );
  });

  test('the fast writer and the visitor decoder agree with the object API', () => {
    fc.assert(
      fc.property(fc.array(fromFpgaMessage, { maxLength: 30 }), (messages) => {
        const writer = new FromFpgaWriter(8);
        for (const m of messages) writeByMethod(writer, m);
        const wire = writer.finish();
        expect(wire).toEqual(encodeFromFpga(messages));
        const seen: unknown[] = [];
        const visitor = Object.fromEntries(
          FROM_FPGA_COMPILED.messages.map((m) => [
            m.name,
            (...values: number[]) => seen.push({ type: m.name, ...Object.fromEntries(m.fields.map((f, i) => [f.name, values[i]])) }),
          ]),
        ) as FromFpgaVisitor;
        decodeFromFpgaInto(wire, visitor);
        expect(seen).toEqual(messages);
      }),
    );
  });
});

/** Writes one message through the writer's named method for its row (not through `message()`). */
function writeByMethod(w: FromFpgaWriter, m: FromFpgaMessage): void {
  switch (m.type) {
    case 'jtag.data':
      return void w.jtagData(m.data);
    case 'omnibus.data':
      return void w.omnibusData(m.data);
    case 'loopback':
      return void w.loopback(m.tick);
    case 'highspeedLinkNotification':
      return void w.highspeedLinkNotification(m.value);
    case 'timeoutNotification':
      return void w.timeoutNotification(m.value);
    case 'systime':
      return void w.systime(m.cycles);
    case 'sysdelta':
      return void w.sysdelta(m.cycles);
    case 'madcSamplePack1':
      return void w.madcSamplePack1(m.value0, m.timestamp0);
    case 'madcSamplePack2':
      return void w.madcSamplePack2(m.value0, m.timestamp0, m.value1, m.timestamp1);
    case 'madcSamplePack3':
      return void w.madcSamplePack3(m.value0, m.timestamp0, m.value1, m.timestamp1, m.value2, m.timestamp2);
    case 'spikePack1':
      return void w.spikePack1(m.label0, m.timestamp0);
    case 'spikePack2':
      return void w.spikePack2(m.label0, m.timestamp0, m.label1, m.timestamp1);
    case 'spikePack3':
      return void w.spikePack3(m.label0, m.timestamp0, m.label1, m.timestamp1, m.label2, m.timestamp2);
    default: {
      const unreachable: never = m;
      throw new Error(`unhandled ${String(unreachable)}`);
    }
  }
}
