import { AutogradError } from '../errors.js';
import type { StateDict } from '../nn/module.js';
import { checkShape, sizeOf } from '../shape.js';
import { Tensor } from '../tensor.js';

/**
 * Parameter files, in two encodings of the same content (an ordered list of named float32 tensors):
 *
 * - binary: magic `BSS2AGST`, u32 LE version (1), u32 LE header length H, H bytes of UTF-8 JSON
 *   `{ "tensors": [{ "name", "shape" }] }`, zero padding to a multiple of 4, then each tensor's float32 LE
 *   values in header order. Exact, and compact (4 bytes a value).
 * - JSON: `{ "format": "bss2-autograd-state", "version": 1, "tensors": { name: { "shape", "data" } } }`; the
 *   numbers are float32 values printed as doubles, so they also round-trip exactly.
 *
 * Decoding checks the magic, the version, every shape and every length; `Module.loadStateDict` then checks the
 * shapes against the module.
 */
export type StateFormat = 'binary' | 'json';

const MAGIC = 'BSS2AGST';
const FORMAT_NAME = 'bss2-autograd-state';
const VERSION = 1;

function badFile(message: string, value?: unknown): AutogradError {
  return new AutogradError('bad-state-file', `state file: ${message}`, value, `a ${FORMAT_NAME} file, version ${VERSION}`);
}

export function encodeStateDict(state: StateDict, format: 'json'): string;
export function encodeStateDict(state: StateDict, format?: 'binary'): Uint8Array;
export function encodeStateDict(state: StateDict, format: StateFormat = 'binary'): Uint8Array | string {
  const entries = Object.entries(state);
  if (format === 'json') {
    const tensors: Record<string, { shape: readonly number[]; data: number[] }> = {};
    for (const [name, t] of entries) tensors[name] = { shape: t.shape, data: Array.from(t.data) };
    return JSON.stringify({ format: FORMAT_NAME, version: VERSION, tensors });
  }
  const header = new TextEncoder().encode(JSON.stringify({ tensors: entries.map(([name, t]) => ({ name, shape: t.shape })) }));
  const dataStart = align4(16 + header.length);
  const values = entries.reduce((total, [, t]) => total + t.size, 0);
  const bytes = new Uint8Array(dataStart + 4 * values);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(8, VERSION, true);
  view.setUint32(12, header.length, true);
  bytes.set(header, 16);
  let offset = dataStart;
  for (const [, t] of entries) {
    for (const value of t.data) {
      view.setFloat32(offset, value, true);
      offset += 4;
    }
  }
  return bytes;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** Reads either encoding (JSON text, JSON bytes, or binary), checking structure, shapes and lengths. */
export function decodeStateDict(input: Uint8Array | string): StateDict {
  if (typeof input === 'string') return decodeJson(input);
  if (input.length > 0 && input[0] === '{'.charCodeAt(0)) return decodeJson(new TextDecoder().decode(input));
  return decodeBinary(input);
}

function tensorFrom(name: string, shape: unknown, values: ArrayLike<number>): Tensor {
  if (!Array.isArray(shape) || !shape.every((extent) => typeof extent === 'number')) throw badFile(`'${name}' has no valid shape`, shape);
  try {
    checkShape(shape, `state file '${name}'`);
  } catch {
    throw badFile(`'${name}' has an invalid shape [${shape.join(',')}]`, shape);
  }
  if (values.length !== sizeOf(shape)) throw badFile(`'${name}' has ${values.length} values for shape [${shape.join(',')}]`, values.length);
  return new Tensor(Float32Array.from(values), shape);
}

function decodeJson(text: string): StateDict {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badFile('not valid JSON');
  }
  const file = parsed as { format?: unknown; version?: unknown; tensors?: unknown };
  if (file.format !== FORMAT_NAME) throw badFile(`format is ${JSON.stringify(file.format)}`, file.format);
  if (file.version !== VERSION) throw badFile(`version ${JSON.stringify(file.version)} is not supported`, file.version);
  if (typeof file.tensors !== 'object' || file.tensors === null) throw badFile('no tensors object');
  const state: Record<string, Tensor> = {};
  for (const [name, entry] of Object.entries(file.tensors as Record<string, { shape?: unknown; data?: unknown }>)) {
    const data = entry?.data;
    if (!Array.isArray(data) || !data.every((value) => typeof value === 'number')) throw badFile(`'${name}' has no numeric data`);
    state[name] = tensorFrom(name, entry.shape, data);
  }
  return state;
}

function decodeBinary(bytes: Uint8Array): StateDict {
  if (bytes.length < 16 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) throw badFile(`missing magic ${MAGIC}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== VERSION) throw badFile(`version ${version} is not supported`, version);
  const headerLength = view.getUint32(12, true);
  if (16 + headerLength > bytes.length) throw badFile(`header length ${headerLength} exceeds the file (${bytes.length} bytes)`, headerLength);
  let header: { tensors?: unknown };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + headerLength))) as { tensors?: unknown };
  } catch {
    throw badFile('header is not valid JSON');
  }
  if (!Array.isArray(header.tensors)) throw badFile('header has no tensor list');
  let offset = align4(16 + headerLength);
  const state: Record<string, Tensor> = {};
  for (const entry of header.tensors as { name?: unknown; shape?: unknown }[]) {
    if (typeof entry?.name !== 'string') throw badFile('a tensor has no name', entry);
    const shape = entry.shape;
    const count = Array.isArray(shape) ? sizeOf(shape as number[]) : 0;
    if (!(Number.isInteger(count) && count >= 0) || offset + 4 * count > bytes.length) {
      throw badFile(`'${entry.name}' runs past the end of the file`, entry.name);
    }
    const values = new Float32Array(count);
    for (let k = 0; k < count; k++) values[k] = view.getFloat32(offset + 4 * k, true);
    offset += 4 * count;
    state[entry.name] = tensorFrom(entry.name, shape, values);
  }
  if (offset !== bytes.length) throw badFile(`${bytes.length - offset} trailing bytes`, bytes.length - offset);
  return state;
}
