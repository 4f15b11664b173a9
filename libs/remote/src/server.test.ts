import { Dealer } from 'zeromq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from './protocol.js';
import { allNeuronsFiringProgram, smallProgram, waitProgram } from './random-program.test-support.js';
import { RemoteConnection } from './remote-connection.js';
import { decodeReply, type Reply } from './reply-codec.js';
import { encodeRequest } from './request-codec.js';
import { TwinServer } from './twin-server.js';

// The server's promises to clients, driven with raw envelopes: idempotent request ids, graceful shutdown,
// dropping the work of a client that went away, loopback by default.

const sockets: Dealer[] = [];
let servers: TwinServer[] = [];

async function serve(options: Partial<Parameters<typeof TwinServer.start>[0]> = {}): Promise<TwinServer> {
  const server = await TwinServer.start({ bind: 'tcp://127.0.0.1:*', chips: [{ identity: 'core-0', fidelity: 'ideal' }], ...options });
  servers.push(server);
  return server;
}

function dealer(endpoint: string): Dealer {
  const socket = new Dealer({ linger: 0, receiveTimeout: 20_000 });
  socket.connect(endpoint);
  sockets.push(socket);
  return socket;
}

function runRequest(msgId: string, program: Uint8Array, session = 'raw'): Uint8Array[] {
  return encodeRequest({ msgId, session, msgType: 'run_request', version: PROTOCOL_VERSION }, { chip: 0 }, [program]);
}

async function receive(socket: Dealer): Promise<Reply> {
  const decoded = decodeReply(await socket.receive());
  if (!decoded.ok) throw decoded.error;
  return decoded.reply;
}

async function executed(server: TwinServer): Promise<number> {
  return server.core.chips[0]?.executed ?? -1;
}

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await Promise.all(servers.map((s) => s.close({ drainTimeoutMs: 0 })));
  servers = [];
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close({ drainTimeoutMs: 0 })));
});

describe('idempotent request ids', () => {
  it('answers a resent request from the result store without running it again', async () => {
    const server = await serve();
    const socket = dealer(server.endpoint);
    const { program } = smallProgram(77);
    await socket.send(runRequest('once', program.toFpga));
    const first = await receive(socket);
    await socket.send(runRequest('once', program.toFpga));
    const second = await receive(socket);
    expect(first.metadata['replayed']).toBe(false);
    expect(second.metadata['replayed']).toBe(true);
    expect(Buffer.from(second.buffers[0] as Uint8Array)).toEqual(Buffer.from(first.buffers[0] as Uint8Array));
    expect(await executed(server)).toBe(1);
  });

  it('answers a resend that arrives while the request is still queued once, not twice', async () => {
    const server = await serve();
    const socket = dealer(server.endpoint);
    const { program } = smallProgram(78);
    await socket.send(runRequest('twice-at-once', program.toFpga));
    await socket.send(runRequest('twice-at-once', program.toFpga));
    await socket.send(runRequest('after', program.toFpga));
    const replies = [await receive(socket), await receive(socket)];
    expect(replies.map((r) => r.parentHeader['msgId'])).toEqual(['twice-at-once', 'after']);
    expect(await executed(server)).toBe(2);
  });

  it('refuses a request id reused for another program with duplicate-request-id', async () => {
    const server = await serve();
    const socket = dealer(server.endpoint);
    await socket.send(runRequest('reused', smallProgram(1).program.toFpga));
    await receive(socket);
    await socket.send(runRequest('reused', smallProgram(2).program.toFpga));
    const reply = await receive(socket);
    expect(reply.content).toMatchObject({ status: 'error', ename: 'duplicate-request-id', details: { field: 'header.msgId', value: 'reused' } });
  });

  it('scopes request ids by session', async () => {
    const server = await serve();
    const socket = dealer(server.endpoint);
    await socket.send(runRequest('same', smallProgram(1).program.toFpga, 'session-a'));
    await socket.send(runRequest('same', smallProgram(2).program.toFpga, 'session-b'));
    const replies = [await receive(socket), await receive(socket)];
    expect(replies.map((r) => r.content['status'])).toEqual(['ok', 'ok']);
  });
});

