import { TwinConnection } from '@bss2/chip';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadResult, saveResult } from '../result/result-file.js';
import { calibrateSpikingNeurons, refractorySetting } from './spiking-sequence.js';

// The whole spiking sequence as one call, at `ideal` fidelity (no mismatch: every step must land on its target
// and nothing may fail), its progress reports, and its result file. The per-step accuracy under mismatch is
// tested on the analog twin in neuron-calibration.test.ts.

describe('calibrateSpikingNeurons', () => {
  it('runs every step in order, reaches the targets and writes a result that loads back', async () => {
    const connection = new TwinConnection({ identity: 'calib-sequence', fidelity: 'ideal' });
    const steps: string[] = [];
    const result = await calibrateSpikingNeurons(connection, { leak: 90, threshold: 140 }, {
      chipIdentity: 'calib-sequence',
      // Ideal CapMem outputs jump to their value at the write (reference §10.3 settling is analog only).
      settleUs: 50,
      onProgress: (step, _index, _of, fraction) => {
        if (fraction === 0) steps.push(step);
      },
    });
    expect(steps).toEqual(['CADC', 'τ_syn exc', 'τ_syn inh', 'synaptic strength exc', 'synaptic strength inh', 'leak', 'threshold', 'τ_mem', 'reset', 'leak again']);
    expect(result.failures).toEqual([]);
    expect(result.achieved['leak']!.after.mean).toBeCloseTo(90, 0);
    expect(result.achieved['threshold']!.after.mean).toBeCloseTo(140, 0);
    expect(result.neuronCapMem.v_leak).toHaveLength(512);
    const directory = mkdtempSync(join(tmpdir(), 'bss2-sequence-'));
    const path = join(directory, 'calib.json');
    saveResult(path, result);
    expect(loadResult(path, { chipIdentity: 'calib-sequence' })).toEqual(result);
    rmSync(directory, { recursive: true, force: true });
    await connection.close();
  });

  it('rejects targets out of range before anything is sent, and sets the refractory clock', async () => {
    let sent = 0;
    const counting = { description: 'counting', run: async () => { sent++; throw new Error('nothing should be sent'); }, close: async () => {} };
    await expect(calibrateSpikingNeurons(counting as never, { leak: 200 }, { chipIdentity: 'x' })).rejects.toMatchObject({ code: 'target-out-of-range', value: 200 });
    expect(sent).toBe(0);
    expect(refractorySetting(2)).toEqual({ refractoryTime: 250, clockScaleSlow: 0 });
    expect(refractorySetting(32)).toEqual({ refractoryTime: 250, clockScaleSlow: 4 });
  });
});
