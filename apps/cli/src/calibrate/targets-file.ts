import { CalibError, neuronTargets, type NeuronTargets } from '@bss2/calib';
import { readFile } from 'node:fs/promises';
import { CalibrateError } from './calibrate-error.js';

/**
 * The targets of `bss2 calibrate --targets file.json`: a JSON object of neuron targets named as in the calib
 * library's NEURON_TARGETS table (e.g. `{"leak": 80, "tauMemUs": 10}`), merged over calix's defaults and checked
 * against the table's legal ranges (reference §7.4) before anything is sent. Without a file, the defaults.
 */
export async function readTargetsFile(path: string | undefined): Promise<NeuronTargets> {
  if (path === undefined) return neuronTargets();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CalibrateError('invalid-targets-file', `cannot read the targets file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CalibrateError('invalid-targets-file', `the targets file ${path} is not valid JSON (${(error as Error).message})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CalibrateError('invalid-targets-file', `the targets file ${path} must hold a JSON object of targets, e.g. {"leak": 80, "tauMemUs": 10}`);
  }
  try {
    return neuronTargets(parsed as Record<string, unknown>);
  } catch (error) {
    // The library names the target and its range; say which file it came from.
    if (error instanceof CalibError) throw new CalibError(error.code, `${path}: ${error.message}`, error.value, error.range);
    throw error;
  }
}
