import { LINK_ERROR_CODES } from '@bss2/link';
import { ERROR_CONTENT_FIELDS, HEADER_FIELDS, MESSAGES, REPLY_METADATA_FIELDS, type FieldSpec } from './protocol.js';
import { REMOTE_ERROR_CODES, type RemoteErrorCode } from './remote-error.js';

/** Chip error codes as the server sends them (`chip/<code>`), with what each means (libs/chip ChipError). */
const CHIP_ERROR_DOCS = {
  'unknown-address': 'no register lives at the omnibus address',
  unreadable: 'a read of a register the reference marks unreadable',
  'read-only': 'a write to a status register',
  'invalid-value': 'a word whose bits decode to an illegal field value (the old word is kept)',
  'missing-data': 'an omnibus write address without its data word',
  'unsupported-instruction': 'an instruction the twin does not model (jtag.data, timing.pollingOmnibusBlock)',
  'out-of-range': 'a value outside its legal range',
} as const;

function range(field: FieldSpec): string {
  if (field.values) return field.values.map((v) => `\`${v}\``).join(', ');
  if (field.min === undefined || field.max === undefined) return '';
  return field.type === 'string' ? `${field.min}..${field.max} chars` : `${field.min}..${field.max}`;
}

function fieldTable(fields: readonly FieldSpec[]): string {
  return ['| field | type | required | range | meaning |', '|---|---|---|---|---|', ...fields.map((f) => `| \`${f.name}\` | ${f.type} | ${f.required ? 'yes' : 'no'} | ${range(f)} | ${f.doc} |`)].join('\n');
}

/**
 * The protocol tables of docs/remote.md, rendered from protocol.ts and remote-error.ts (STYLE item 15): the
 * doc test checks that the page carries exactly this text, so the spec cannot drift from the code.
 */
export function describeProtocol(): string {
  const parts: string[] = ['### Header (every message, both directions)', '', fieldTable(HEADER_FIELDS)];
  for (const m of MESSAGES) {
    const buffers = m.buffers.length === 0 ? 'none' : m.buffers.map((b, i) => `${i}: ${b}`).join('; ');
    parts.push('', `### \`${m.msgType}\` (${m.direction}${'reply' in m ? `, answered by \`${m.reply}\`` : ''})`, '', `${m.doc[0]?.toUpperCase()}${m.doc.slice(1)}. Buffers after the content frame: ${buffers}.`, '', fieldTable(m.content));
  }
  parts.push('', '### Error content (any reply with `status: error`; no buffers)', '', fieldTable(ERROR_CONTENT_FIELDS));
  parts.push('', '### Reply metadata', '', fieldTable(REPLY_METADATA_FIELDS));
  const codes = Object.keys(REMOTE_ERROR_CODES) as RemoteErrorCode[];
  parts.push(
    '',
    '### Error codes (`ename`)',
    '',
    '| ename | raised by | meaning |',
    '|---|---|---|',
    ...codes.map((c) => `| \`${c}\` | ${REMOTE_ERROR_CODES[c].side === 'server' ? 'server (wire)' : 'client only'} | ${REMOTE_ERROR_CODES[c].doc} |`),
    ...Object.entries(CHIP_ERROR_DOCS).map(([c, doc]) => `| \`chip/${c}\` | server (wire) | the program failed on the chip: ${doc}; \`details.offset\` is the byte offset of the message |`),
    ...Object.entries(LINK_ERROR_CODES).map(([c, doc]) => `| \`link/${c}\` | server (wire) | the program's link words are malformed — ${doc} |`),
  );
  return parts.join('\n');
}
