import type { CalibrationResult, CalibrationStepReport } from '@bss2/calib';
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

// The per-neuron step reports of a cached calibration, kept next to its cache entry (`calibration-<key>.json` →
// `calibration-<key>.steps.json`) so that a cache hit can still draw its histograms. The result file itself
// stays the library's schema; this file is the CLI's own, tied to its entry by the result's `created` time, and
// anything unexpected in it reads as "no reports" (the histograms then need a fresh run), never as an error: the
// calibration it belongs to is still good.

const STEPS_SCHEMA = 'bss2-twin/calibration-steps';

interface StoredReport {
  readonly parameter: string;
  readonly label: string;
  readonly unit: string;
  readonly target: number;
  /** NaN (not measurable) as null: JSON has no NaN. */
  readonly before: readonly (number | null)[];
  readonly after: readonly (number | null)[];
}

interface StepsFile {
  readonly schema: string;
  readonly created: string;
  readonly reports: readonly StoredReport[];
}

/** The reports file next to the cache entry at `entryPath`. */
export function stepReportsPathOf(entryPath: string): string {
  return entryPath.replace(/\.json$/, '.steps.json');
}

const toJson = (values: Float64Array): (number | null)[] => Array.from(values, (v) => (Number.isFinite(v) ? v : null));
const fromJson = (values: readonly (number | null)[]): Float64Array => Float64Array.from(values, (v) => (v === null ? Number.NaN : v));

/** Writes `reports` of `result` to `path` atomically (temporary file, then rename). */
export function saveStepReports(path: string, result: CalibrationResult, reports: readonly CalibrationStepReport[]): void {
  const file: StepsFile = {
    schema: STEPS_SCHEMA,
    created: result.created,
    reports: reports.map((r) => ({ parameter: r.parameter, label: r.label, unit: r.unit, target: r.target, before: toJson(r.before), after: toJson(r.after) })),
  };
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(file)}\n`);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

const isReport = (r: unknown): r is StoredReport => {
  const s = r as Partial<StoredReport> | null;
  return s !== null && typeof s === 'object' && typeof s.parameter === 'string' && typeof s.label === 'string' && typeof s.unit === 'string' && typeof s.target === 'number' && Array.isArray(s.before) && Array.isArray(s.after);
};

/** The reports stored for `result` at `path`, or undefined when there are none for exactly this result. */
export function loadStepReports(path: string, result: CalibrationResult): CalibrationStepReport[] | undefined {
  let file: Partial<StepsFile>;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as Partial<StepsFile>;
  } catch {
    return undefined;
  }
  if (file?.schema !== STEPS_SCHEMA || file.created !== result.created || !Array.isArray(file.reports) || !file.reports.every(isReport)) return undefined;
  return file.reports.map((r) => ({ parameter: r.parameter, label: r.label, unit: r.unit, target: r.target, before: fromJson(r.before), after: fromJson(r.after) }));
}
