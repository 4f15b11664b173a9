import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CalibrationResult } from './calibration-result.js';
import { canonicalJson, loadResult, saveResult } from './result-file.js';

// A directory of calibration results keyed by chip identity and targets (calix's calib cache): a repeated
// calibration of the same chip for the same targets loads the stored result instead of measuring again.

export class CalibrationCache {
  constructor(readonly directory: string) {}

  /** The file for (identity, targets): a hash of both, so any change of targets misses the cache. */
  pathOf(chipIdentity: string, targets: unknown): string {
    const key = createHash('sha256').update(canonicalJson({ chipIdentity, targets })).digest('hex').slice(0, 32);
    return join(this.directory, `calibration-${key}.json`);
  }

  /** The stored result, or undefined when there is none (a corrupted entry is an error, not a miss). */
  get(chipIdentity: string, targets: unknown): CalibrationResult | undefined {
    const path = this.pathOf(chipIdentity, targets);
    return existsSync(path) ? loadResult(path, { chipIdentity }) : undefined;
  }

  put(result: CalibrationResult): string {
    mkdirSync(this.directory, { recursive: true });
    const path = this.pathOf(result.chipIdentity, result.targets);
    saveResult(path, result);
    return path;
  }
}
