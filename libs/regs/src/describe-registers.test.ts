import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeRegisters } from './describe-registers.js';

// docs/registers.md is generated from the tables. Regenerate it after changing a table with
//   UPDATE_DOCS=1 npx vitest run src/describe-registers.test.ts
const docsPath = new URL('../../../docs/registers.md', import.meta.url);

describe('describeRegisters', () => {
  it('matches docs/registers.md', () => {
    const text = `${describeRegisters()}\n`;
    if (process.env['UPDATE_DOCS'] === '1') writeFileSync(docsPath, text);
    expect(readFileSync(docsPath, 'utf8')).toBe(text);
  });

  it('documents every field of a container with its location and range', () => {
    const text = describeRegisters();
    expect(text).toContain('### SynapseQuad');
    expect(text).toContain('| weights[4] | w0[29:24], w0[21:16], w0[13:8], w0[5:0] | 6 | unsigned, bits [4,3,2,1,0,5] | 0..63 | rw | 0 |');
    expect(text).toContain('| offset | w0[7:0] | 8 | excess | -128..127 | rw | 0 |');
  });
});
