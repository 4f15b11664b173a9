import type { StateDict } from '../nn/module.js';
import { decodeStateDict, encodeStateDict, type StateFormat } from './state-file.js';

/** The encoding a path asks for: `.json` is JSON, anything else binary. */
export function formatForPath(path: string): StateFormat {
  return path.toLowerCase().endsWith('.json') ? 'json' : 'binary';
}

/**
 * Writes a state dict (e.g. `module.stateDict()`) to a file in Node; `fs` is loaded on demand so the lib still
 * bundles for the browser, where `encodeStateDict` gives the bytes to store instead.
 */
export async function saveStateFile(path: string, state: StateDict, format: StateFormat = formatForPath(path)): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path, format === 'json' ? encodeStateDict(state, 'json') : encodeStateDict(state, 'binary'));
}

/** Reads a state file written by `saveStateFile`; load it with `module.loadStateDict(...)` (which checks shapes). */
export async function loadStateFile(path: string): Promise<StateDict> {
  const { readFile } = await import('node:fs/promises');
  return decodeStateDict(new Uint8Array(await readFile(path)));
}
