import type { Connection } from '@bss2/playback';
import { describe, expect, it } from 'vitest';
import { CalibError } from '../calib-error.js';
import { calibrateMacNeurons } from './mac-calibration.js';
import { MAC_TARGETS, macTargets } from './mac-targets.js';

// Targets and options are checked before anything reaches the chip: a connection that counts programs must
// see none when the calibration is refused.

function countingConnection(): Connection & { programs: number } {
  const connection = {
    programs: 0,
    run: async () => {
      connection.programs++;
      throw new Error('no program may be sent');
    },
  };
  return connection as unknown as Connection & { programs: number };
}

describe('MAC targets', () => {
  it('defaults to calix hagen / hxtorch values', () => {
    expect(macTargets()).toEqual({ baselineRead: 120, tauMemUs: 60, gainLsbPerUnit: 0.002 });
  });

  it.each([
    [{ baselineRead: 69 }, 'baselineRead'],
    [{ baselineRead: 171 }, 'baselineRead'],
    [{ tauMemUs: 5 }, 'tauMemUs'],
    [{ gainLsbPerUnit: 0.01 }, 'gainLsbPerUnit'],
    [{ gainLsbPerUnit: Number.NaN }, 'gainLsbPerUnit'],
  ] as const)('rejects %o with a CalibError naming the range, before anything is sent', async (targets, name) => {
    const connection = countingConnection();
    const error = await calibrateMacNeurons(connection, targets).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalibError);
    expect((error as CalibError).code).toBe('target-out-of-range');
    expect((error as CalibError).message).toContain(name);
    expect((error as CalibError).range).toEqual({ min: MAC_TARGETS[name].min, max: MAC_TARGETS[name].max });
    expect(connection.programs).toBe(0);
  });

  it('rejects unknown targets and bad options before anything is sent', async () => {
    const connection = countingConnection();
    await expect(calibrateMacNeurons(connection, { leak: 80 } as never)).rejects.toThrow(/unknown MAC target 'leak'/);
    await expect(calibrateMacNeurons(connection, {}, { memCapSize: 64 })).rejects.toBeInstanceOf(CalibError);
    await expect(calibrateMacNeurons(connection, {}, { integration: 'spiking' as never })).rejects.toBeInstanceOf(CalibError);
    expect(connection.programs).toBe(0);
  });
});
