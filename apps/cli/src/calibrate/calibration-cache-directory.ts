import { CalibrationCache } from '@bss2/calib';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `--cache-dir` default: the user's cache directory (XDG), as calix keeps its calibration cache per user. */
export function defaultCacheRoot(): string {
  return join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'bss2-twin', 'calibration');
}

/**
 * The cache for one kind of twin. The library keys entries by chip identity and targets; an ideal and an analog
 * twin of the same identity are different chips (the analog one has the identity's mismatch, reference §10.2),
 * and a shortened CapMem settle wait gives a different calibration, so each gets its own directory.
 */
export function calibrationCacheFor(root: string, fidelity: 'ideal' | 'analog', settleUs: number | undefined): CalibrationCache {
  return new CalibrationCache(join(root, settleUs === undefined ? fidelity : `${fidelity}-settle-${settleUs}us`));
}
