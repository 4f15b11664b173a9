import fc from 'fast-check';
import { Dealer } from 'zeromq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { malformedEnvelopeArbitrary, oversizedProgramCase, type FuzzCase } from './envelope-fuzzer.test-support.js';
import { smallProgram } from './random-program.test-support.js';
import { RemoteConnection } from './remote-connection.js';
import { SERVER_ERROR_CODES } from './remote-error.js';
import { decodeReply, type Reply } from './reply-codec.js';
import { TwinServer } from './twin-server.js';

// Issue 7, "at least 10,000 malformed envelopes and programs (random bytes, wrong types, truncated,
// oversized) each get a typed error response; the server stays up and keeps serving well-formed clients in
// between". One raw DEALER sends the malformed envelopes in batches; after every batch a well-formed client
// runs a program and must get the right answer.

const ENVELOPES = 10_000;
const BATCH = 250;
const seed = Number(process.env['FC_SEED'] ?? 20261124);

let server: TwinServer;
let fuzzer: Dealer;
let client: RemoteConnection;

beforeAll(async () => {
  server = await TwinServer.start({ bind: 'tcp://127.0.0.1:*', chips: [{ identity: 'fuzz-0', fidelity: 'ideal' }] });
  fuzzer = new Dealer({ linger: 0, receiveTimeout: 20_000, sendHighWaterMark: 0, receiveHighWaterMark: 0 });
  fuzzer.connect(server.endpoint);
  client = new RemoteConnection(server.endpoint, { timeoutMs: 20_000 });
});

afterAll(async () => {
  fuzzer.close();
  await client.close();
  await server.close();
});

function isTypedError(reply: Reply): boolean {
  const ename = reply.content['ename'];
  return reply.content['status'] === 'error' && typeof ename === 'string' && ((SERVER_ERROR_CODES as readonly string[]).includes(ename) || /^(link|chip)\/[a-z-]+$/.test(ename)) && typeof reply.content['evalue'] === 'string';
}

async function exchange(cases: readonly FuzzCase[]): Promise<Reply[]> {
  for (const c of cases) await fuzzer.send(c.frames);
  const replies: Reply[] = [];
  for (let i = 0; i < cases.length; i++) {
    const decoded = decodeReply(await fuzzer.receive());
    if (!decoded.ok) throw decoded.error;
    replies.push(decoded.reply);
  }
  return replies;
}

describe('fuzzing the server with malformed envelopes', () => {
  it(`answers each of ${ENVELOPES} malformed envelopes with a typed error and keeps serving`, async () => {
    const cases = fc.sample(malformedEnvelopeArbitrary, { numRuns: ENVELOPES - 1, seed });
    cases.push(oversizedProgramCase('fuzz-oversized'));
    const kinds = new Map<string, number>();
    const enames = new Map<string, number>();
    const { program, ticket } = smallProgram();
    for (let start = 0; start < cases.length; start += BATCH) {
      const batch = cases.slice(start, start + BATCH);
      const replies = await exchange(batch);
      for (const reply of replies) {
        if (!isTypedError(reply)) expect.fail(`not a typed error reply: ${JSON.stringify(reply.content)}`);
        enames.set(reply.content['ename'] as string, (enames.get(reply.content['ename'] as string) ?? 0) + 1);
      }
      // Replies that could be matched carry their request's id.
      const sentIds = new Set(batch.flatMap((c) => (c.msgId === undefined ? [] : [c.msgId])));
      const repliedIds = new Set(replies.map((r) => r.parentHeader['msgId']));
      for (const id of sentIds) expect(repliedIds.has(id)).toBe(true);
      for (const c of batch) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
      // A well-formed client is served in between.
      await client.run(program);
      expect(ticket.get()).toEqual({ value: 321 });
    }
    console.log(`fuzz: ${cases.length} envelopes; kinds ${JSON.stringify(Object.fromEntries([...kinds].sort()))}; errors ${JSON.stringify(Object.fromEntries([...enames].sort()))}`);
    expect(kinds.size).toBeGreaterThanOrEqual(20);
    expect(enames.size).toBeGreaterThanOrEqual(10);
    const status = await client.status();
    expect(status['state']).toBe('serving');
  });

  it('keeps no work from malformed programs: the chip only ran the well-formed ones', async () => {
    const status = await client.status();
    const chip = (status['chips'] as { executed: number; failed: number }[])[0];
    // Malformed link words are refused at the edge, before they reach the chip.
    expect(chip?.failed).toBe(0);
    expect(chip?.executed).toBe(Math.ceil(ENVELOPES / BATCH));
  });
});
