import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { curveKeyPair } from 'zeromq';
import { RemoteError } from './remote-error.js';
import { z85Decode } from './z85.js';

/** A CURVE key pair as Z85 text (40 characters each). */
export interface CurveKeyPair {
  readonly publicKey: string;
  readonly secretKey: string;
}

/** Suffixes of the two files of a certificate, as pyzmq's `zmq.auth` and CZMQ's `zcert` write them. */
export const PUBLIC_KEY_SUFFIX = '.key';
export const SECRET_KEY_SUFFIX = '.key_secret';

export function generateCurveKeyPair(): CurveKeyPair {
  return curveKeyPair();
}

/** True for a 40-character Z85 text of 32 bytes. */
export function isCurveKey(text: string): boolean {
  return text.length === 40 && z85Decode(text)?.length === 32;
}

function certificate(kind: 'Public' | '**Secret**', pair: { publicKey: string; secretKey?: string }): string {
  return [
    `#   ****  Generated on ${new Date().toISOString()} by bss2 keygen  ****`,
    `#   ZeroMQ CURVE ${kind} Certificate`,
    ...(pair.secretKey === undefined ? ['#   Exchange securely, or use a secure mechanism to verify the contents', '#   of this file after exchange. Store public certificates in your home', '#   directory, in the .curve subdirectory.'] : ['#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.']),
    '',
    'metadata',
    'curve',
    `    public-key = "${pair.publicKey}"`,
    ...(pair.secretKey === undefined ? [] : [`    secret-key = "${pair.secretKey}"`]),
    '',
  ].join('\n');
}

/**
 * Writes a key pair as a ZeroMQ certificate pair (the ZPL format of CZMQ's zcert, which pyzmq's
 * `zmq.auth.load_certificate` also reads): `<base>.key` with the public key, to hand out, and
 * `<base>.key_secret` with both keys, readable by the owner only.
 */
export function writeCurveCertificate(base: string, pair: CurveKeyPair): { publicFile: string; secretFile: string } {
  const publicFile = base + PUBLIC_KEY_SUFFIX;
  const secretFile = base + SECRET_KEY_SUFFIX;
  writeFileSync(publicFile, certificate('Public', { publicKey: pair.publicKey }));
  writeFileSync(secretFile, certificate('**Secret**', pair), { mode: 0o600 });
  chmodSync(secretFile, 0o600);
  return { publicFile, secretFile };
}

function keyLine(text: string, name: 'public-key' | 'secret-key'): string | undefined {
  const match = new RegExp(`^\\s*${name}\\s*=\\s*"([^"]*)"\\s*$`, 'm').exec(text);
  return match?.[1];
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new RemoteError('invalid-option', `cannot read key file ${file}: ${(error as Error).message}`, { field: 'keyFile', value: file });
  }
}

function checkedKey(file: string, name: 'public-key' | 'secret-key', key: string | undefined): string {
  if (key === undefined || !isCurveKey(key)) {
    throw new RemoteError('invalid-option', `${file}: ${name} must be 40 characters of Z85 (a 32-byte CURVE key), got ${key === undefined ? 'none' : `${key.length} characters`}`, {
      field: name,
      value: file,
      range: { min: 40, max: 40 },
    });
  }
  return key;
}

/** Reads a `.key_secret` certificate: both keys. */
export function readCurveKeyPair(file: string): CurveKeyPair {
  const text = readText(file);
  return { publicKey: checkedKey(file, 'public-key', keyLine(text, 'public-key')), secretKey: checkedKey(file, 'secret-key', keyLine(text, 'secret-key')) };
}

/** Reads the public key of a certificate (either file of the pair). */
export function readCurvePublicKey(file: string): string {
  return checkedKey(file, 'public-key', keyLine(readText(file), 'public-key'));
}

/**
 * The authorised client keys: every `*.key` certificate in a directory (pyzmq's `configure_curve(location=…)`
 * convention), or the one certificate a file path names.
 */
export function readAuthorizedKeys(path: string): string[] {
  let directory: boolean;
  try {
    directory = statSync(path).isDirectory();
  } catch {
    throw new RemoteError('invalid-option', `authorised keys: ${path} does not exist`, { field: 'authorizedKeys', value: path });
  }
  if (!directory) return [readCurvePublicKey(path)];
  return readdirSync(path)
    .filter((f) => f.endsWith(PUBLIC_KEY_SUFFIX))
    .sort()
    .map((f) => readCurvePublicKey(join(path, f)));
}
