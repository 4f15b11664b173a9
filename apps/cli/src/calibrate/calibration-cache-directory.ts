import { CalibError, CalibrationCache, type CalibrationResult, type NeuronTargets } from '@bss2/calib';
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

/** The cache's result for (chip, targets); a corrupted entry stays an error (never a silent miss), with the way out. */
export function cachedResult(cache: CalibrationCache, chip: string, targets: NeuronTargets): CalibrationResult | undefined {
  try {
    return cache.get(chip, targets);
  } catch (error) {
    if (error instanceof CalibError) throw new CalibError(error.code, `calibration cache: ${error.message}; --no-cache measures afresh and replaces the entry`, error.value);
    throw error;
  }
}
