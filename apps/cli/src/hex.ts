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
  const positions: number[] = [];
  let position = 0;
  for (const line of text.split('\n')) {
    const content = line.split('#')[0] ?? '';
    for (const token of content.split(/\s+/)) {
      const start = line.indexOf(token);
      const body = token.startsWith('0x') || token.startsWith('0X') ? token.slice(2) : token;
      for (let i = 0; i < body.length; i++) {
        const c = body[i] as string;
        if (!/[0-9a-fA-F]/.test(c)) {
          throw new HexFormatError(`not a hex digit: ${JSON.stringify(c)} at character ${position + start + i}`, position + start + i);
        }
        digits.push(c);
        positions.push(position + start + i);
      }
    }
    position += line.length + 1;
  }
  if (digits.length % 2 !== 0) {
    throw new HexFormatError(`odd number of hex digits (${digits.length}): input must be whole bytes`, positions.at(-1) ?? 0);
  }
  return Uint8Array.from(Buffer.from(digits.join(''), 'hex'));
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
