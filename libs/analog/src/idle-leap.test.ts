import { ChangeSet, Chip } from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { AnalogCore, type AnalogOptions } from './analog-core.js';
import { configureNeuron, enableColumn, runUntil, setCells, setShared, setWeight, SpikeRecorder } from './testing/chip-setup.js';

// Idle leaps (analog-engine.ts): a stretch in which every neuron is linear and clear of its threshold is crossed
// in one exact transition. The same chip is run with leaps and with every step computed: without noise the two
// agree to float32 precision, with noise they agree in distribution (and differ in their draws, which shows the
// leap was taken); a chip with a neuron near its threshold never leaps, so it matches stepping bit for bit.

const settled = 5_000_000;
const neurons = 512;

/** Every neuron a LIF at rest (comparator off), leak codes spread over 150..661, neuron 3 with synaptic input. */
function restingChip(): Chip {
  const chip = new Chip();
  setShared(chip, 'syn_i_bias_dac', 600);
  for (let n = 0; n < neurons; n++) {
    setCells(chip, n, { v_leak: 150 + n, v_reset: 100, v_threshold: 1000, i_bias_leak: 100 + (n % 200), i_bias_synin_exc_tau: 60, i_bias_synin_exc_gm: 500 });
    configureNeuron(chip, n, { memCapSize: 63, enSyninExc: true });
  }
  setWeight(chip, 0, 17, 3, 40);
  enableColumn(chip, 0, 3);
  return chip;
}

function run(chip: Chip, options: Partial<AnalogOptions>, extra: (core: AnalogCore) => void = () => undefined): { core: AnalogCore; spikes: SpikeRecorder } {
  const core = new AnalogCore({ fidelity: 'analog', identity: 'idle-leap', ...options });
  const spikes = new SpikeRecorder();
  core.configure(chip, ChangeSet.all(), 0);
  runUntil(core, settled, spikes);
  extra(core);
  return { core, spikes };
}

const membranes = (core: AnalogCore): Float64Array => Float64Array.from({ length: neurons }, (_, n) => core.membraneVolts(n));

/** A synaptic event on neuron 3, then 1 ms (its charge decays within the stretch). */
const eventThenWait = (core: AnalogCore): void => {
  core.synapseRowEvent(0, 17, Uint8Array.of(3), 1, 1, -1, settled);
  runUntil(core, settled + 125_000, new SpikeRecorder());
};

describe('idle leaps', () => {
  it('cross CapMem settling and a decaying PSP exactly (no noise)', () => {
    const leaping = membranes(run(restingChip(), { noise: false }, eventThenWait).core);
    const stepped = membranes(run(restingChip(), { noise: false, idleLeaps: false }, eventThenWait).core);
    let worst = 0;
    for (let n = 0; n < neurons; n++) worst = Math.max(worst, Math.abs((leaping[n] as number) - (stepped[n] as number)));
    // The stepped float32 update stalls up to one ulp/leak factor (1.2e-7 V / 0.005 ≈ 25 µV) short of its
    // resting point; the leap lands on it. Both are far below the 4.5 mV noise and the 4.5 mV CADC LSB.
    expect(worst).toBeLessThan(1e-4);
  }, 60_000);

  it('keep the membrane noise statistics (σ = 4.5 mV around rest)', () => {
    const rest = membranes(run(restingChip(), { noise: false }).core);
    const deviations = (options: Partial<AnalogOptions>): Float64Array => {
      const v = membranes(run(restingChip(), options).core);
      return v.map((value, n) => value - (rest[n] as number));
    };
    const leaping = deviations({});
    const stepped = deviations({ idleLeaps: false });
    expect(leaping).not.toEqual(stepped);
    for (const d of [leaping, stepped]) {
      const mean = d.reduce((a, b) => a + b, 0) / neurons;
      const std = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / neurons);
      // 512 samples: the standard error of σ is ~3 %, of the mean 0.2 mV.
      expect(Math.abs(mean)).toBeLessThan(0.001);
      expect(std).toBeGreaterThan(0.0045 * 0.88);
      expect(std).toBeLessThan(0.0045 * 1.12);
    }
  }, 60_000);

  it('never leap over a neuron that can reach its threshold', () => {
    const chip = restingChip();
    // Neuron 40 fires tonically (leak above threshold); neuron 41 rests 5 σ of noise below its threshold.
    setCells(chip, 40, { v_leak: 500, v_threshold: 400, i_bias_leak: 200 });
    configureNeuron(chip, 40, { memCapSize: 63, enThreshComp: true, enFire: true }, { refractoryTime: 100 });
    setCells(chip, 41, { v_leak: 400, v_threshold: 412, i_bias_leak: 200 });
    configureNeuron(chip, 41, { memCapSize: 63, enThreshComp: true, enFire: true }, { refractoryTime: 100 });
    const leaping = run(chip, { mismatch: false });
    const stepped = run(chip, { mismatch: false, idleLeaps: false });
    expect(leaping.spikes.cyclesOf(40).length).toBeGreaterThan(100);
    expect(leaping.spikes.neurons).toEqual(stepped.spikes.neurons);
    expect(leaping.spikes.cycles).toEqual(stepped.spikes.cycles);
    expect(membranes(leaping.core)).toEqual(membranes(stepped.core));
  }, 60_000);
});
