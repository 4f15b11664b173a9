/**
 * Prints a typed error of any bss2 lib as one line (`error [code]: message`) and returns the exit code. Errors
 * that are not ours (a bug) keep their stack so they can be reported.
 */
export function reportError(error: unknown): number {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    // Link errors carry the byte offset of the fault; say it when the message does not already.
    const offset = 'offset' in error && typeof error.offset === 'number' && !error.message.includes(`byte ${error.offset}`) ? ` (at byte ${error.offset})` : '';
    process.stderr.write(`error [${error.code}]: ${error.message}${offset}\n`);
    return 1;
  }
  if (error instanceof Error && error.name.endsWith('Error') && !(error.constructor === Error || error instanceof TypeError)) {
    process.stderr.write(`error: ${error.message}\n`);
    return 1;
  }
  process.stderr.write(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 2;
}
