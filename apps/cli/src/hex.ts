/** Hex text in the CLI's trace format: one 64-bit phyword (16 hex digits) per line, most significant first. */
export function bytesToHexLines(bytes: Uint8Array, bytesPerLine = 8): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += bytesPerLine) {
    lines.push(Buffer.from(bytes.subarray(i, i + bytesPerLine)).toString('hex'));
  }
  return lines.join('\n');
}

/** Thrown for text that is not a whole number of hex bytes; names the offending character and its position. */
export class HexFormatError extends Error {
  override readonly name = 'HexFormatError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/**
 * Parses hex text, ignoring whitespace, an optional `0x` prefix per token and `#` comments to the end of a
 * line, so hand-annotated traces can be pasted back in.
 */
export function hexToBytes(text: string): Uint8Array {
  const digits: string[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const content = line.split('#')[0] ?? '';
    for (const token of content.matchAll(/\S+/g)) {
      const prefixed = /^0[xX]/.test(token[0]);
      const body = prefixed ? token[0].slice(2) : token[0];
      const bodyStart = lineStart + (token.index ?? 0) + (prefixed ? 2 : 0);
      const bad = body.search(/[^0-9a-fA-F]/);
      if (bad >= 0) {
        throw new HexFormatError(`not a hex digit: ${JSON.stringify(body[bad])} at character ${bodyStart + bad}`, bodyStart + bad);
      }
      digits.push(body);
    }
    lineStart += line.length + 1;
  }
  const hex = digits.join('');
  if (hex.length % 2 !== 0) throw new HexFormatError(`odd number of hex digits (${hex.length}): input must be whole bytes`, text.length);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
