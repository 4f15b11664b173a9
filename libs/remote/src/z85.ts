/**
 * Z85 (ZeroMQ RFC 32), the text form of CURVE keys: 4 bytes ↔ 5 characters. ZeroMQ hands a ZAP handler the
 * client's key as 32 raw bytes; key files and options hold it as 40 characters.
 */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#';
const DECODE = new Map([...ALPHABET].map((c, i) => [c, i]));

export function z85Encode(bytes: Uint8Array): string {
  if (bytes.length % 4 !== 0) throw new RangeError(`Z85 encodes multiples of 4 bytes, got ${bytes.length}`);
  let out = '';
  for (let i = 0; i < bytes.length; i += 4) {
    let value = ((bytes[i] as number) * 2 ** 24 + (bytes[i + 1] as number) * 2 ** 16 + (bytes[i + 2] as number) * 2 ** 8 + (bytes[i + 3] as number)) >>> 0;
    let chunk = '';
    for (let j = 0; j < 5; j++) {
      chunk = (ALPHABET[value % 85] as string) + chunk;
      value = Math.floor(value / 85);
    }
    out += chunk;
  }
  return out;
}

/** Decodes Z85 text; undefined for text that is not Z85 (wrong length or character). */
export function z85Decode(text: string): Uint8Array | undefined {
  if (text.length % 5 !== 0) return undefined;
  const out = new Uint8Array((text.length / 5) * 4);
  for (let i = 0; i < text.length; i += 5) {
    let value = 0;
    for (let j = 0; j < 5; j++) {
      const digit = DECODE.get(text[i + j] as string);
      if (digit === undefined) return undefined;
      value = value * 85 + digit;
    }
    if (value > 0xffffffff) return undefined;
    const o = (i / 5) * 4;
    out[o] = value >>> 24;
    out[o + 1] = (value >>> 16) & 0xff;
    out[o + 2] = (value >>> 8) & 0xff;
    out[o + 3] = value & 0xff;
  }
  return out;
}
