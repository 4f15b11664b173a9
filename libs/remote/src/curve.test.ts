import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCurveKeyPair, isCurveKey, readAuthorizedKeys, readCurveKeyPair, readCurvePublicKey, writeCurveCertificate } from './curve-keys.js';
import { smallProgram } from './random-program.test-support.js';
import { RemoteConnection } from './remote-connection.js';
import { RemoteError } from './remote-error.js';
import { TwinServer } from './twin-server.js';
import { z85Decode, z85Encode } from './z85.js';

// Issue 7, "CURVE: a client without an authorised key is refused; with it, it works". Keys travel through
// certificate files as `bss2 keygen` writes them.

const dir = mkdtempSync(join(tmpdir(), 'bss2-curve-'));
let server: TwinServer;
const connections: RemoteConnection[] = [];

beforeAll(async () => {
  const serverFiles = writeCurveCertificate(join(dir, 'server'), generateCurveKeyPair());
  const clientsDir = join(dir, 'clients');
  mkdirSync(clientsDir);
  writeCurveCertificate(join(clientsDir, 'alice'), generateCurveKeyPair());
  server = await TwinServer.start({
    bind: 'tcp://127.0.0.1:*',
    chips: [{ identity: 'curve-0', fidelity: 'ideal' }],
    curve: { ...readCurveKeyPair(serverFiles.secretFile), authorizedKeys: readAuthorizedKeys(clientsDir) },
  });
});

afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function connect(options: ConstructorParameters<typeof RemoteConnection>[1]): RemoteConnection {
  const connection = new RemoteConnection(server.endpoint, { timeoutMs: 1_500, retries: 0, ...options });
  connections.push(connection);
  return connection;
}

describe('CURVE authentication', () => {
  it('serves a client whose key is authorised', async () => {
    // The chip's worker runs its first program cold (0.4–0.8 s, more under load): a served client waits for it.
    const connection = connect({ timeoutMs: 20_000, serverPublicKey: readCurvePublicKey(join(dir, 'server.key')), clientKeys: readCurveKeyPair(join(dir, 'clients', 'alice.key_secret')) });
    const { program, ticket } = smallProgram(42);
    await connection.run(program);
    expect(ticket.get()).toEqual({ value: 42 });
  });

  it('refuses a client with a key that is not authorised: it gets nothing', async () => {
    const connection = connect({ serverPublicKey: readCurvePublicKey(join(dir, 'server.key')), clientKeys: generateCurveKeyPair() });
    const error = await connection.run(smallProgram(1).program).catch((e: unknown) => e);
    // The handshake fails: the client learns it was refused, and no request reaches the server.
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ code: 'refused' });
    expect(server.refusedClients).toBeGreaterThan(0);
  });

  it('refuses a client without CURVE, and no refused client ran anything', async () => {
    const error = await connect({}).run(smallProgram(1).program).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'refused' });
    expect(server.core.chips[0]?.executed).toBe(1);
  });
});

describe('certificate files', () => {
  it('writes the secret file readable by its owner only, and reads both files back', () => {
    const pair = generateCurveKeyPair();
    const files = writeCurveCertificate(join(dir, 'roundtrip'), pair);
    expect(statSync(files.secretFile).mode & 0o777).toBe(0o600);
    expect(readCurveKeyPair(files.secretFile)).toEqual(pair);
    expect(readCurvePublicKey(files.publicFile)).toBe(pair.publicKey);
    expect(isCurveKey(pair.publicKey) && isCurveKey(pair.secretKey)).toBe(true);
  });

  it('rejects a certificate without a valid key, naming the file', () => {
    const file = join(dir, 'broken.key');
    writeFileSync(file, 'curve\n    public-key = "too-short"\n');
    expect(() => readCurvePublicKey(file)).toThrow(expect.objectContaining({ code: 'invalid-option', value: file, range: { min: 40, max: 40 } }));
    expect(() => readAuthorizedKeys(join(dir, 'missing'))).toThrow(expect.objectContaining({ code: 'invalid-option' }));
  });
});

describe('Z85', () => {
  it('matches the test vector of ZeroMQ RFC 32 and round-trips', () => {
    const bytes = Uint8Array.from([0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b]);
    expect(z85Encode(bytes)).toBe('HelloWorld');
    expect(z85Decode('HelloWorld')).toEqual(bytes);
    expect(z85Decode('Hello')).toBeDefined();
    expect(z85Decode('Hell')).toBeUndefined();
    expect(z85Decode('Hell~')).toBeUndefined();
  });
});
