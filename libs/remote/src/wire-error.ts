import { ChipError, type ChipErrorCode } from '@bss2/chip';
import { LINK_ERROR_CODES, LinkError, type LinkErrorCode } from '@bss2/link';
import { describeValue, isPlainMap, type WireMap } from './field-validator.js';
import { isServerErrorCode, RemoteError, type RemoteRange } from './remote-error.js';

/** The content of an error reply (protocol.ts `ERROR_CONTENT_FIELDS`). */
export interface WireError {
  readonly status: 'error';
  readonly ename: string;
  readonly evalue: string;
  readonly details: Record<string, unknown>;
}

const CHIP_ERROR_CODES: readonly ChipErrorCode[] = ['unknown-address', 'unreadable', 'read-only', 'invalid-value', 'missing-data', 'unsupported-instruction', 'out-of-range'];

function range(value: unknown): RemoteRange | undefined {
  if (!isPlainMap(value) || typeof value['min'] !== 'number' || typeof value['max'] !== 'number') return undefined;
  return { min: value['min'], max: value['max'] };
}

/** Drops undefined members and makes every value msgpack-safe. */
function compact(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (value === undefined) continue;
    out[key] = key === 'range' ? range(value) : describeValue(value);
  }
  return out;
}

/**
 * One wire error per error code (STYLE item 9): a `RemoteError` travels as its code, the errors a program
 * raises on the chip keep their lib and code (`chip/unknown-address`, `link/unknown-header`), so a remote
 * client can raise exactly what the in-process connection raises. Anything else is a server bug: `internal`.
 */
export function toWireError(error: unknown): WireError {
  if (error instanceof RemoteError) {
    return { status: 'error', ename: error.code, evalue: error.message, details: compact({ field: error.field, value: error.value, range: error.range, retryAfterMs: error.retryAfterMs }) };
  }
  if (error instanceof ChipError) {
    const { value, range: r, offset, container } = error.details;
    return { status: 'error', ename: `chip/${error.code}`, evalue: error.message, details: compact({ value, range: r, offset, container }) };
  }
  if (error instanceof LinkError) {
    const { offset, messageType, field, value, range: r } = error;
    return { status: 'error', ename: `link/${error.code}`, evalue: error.message, details: compact({ offset, messageType, field, value, range: r }) };
  }
  return { status: 'error', ename: 'internal', evalue: error instanceof Error ? `${error.name}: ${error.message}` : String(error), details: {} };
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** The error a client raises for an error reply's content (the inverse of `toWireError`). */
export function fromWireError(content: WireMap): Error {
  const ename = typeof content['ename'] === 'string' ? content['ename'] : 'internal';
  const evalue = typeof content['evalue'] === 'string' ? content['evalue'] : '(no message)';
  const details: WireMap = isPlainMap(content['details']) ? content['details'] : {};
  const r = range(details['range']);
  const [lib, code] = ename.split('/') as [string, string | undefined];
  if (lib === 'chip' && code !== undefined && (CHIP_ERROR_CODES as readonly string[]).includes(code)) {
    return new ChipError(code as ChipErrorCode, evalue, {
      value: details['value'],
      ...(r && { range: r }),
      ...(typeof details['offset'] === 'number' && { offset: details['offset'] }),
      ...(typeof details['container'] === 'string' && { container: details['container'] }),
    });
  }
  if (lib === 'link' && code !== undefined && Object.hasOwn(LINK_ERROR_CODES, code)) {
    return new LinkError(code as LinkErrorCode, evalue, {
      value: details['value'],
      ...(r && { range: r }),
      ...(typeof details['offset'] === 'number' && { offset: details['offset'] }),
      ...(typeof details['messageType'] === 'string' && { messageType: details['messageType'] }),
      ...(typeof details['field'] === 'string' && { field: details['field'] }),
    });
  }
  const retryAfterMs = numberOrUndefined(details['retryAfterMs']);
  return new RemoteError(isServerErrorCode(ename) ? ename : 'internal', isServerErrorCode(ename) ? evalue : `${ename}: ${evalue}`, {
    ...(typeof details['field'] === 'string' && { field: details['field'] }),
    ...(details['value'] !== undefined && { value: details['value'] }),
    ...(r && { range: r }),
    ...(retryAfterMs !== undefined && { retryAfterMs }),
  });
}
