import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtomicNeuronOnDLS, CADCChannelOnDLS, CapMemCellOnDLS } from '@bss2/coords';
import { CADCChannelConfig, CapMemCell } from '@bss2/regs';
import { afterAll, describe, expect, it } from 'vitest';
import { CalibrationCache } from './calibration-cache.js';
import { calibrationChip, type CalibrationResult } from './calibration-result.js';
import { loadResult, parseResult, saveResult, serializeResult } from './result-file.js';

const directory = mkdtempSync(join(tmpdir(), 'bss2-calib-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const codes = (n: number): fc.Arbitrary<number[]> => fc.array(fc.integer({ min: 0, max: 1022 }), { minLength: n, maxLength: n });
const spread = fc.record({ mean: fc.double({ min: 0, max: 255, noNaN: true }), std: fc.double({ min: 0, max: 50, noNaN: true }) });

const results: fc.Arbitrary<CalibrationResult> = fc.record({
  chipIdentity: fc.string({ minLength: 1, maxLength: 20 }),
  created: fc.constant('2026-11-24T09:00:00.000Z'),
  targets: fc.record({ leak: fc.integer({ min: 50, max: 160 }), threshold: fc.integer({ min: 50, max: 220 }) }),
  cadc: fc.record({ rampOffset: codes(4), rampSlope: codes(4), channelOffsets: fc.array(fc.integer({ min: -128, max: 127 }), { minLength: 1024, maxLength: 1024 }) }),
  neuronCapMem: fc.record({ v_leak: codes(512), v_threshold: codes(512) }),
  sharedCapMem: fc.record({ syn_i_bias_dac: codes(4) }),
  achieved: fc.record({ leak: fc.record({ before: spread, after: spread }) }),
  failures: fc.array(fc.record({ parameter: fc.constantFrom('leak', 'threshold'), instance: fc.integer({ min: 0, max: 511 }), reason: fc.string() }), { maxLength: 3 }),
});

describe('calibration result files', () => {
  it('round-trip every result exactly, and the file is written atomically', () => {
    fc.assert(
      fc.property(results, (result) => {
        const path = join(directory, 'round-trip.json');
        saveResult(path, result);
        expect(loadResult(path, { chipIdentity: result.chipIdentity })).toEqual(result);
        expect(readdirSync(directory).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });

  it('refuses a corrupted file with a clear message', () => {
    fc.assert(
      fc.property(results, fc.nat(), (result, at) => {
        const text = serializeResult(result);
        // Change one digit inside the result (never the checksum itself).
        const start = text.indexOf('"result"');
        const digits = [...text.slice(start, text.indexOf('"checksum"')).matchAll(/[0-9]/g)].map((m) => start + m.index);
        const i = digits[at % digits.length]!;
        const corrupted = `${text.slice(0, i)}${(Number(text[i]) + 1) % 10}${text.slice(i + 1)}`;
        expect(() => parseResult(corrupted, 'calib.json')).toThrow(expect.objectContaining({ code: expect.stringMatching(/result-checksum|result-schema/) }));
      }),
      { numRuns: 30 },
    );
    expect(() => parseResult('{ not json', 'calib.json')).toThrow(/calib.json is not a calibration result: not JSON/);
    expect(() => parseResult('{"schema":"other"}', 'calib.json')).toThrow(expect.objectContaining({ code: 'result-schema' }));
    expect(() => loadResult(join(directory, 'missing.json'))).toThrow(expect.objectContaining({ code: 'result-unreadable' }));
  });

  it('refuses a file made for another chip unless forced, and a newer schema version', () => {
    fc.assert(
      fc.property(results, (result) => {
        const text = serializeResult(result);
        const other = `${result.chipIdentity}-other`;
        expect(() => parseResult(text, 'calib.json', { chipIdentity: other })).toThrow(expect.objectContaining({ code: 'result-foreign-chip', value: result.chipIdentity }));
        expect(parseResult(text, 'calib.json', { chipIdentity: other, force: true })).toEqual(result);
        const newer = text.replace('"schemaVersion": 1', '"schemaVersion": 2');
        expect(() => parseResult(newer, 'calib.json')).toThrow(expect.objectContaining({ code: 'result-schema' }));
      }),
      { numRuns: 10 },
    );
  });

  it('turns a result into the Chip configuration that holds its registers', () => {
    fc.assert(
      fc.property(results, (result) => {
        const chip = calibrationChip(result);
        expect(chip.get(CapMemCell, CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(300), 'v_leak')).value).toBe(result.neuronCapMem.v_leak![300]);
        expect(chip.get(CADCChannelConfig, CADCChannelOnDLS(1000)).offset).toBe(result.cadc!.channelOffsets[1000]);
        expect(chip.get(CapMemCell, CapMemCellOnDLS.ofShared(2 as never, 'cadc_i_ramp_slope')).value).toBe(result.cadc!.rampSlope[2]);
      }),
      { numRuns: 5 },
    );
  });

  it('caches results by chip identity and targets', () => {
    const cache = new CalibrationCache(join(directory, 'cache'));
    fc.assert(
      fc.property(results, (result) => {
        cache.put(result);
        expect(cache.get(result.chipIdentity, result.targets)).toEqual(result);
        expect(cache.get(result.chipIdentity, { ...result.targets, leak: (result.targets.leak as number) + 1 })).toBeUndefined();
        expect(cache.get(`${result.chipIdentity}x`, result.targets)).toBeUndefined();
      }),
      { numRuns: 10 },
    );
    // A corrupted cache entry is an error, never silently a miss or a hit.
    const entry = readdirSync(join(directory, 'cache'))[0]!;
    const path = join(directory, 'cache', entry);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/"created": "[^"]*"/, '"created": "tampered"'));
    const identity = (JSON.parse(readFileSync(path, 'utf8')) as { result: CalibrationResult }).result;
    expect(() => cache.get(identity.chipIdentity, identity.targets)).toThrow(expect.objectContaining({ code: 'result-checksum' }));
  });
});
