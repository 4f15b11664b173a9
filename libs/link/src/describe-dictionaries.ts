import { FROM_FPGA_COMPILED } from './from-fpga-dictionary.js';
import { LINK_ERROR_CODES } from './link-error.js';
import { TO_FPGA_COMPILED } from './to-fpga-dictionary.js';
import type { CompiledDictionary, CompiledMessage } from './ut-framing.js';

/**
 * The generated part of the protocol page (docs/protocol.md): both dictionaries with header values,
 * widths, bit layouts and field meanings, and the error codes — all from the tables, so the page cannot
 * drift from the code (a test compares them).
 */
export function describeDictionaries(): string {
  return [
    describeDictionary('To FPGA', TO_FPGA_COMPILED),
    describeDictionary('From FPGA', FROM_FPGA_COMPILED),
    describeErrors(),
  ].join('\n');
}

const bits = (msb: number, lsb: number): string => (msb === lsb ? `[${lsb}]` : `[${msb}:${lsb}]`);
const cell = (text: string): string => text.replaceAll('|', '\\|');

function describeDictionary(title: string, dictionary: CompiledDictionary): string {
  const { framing } = dictionary;
  const lines = [
    `### ${title}`,
    '',
    `Header ${dictionary.headerWidth} bit (comma bit ${dictionary.headerWidth - 1} = 0, index below it); ` +
      `subword ${framing.subwordWidth} bit, phyword ${framing.phywordWidth} bit. Bit positions count within the message ` +
      `(bit 0 = last bit on the wire); \`0\` ranges must be zero.`,
    '',
    '| index | header byte | message | payload bits | message bits | layout, MSB first |',
    '|---:|:---:|---|---:|---:|---|',
  ];
  for (const m of dictionary.messages) {
    const header = `0x${m.index.toString(16).padStart(2, '0')}`;
    lines.push(`| ${m.index} | ${header} | \`${m.name}\` | ${m.spec.payloadWidth} | ${m.wordWidth} | ${layout(m)} |`);
  }
  lines.push('', '| message | field | bits | legal values | meaning |', '|---|---|---|---|---|');
  for (const m of dictionary.messages) {
    if (m.fields.length === 0) lines.push(`| \`${m.name}\` | — | — | — | ${cell(m.spec.doc)} |`);
    for (const f of m.fields) {
      const spec = m.spec.fields.find((s) => s.name === f.name)!;
      const named = spec.values === undefined ? '' : ` (${Object.entries(spec.values).map(([k, v]) => `${k} = ${v}`).join(', ')})`;
      lines.push(`| \`${m.name}\` | \`${f.name}\` | ${bits(f.lsb + f.width - 1, f.lsb)} | ${f.min}..${f.max}${named} | ${cell(spec.doc)} |`);
    }
  }
  lines.push('');
  return lines.join('\n');
}

/** `header[63:56] · 0[55:37] · isRead[36] · …`: every bit of the message, most significant first. */
function layout(m: CompiledMessage): string {
  const parts = [m.header, ...m.fields].sort((a, b) => b.lsb - a.lsb);
  const out: string[] = [];
  let next = m.wordWidth - 1;
  for (const f of parts) {
    const msb = f.lsb + f.width - 1;
    if (msb < next) out.push(`0${bits(next, msb + 1)}`);
    out.push(`${f.name}${bits(msb, f.lsb)}`);
    next = f.lsb - 1;
  }
  if (next >= 0) out.push(`0${bits(next, 0)}`);
  return out.join(' · ');
}

function describeErrors(): string {
  const lines = ['### Error codes (`LinkError.code`)', '', '| code | meaning |', '|---|---|'];
  for (const [code, meaning] of Object.entries(LINK_ERROR_CODES)) lines.push(`| \`${code}\` | ${cell(meaning)} |`);
  lines.push('');
  return lines.join('\n');
}
