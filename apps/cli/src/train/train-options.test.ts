import { MNIST16_TRAINING_DEFAULTS, YIN_YANG_TRAINING_DEFAULTS } from '@bss2/snn';
import { describe, expect, it } from 'vitest';
import { checkedTrainSettings, TRAIN_DEFAULTS, type TrainCliOptions } from './train-options.js';

const given: TrainCliOptions = { ...TRAIN_DEFAULTS, uncalibrated: false, json: false };

describe('checkedTrainSettings', () => {
  it('trains each data set for its trainer\'s epochs unless --epochs says otherwise', () => {
    expect(checkedTrainSettings('yinyang', given).epochs).toBe(YIN_YANG_TRAINING_DEFAULTS.epochs);
    expect(checkedTrainSettings('mnist16', given).epochs).toBe(MNIST16_TRAINING_DEFAULTS.epochs);
    expect([YIN_YANG_TRAINING_DEFAULTS.epochs, MNIST16_TRAINING_DEFAULTS.epochs]).toEqual([10, 20]);
    expect(checkedTrainSettings('mnist16', { ...given, epochs: '3' }).epochs).toBe(3);
  });
});
