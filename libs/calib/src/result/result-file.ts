import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { CalibError } from '../calib-error.js';
import type { CalibrationResult } from './calibration-result.js';

// Calibration result files (issue 5): JSON with a schema name and version, the result, and a SHA-256 checksum
// over the canonical JSON of everything else. Written atomically (a temporary file in the same directory,
// then rename), so a reader never sees half a file. Loading checks schema, version, checksum and the chip
// identity, and names what is wrong.

export const RESULT_SCHEMA = 'bss2-twin/calibration';
export const RESULT_SCHEMA_VERSION = 1;

interface ResultFile {
  readonly schema: string;
  readonly schemaVersion: number;
  readonly result: CalibrationResult;
  readonly checksum: string;
}

/** JSON with object keys sorted at every level: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function checksumOf(schema: string, schemaVersion: number, result: CalibrationResult): string {
  return `sha256:${createHash('sha256').update(canonicalJson({ schema, schemaVersion, result })).digest('hex')}`;
}

/** The file's text for `result`. */
export function serializeResult(result: CalibrationResult): string {
  const file: ResultFile = { schema: RESULT_SCHEMA, schemaVersion: RESULT_SCHEMA_VERSION, result, checksum: checksumOf(RESULT_SCHEMA, RESULT_SCHEMA_VERSION, result) };
  return `${JSON.stringify(file, null, 1)}\n`;
}

/** Writes `result` to `path` atomically. */
export function saveResult(path: string, result: CalibrationResult): void {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, serializeResult(result));
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

export interface LoadOptions {
  /** The chip the result is to be applied to; a result made for another identity is refused unless `force`. */
  readonly chipIdentity?: string;
  readonly force?: boolean;
}

/** Checks the text of a result file and returns its result. */
export function parseResult(text: string, source: string, options: LoadOptions = {}): CalibrationResult {
  let file: Partial<ResultFile>;
  try {
    file = JSON.parse(text) as Partial<ResultFile>;
  } catch (error) {
    throw new CalibError('result-unreadable', `${source} is not a calibration result: not JSON (${(error as Error).message})`, source);
  }
  if (file === null || typeof file !== 'object' || file.schema !== RESULT_SCHEMA) {
    throw new CalibError('result-schema', `${source} is not a calibration result: schema ${JSON.stringify(file?.schema)}, expected ${JSON.stringify(RESULT_SCHEMA)}`, file?.schema);
  }
  if (file.schemaVersion !== RESULT_SCHEMA_VERSION) {
    throw new CalibError('result-schema', `${source} has schema version ${String(file.schemaVersion)}; this version reads ${RESULT_SCHEMA_VERSION}`, file.schemaVersion, {
      min: RESULT_SCHEMA_VERSION,
      max: RESULT_SCHEMA_VERSION,
    });
  }
  const result = file.result;
  if (result === undefined || typeof result !== 'object' || typeof result.chipIdentity !== 'string') {
    throw new CalibError('result-schema', `${source} has no calibration result with a chip identity`, source);
  }
  const expected = checksumOf(file.schema, file.schemaVersion, result);
  if (file.checksum !== expected) {
    throw new CalibError('result-checksum', `${source} is corrupted: checksum ${String(file.checksum)} does not match its content (${expected})`, file.checksum);
  }
  if (options.chipIdentity !== undefined && result.chipIdentity !== options.chipIdentity && options.force !== true) {
    throw new CalibError(
      'result-foreign-chip',
      `${source} was made for chip ${JSON.stringify(result.chipIdentity)}, not ${JSON.stringify(options.chipIdentity)}; every chip needs its own calibration (force to apply it anyway)`,
      result.chipIdentity,
    );
  }
  return result;
}

/** Reads and checks the result file at `path`. */
export function loadResult(path: string, options: LoadOptions = {}): CalibrationResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CalibError('result-unreadable', `cannot read calibration result ${path}: ${(error as Error).message}`, path);
  }
  return parseResult(text, path, options);
}
