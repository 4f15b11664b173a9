import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { illegalField, toFpgaMessage } from './dictionary-arbitraries.test-support.js';
import { LinkError } from './link-error.js';
import { decodeToFpga, decodeToFpgaInto, encodeToFpga, toFpgaSpikePack, tryDecodeToFpga } from './to-fpga-codec.js';
import { TO_FPGA_COMPILED, type ToFpgaMessage, type ToFpgaVisitor } from './to-fpga-dictionary.js';
import { ToFpgaWriter } from './to-fpga-writer.js';

describe('to-FPGA codec properties', () => {
  test('any message sequence round-trips bit-exactly: objects → bytes → objects → bytes', () => {
    fc.assert(
      fc.property(fc.array(toFpgaMessage, { maxLength: 40 }), (messages) => {
        const wire = encodeToFpga(messages);
        expect(wire.length).toBe(8 * messages.length); // one 64-bit word per message (§5.1)
        const decoded = decodeToFpga(wire);
        expect(decoded).toEqual(messages);
        expect(encodeToFpga(decoded)).toEqual(wire);
      }),
    );
  });

  test('every field out of range (or not an integer) is rejected with a typed error naming field and range', () => {
    fc.assert(
      fc.property(illegalField(TO_FPGA_COMPILED), ({ message, field, bad }) => {
        const error = catchLinkError(() => encodeToFpga([message as ToFpgaMessage]));
        expect(['out-of-range', 'not-integer']).toContain(error.code);
        expect(error.messageType).toBe(message.type);
        expect(error.field).toBe(field.name);
        expect(error.value).toBe(bad);
        expect(error.range).toEqual({ min: field.min, max: field.max });
      }),
    );
  });

  test('random bytes decode to messages or a LinkError with a sensible offset, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 96 }), (bytes) => {
        const result = tryDecodeToFpga(bytes);
        if (result.ok) {
          expect(encodeToFpga(result.value)).toEqual(bytes); // a valid stream has exactly one encoding
        } else {
          const offset = result.error.offset!;
          expect(offset).toBeGreaterThanOrEqual(0);
          expect(offset).toBeLessThan(bytes.length);
          expect(result.error.code === 'trailing-bytes' || offset % 8 === 0 || result.error.code === 'nonzero-padding').toBe(true);
        }
      }),
    );
  });

  test('corrupting one bit of a valid stream is caught or yields a different valid message, never a crash', () => {
    fc.assert(
      fc.property(fc.array(toFpgaMessage, { minLength: 1, maxLength: 8 }), fc.nat(), (messages, bitSeed) => {
        const wire = encodeToFpga(messages);
        const bit = bitSeed % (wire.length * 8);
        wire[bit >> 3]! ^= 0x80 >> (bit & 7);
        const result = tryDecodeToFpga(wire);
        if (result.ok) expect(result.value).not.toEqual(messages);
        else expect(result.error.offset! >> 3).toBe(bit >> 6); // the error points into the corrupted word
      }),
    );
  });

  test('the visitor decoder sees exactly what the object decoder returns', () => {
    fc.assert(
      fc.property(fc.array(toFpgaMessage, { maxLength: 30 }), (messages) => {
        const seen: unknown[] = [];
        const visitor = Object.fromEntries(
          TO_FPGA_COMPILED.messages.map((m) => [
            m.name,
            (...values: number[]) => seen.push({ type: m.name, ...Object.fromEntries(m.fields.map((f, i) => [f.name, values[i]])) }),
          ]),
        ) as ToFpgaVisitor;
        decodeToFpgaInto(encodeToFpga(messages), visitor);
        expect(seen).toEqual(messages);
      }),
    );
  });

  test('the fast writer, method by method, produces the object encoder bytes', () => {
    fc.assert(
      fc.property(fc.array(toFpgaMessage, { maxLength: 30 }), (messages) => {
        const writer = new ToFpgaWriter(8);
        for (const m of messages) writeByMethod(writer, m);
        expect(writer.finish()).toEqual(encodeToFpga(messages));
      }),
    );
  });

  test('omnibusWrite / omnibusRead / spikes equal their message sequences', () => {
    const label = fc.integer({ min: 0, max: 0xffff });
    fc.assert(
      fc.property(fc.nat(0xffffffff), fc.nat(0xffffffff), fc.nat(15), fc.array(label, { maxLength: 11 }), (address, data, be, labels) => {
        const writer = new ToFpgaWriter().omnibusWrite(address, data, be).omnibusRead(address).spikes(labels);
        const packs: ToFpgaMessage[] = [];
        for (let i = 0; i < labels.length; i += 3) packs.push(toFpgaSpikePack(labels.slice(i, i + 3)));
        expect(writer.finish()).toEqual(
          encodeToFpga([
            { type: 'omnibus.address', address, byteEnables: be, isRead: 0 },
            { type: 'omnibus.data', data },
            { type: 'omnibus.address', address, byteEnables: 0xf, isRead: 1 },
            ...packs,
          ]),
        );
      }),
    );
  });
});

function catchLinkError(f: () => unknown): LinkError {
  try {
    f();
  } catch (error) {
    if (error instanceof LinkError) return error;
    throw error;
  }
  throw new Error('expected a LinkError');
}

/** Writes one message through the writer's named method for its row (not through `message()`). */
function writeByMethod(w: ToFpgaWriter, m: ToFpgaMessage): void {
  switch (m.type) {
    case 'jtag.init':
      return void w.jtagInit();
    case 'jtag.scaler':
      return void w.jtagScaler(m.scaler);
    case 'jtag.ins':
      return void w.jtagIns(m.instruction);
    case 'jtag.data':
      return void w.jtagData(m.payload, m.numBits, m.keepResponse);
    case 'timing.setup':
      return void w.timerSetup();
    case 'timing.waitUntil':
      return void w.waitUntil(m.cycles);
    case 'timing.systimeInit':
      return void w.systimeInit(m.sync);
    case 'timing.barrier':
      return void w.barrier(m.mask);
    case 'timing.pollingOmnibusBlock':
      return void w.pollingOmnibusBlock(m.whenEqual);
    case 'system.reset':
      return void w.systemReset(m.enable);
    case 'system.loopback':
      return void w.loopback(m.tick);
    case 'omnibus.address':
      return void w.omnibusAddress(m.address, m.byteEnables, m.isRead);
    case 'omnibus.data':
      return void w.omnibusData(m.data);
    case 'event.spikePack1':
      return void w.spikePack1(m.label0);
    case 'event.spikePack2':
      return void w.spikePack2(m.label0, m.label1);
    case 'event.spikePack3':
      return void w.spikePack3(m.label0, m.label1, m.label2);
    default: {
      const unreachable: never = m;
      throw new Error(`unhandled ${String(unreachable)}`);
    }
  }
}