describe('graceful shutdown', () => {
  it('finishes queued programs and refuses new ones with shutting-down', async () => {
    const server = await serve();
    const socket = dealer(server.endpoint);
    for (let i = 0; i < 10; i++) await socket.send(runRequest(`queued-${i}`, smallProgram(i).program.toFpga));
    // Wait until all ten are queued (the status reply comes after them on the same connection).
    await socket.send(encodeRequest({ msgId: 'status', session: 'raw', msgType: 'status_request', version: PROTOCOL_VERSION }, {}));
    const replies: Reply[] = [];
    for (;;) {
      const reply = await receive(socket);
      if (reply.parentHeader['msgId'] === 'status') break;
      replies.push(reply);
    }
    const closed = server.close({ drainTimeoutMs: 10_000 });
    await socket.send(runRequest('late', smallProgram(1).program.toFpga));
    while (replies.length < 11) replies.push(await receive(socket));
    await closed;
    expect(server.core.chips.map((c) => c.alive)).toEqual([false]);
    const byId = new Map(replies.map((r) => [r.parentHeader['msgId'], r.content]));
    for (let i = 0; i < 10; i++) expect(byId.get(`queued-${i}`)).toMatchObject({ status: 'ok' });
    expect(byId.get('late')).toMatchObject({ status: 'error', ename: 'shutting-down' });
  });

  it('refuses what is still queued when the drain time runs out, and answers everything once', async () => {
    const server = await serve();
    const socket = dealer(server.endpoint);
    await socket.send(runRequest('config', allNeuronsFiringProgram().toFpga));
    await receive(socket);
    await socket.send(runRequest('long', waitProgram(20_000).toFpga));
    for (let i = 0; i < 50; i++) await socket.send(runRequest(`queued-${i}`, smallProgram(i).program.toFpga));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.close({ drainTimeoutMs: 0 });
    const replies: Reply[] = [];
    for (let i = 0; i < 51; i++) replies.push(await receive(socket));
    const ids = replies.map((r) => r.parentHeader['msgId']);
    expect(new Set(ids).size).toBe(51);
    const refused = replies.filter((r) => r.content['ename'] === 'shutting-down').length;
    expect(refused).toBeGreaterThan(40);
    expect(replies.filter((r) => r.content['status'] === 'ok').length).toBe(51 - refused);
  });
});

describe('clients that went away', () => {
  it('have their queued work dropped and their running program stopped; the chip restarts fresh', async () => {
    const server = await serve();
    const leaver = dealer(server.endpoint);
    await leaver.send(runRequest('config', allNeuronsFiringProgram().toFpga, 'leaver'));
    await receive(leaver);
    // Seconds of host time on a chip whose neurons all fire: still running when its client leaves.
    const long = waitProgram(200_000).toFpga;
    await leaver.send(runRequest('long', long.slice(), 'leaver'));
    for (let i = 0; i < 20; i++) await leaver.send(runRequest(`left-${i}`, smallProgram(i).program.toFpga, 'leaver'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    leaver.close();
    const stayer = new RemoteConnection(server.endpoint, { timeoutMs: 20_000 });
    const { program, ticket } = smallProgram(500);
    const result = await stayer.run(program);
    expect(ticket.get()).toEqual({ value: 500 });
    expect(result.delivery.chipResets).toBe(1);
    const status = await stayer.status();
    await stayer.close();
    // config and the stayer's program ran; long was stopped; the twenty queued programs never ran.
    expect((status['chips'] as { executed: number; queued: number }[])[0]).toMatchObject({ executed: 2, queued: 0, resets: 1 });
    // A resend of the stopped program (its client back on a new connection) learns what happened.
    const back = dealer(server.endpoint);
    await back.send(runRequest('long', long, 'leaver'));
    expect((await receive(back)).content).toMatchObject({ status: 'error', ename: 'cancelled' });
  });
});

describe('binding', () => {
  it('binds to loopback by default and refuses an unauthenticated network bind', async () => {
    await expect(TwinServer.start({ bind: 'tcp://0.0.0.0:*', chips: [{ identity: 'x', fidelity: 'ideal' }] })).rejects.toMatchObject({ code: 'invalid-option', field: 'bind' });
    const server = await serve({ bind: undefined });
    expect(server.endpoint).toBe('tcp://127.0.0.1:5555');
  });

  it('reports a bind that fails as invalid-option', async () => {
    const server = await serve();
    await expect(TwinServer.start({ bind: server.endpoint, chips: [{ identity: 'x', fidelity: 'ideal' }] })).rejects.toMatchObject({ code: 'invalid-option', value: server.endpoint });
  });
});
