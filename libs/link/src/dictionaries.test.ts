import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { BARRIER_MASK, FPGA_CYCLES_PER_US, INSTRUCTION_MEMORY_WORDS, JTAG_INSTRUCTION, LOOPBACK_TICK } from './constants.js';
import { describeDictionaries } from './describe-dictionaries.js';
import { FROM_FPGA_COMPILED } from './from-fpga-dictionary.js';
import { FPGA_TIME_MAX } from './host-clock.js';
import type { MessageSpec } from './message-spec.js';
import { TO_FPGA_COMPILED } from './to-fpga-dictionary.js';
import { compileDictionary, FROM_FPGA_FRAMING, TO_FPGA_FRAMING } from './ut-framing.js';

describe('dictionaries against bss2-reference §5.2 / §5.3', () => {
  // [name, payload bits] in header order, copied from the reference tables.
  const toFpga = [
    ['jtag.init', 0], ['jtag.scaler', 8], ['jtag.ins', 7], ['jtag.data', 56], ['timing.setup', 0],
    ['timing.waitUntil', 32], ['timing.systimeInit', 1], ['timing.barrier', 5], ['timing.pollingOmnibusBlock', 1],
    ['system.reset', 1], ['system.loopback', 1], ['omnibus.address', 37], ['omnibus.data', 32],
    ['event.spikePack1', 16], ['event.spikePack2', 32], ['event.spikePack3', 48],
  ];
  const fromFpga = [
    ['jtag.data', 33], ['omnibus.data', 32], ['loopback', 1], ['highspeedLinkNotification', 8],
    ['timeoutNotification', 45], ['systime', 43], ['sysdelta', 8], ['madcSamplePack1', 24], ['madcSamplePack2', 48],
    ['madcSamplePack3', 72], ['spikePack1', 24], ['spikePack2', 48], ['spikePack3', 72],
  ];

  test('indices, names and payload widths', () => {
    expect(TO_FPGA_COMPILED.messages.map((m) => [m.name, m.spec.payloadWidth])).toEqual(toFpga);
    expect(FROM_FPGA_COMPILED.messages.map((m) => [m.name, m.spec.payloadWidth])).toEqual(fromFpga);
  });

  test('§5.1 header = comma + index rounded up to 8 bits; message widths per hxcomm UTMessage::word_width', () => {
    expect(TO_FPGA_COMPILED.headerWidth).toBe(8); // 1 + num_bits(15) = 5 → 8
    expect(FROM_FPGA_COMPILED.headerWidth).toBe(8); // 1 + num_bits(12) = 5 → 8
    expect(new Set(TO_FPGA_COMPILED.messages.map((m) => m.wordWidth))).toEqual(new Set([64]));
    // From FPGA: ceil((8 + payload) / 8) · 8, at least 64: only the 3-packs (8 + 72 = 80) exceed a phyword.
    expect(FROM_FPGA_COMPILED.messages.filter((m) => m.wordWidth !== 64).map((m) => [m.name, m.wordWidth])).toEqual([
      ['madcSamplePack3', 80],
      ['spikePack3', 80],
    ]);
  });

  test('named constants come from the table (§5.2, §5.5)', () => {
    expect(BARRIER_MASK).toEqual({ omnibus: 1, jtag: 2, systime: 4, multiFpga: 8, systimeCorrection: 16 });
    expect(LOOPBACK_TICK).toEqual({ halt: 0, tick: 1 });
    expect(JTAG_INSTRUCTION.IDCODE).toBe(1);
    expect(FPGA_CYCLES_PER_US).toBe(125);
    expect(INSTRUCTION_MEMORY_WORDS).toBe(4_194_304);
    expect(FPGA_TIME_MAX).toBe(0x7ff_ffff_ffff);
  });
});

describe('a broken table is rejected when it loads', () => {
  const row = (over: Partial<MessageSpec>): MessageSpec => ({
    index: 0,
    name: 'a',
    payloadWidth: 8,
    fields: [{ name: 'x', lsb: 0, width: 8, doc: '' }],
    doc: '',
    source: '',
    ...over,
  });
  test.each([
    ['index not equal to position', [row({ index: 1 })]],
    ['duplicate names', [row({}), row({ index: 1 })]],
    ['field outside the payload', [row({ fields: [{ name: 'x', lsb: 4, width: 8, doc: '' }] })]],
    ['overlapping fields', [row({ fields: [{ name: 'x', lsb: 0, width: 5, doc: '' }, { name: 'y', lsb: 4, width: 4, doc: '' }] })]],
    ['range wider than the bits', [row({ fields: [{ name: 'x', lsb: 0, width: 8, max: 256, doc: '' }] })]],
    ['field wider than 53 bits', [row({ payloadWidth: 56, fields: [{ name: 'x', lsb: 0, width: 54, doc: '' }] })]],
  ])('%s', (_, rows) => {
    expect(() => compileDictionary(rows, TO_FPGA_FRAMING)).toThrow(/invariant/);
    expect(() => compileDictionary(rows, FROM_FPGA_FRAMING)).toThrow(/invariant/);
  });
});

describe('docs/protocol.md', () => {
  // The generated block between the markers must equal describeDictionaries(); UPDATE_DOCS=1 rewrites it.
  const BEGIN = '<!-- BEGIN GENERATED: describeDictionaries() from @bss2/link -->';
  const END = '<!-- END GENERATED -->';
  const candidates = ['../../../docs/protocol.md'].map((p) => new URL(p, import.meta.url));
  const doc = candidates.find((url) => existsSync(url) && readFileSync(url, 'utf8').includes(BEGIN));

  test('carries the current dictionary tables', () => {
    expect(doc, 'no protocol doc with the generated block').toBeDefined();
    const text = readFileSync(doc!, 'utf8');
    const start = text.indexOf(BEGIN) + BEGIN.length;
    const end = text.indexOf(END, start);
    const generated = `\n${describeDictionaries()}`;
    if (process.env['UPDATE_DOCS'] === '1') writeFileSync(doc!, text.slice(0, start) + generated + text.slice(end));
    else expect(text.slice(start, end)).toBe(generated);
  });
});
