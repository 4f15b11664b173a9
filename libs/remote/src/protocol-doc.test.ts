import { readFileSync } from 'node:fs';
import { decodeToFpga } from '@bss2/link';
import { describe, expect, it } from 'vitest';
import { describeProtocol } from './describe-protocol.js';
import { smallProgram } from './random-program.test-support.js';
import { encodeRequest } from './request-codec.js';

// docs/remote.md must be enough to write a client from (issue 7): its tables are the code's tables, and its
// worked example is what the codec sends.

const doc = readFileSync(new URL('../../../docs/remote.md', import.meta.url), 'utf8');

describe('docs/remote.md', () => {
  it('carries the protocol tables exactly as the code renders them', () => {
    const block = /<!-- protocol-tables:begin -->\n([\s\S]*?)\n<!-- protocol-tables:end -->/.exec(doc)?.[1];
    expect(block).toBe(describeProtocol());
  });

  it('shows the frames the codec sends for its worked example', () => {
    const { program } = smallProgram(321);
    const frames = encodeRequest({ msgId: 'r1', session: 's1', msgType: 'run_request', version: 1 }, { chip: 0 }, [program.toFpga]);
    for (const [i, frame] of frames.entries()) expect(doc).toContain(`${i}: ${Buffer.from(frame).toString('hex')}`);
    expect(decodeToFpga(program.toFpga).map((m) => m.type)).toEqual(['omnibus.address', 'omnibus.data', 'omnibus.address']);
  });
});
