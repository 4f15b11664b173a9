import { Packr } from 'msgpackr';

/**
 * The msgpack codec of every map frame (toolchain.md: `moreTypes` on both ends). `useRecords: false` keeps
 * plain msgpack maps, which any language's msgpack library reads; `variableMapSize` writes the smallest map
 * header (fixmap); `int64AsType: 'number'` decodes 64-bit integers as numbers (every legal field value is
 * below 2^53; larger ones fail their range check).
 */
const packr = new Packr({ moreTypes: true, useRecords: false, variableMapSize: true, int64AsType: 'number' });

export function packMap(map: Readonly<Record<string, unknown>>): Buffer {
  return packr.pack(map);
}

/** Decodes one frame; `{ ok: false }` for bytes that are not exactly one msgpack value. */
export function tryUnpack(frame: Uint8Array): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: packr.unpack(frame) as unknown };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
