import { readFileSync, writeFileSync } from 'node:fs';
import { readFromFpgaEvents } from '@bss2/link';
import { describe, expect, it } from 'vitest';
import { describeProtocolExample, exampleProgram, exampleResponse } from './protocol-example.js';

const docUrl = new URL('../../../docs/protocol.md', import.meta.url);
const BEGIN = '<!-- BEGIN GENERATED: worked example (test/src/docs/protocol-example.ts) -->';
const END = '<!-- END GENERATED: worked example -->';

describe('docs/protocol.md worked example', () => {
  it('matches what the builder and the link codec produce (UPDATE_DOCS=1 rewrites it)', () => {
    const text = readFileSync(docUrl, 'utf8');
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    expect(start, 'docs/protocol.md lacks the worked-example markers').toBeGreaterThan(0);
    const generated = `${BEGIN}\n${describeProtocolExample()}\n`;
    if (process.env['UPDATE_DOCS'] === '1') writeFileSync(docUrl, text.slice(0, start) + generated + text.slice(end));
    else expect(text.slice(start, end)).toBe(generated);
  });

  it('the example response fills the program ticket and times the spikes as the doc says', () => {
    const program = exampleProgram();
    const result = program.decodeResponse(exampleResponse(), { executionCycles: 0, wallMs: 0 });
    expect(program.tickets[0]?.get()).toEqual({ count: 2, overflow: false });
    expect(result.spikes).toEqual([
      { label: 0, cycles: 140 },
      { label: 0, cycles: 262 },
    ]);
    expect(readFromFpgaEvents(exampleResponse()).spikes).toEqual(result.spikes);
  });
});
