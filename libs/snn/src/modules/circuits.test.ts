import { describe, expect, it } from 'vitest';
import { Experiment } from '../experiment.js';
import { SnnError } from '../snn-error.js';
import { AdEx } from './adex.js';
import { LI } from './li.js';
import { LIF } from './lif.js';

// The `circuits` option of the neuron modules (2: top + bottom circuit of a column, reference §2.4): default 1,
// carried into the population description a backend maps, anything but 1 or 2 rejected with the legal range.

describe('neuron modules: circuits', () => {
  it('defaults to 1 and describes the population with the circuits asked for', () => {
    const experiment = new Experiment();
    expect(new LIF(3, experiment).describe().circuits).toBe(1);
    expect(new LIF(3, experiment, { circuits: 2 }).describe().circuits).toBe(2);
    expect(new LI(2, experiment, { circuits: 2 }).describe().circuits).toBe(2);
    expect(new AdEx(2, experiment, { circuits: 2 }).describe().circuits).toBe(2);
  });

  it('rejects other values, naming the option and the range', () => {
    const experiment = new Experiment();
    const call = () => new LIF(3, experiment, { circuits: 3 as 2 });
    expect(call).toThrow(SnnError);
    expect(call).toThrow(expect.objectContaining({ code: 'out-of-range', parameter: 'circuits', value: 3, range: '1..2' }));
  });
});
