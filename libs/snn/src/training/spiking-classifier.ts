import { max, Module, mul, Rng, surrogate, Tensor, unterjubel } from '@bss2/autograd';
import type { AtomicNeuronOnDLS } from '@bss2/coords';
import type { Experiment } from '../experiment.js';
import type { NeuronHandle } from '../handles.js';
import { InputNeuron } from '../modules/input-neuron.js';
import { LI } from '../modules/li.js';
import { LIF } from '../modules/lif.js';
import type { NeuronHardwareParameters } from '../modules/neuron-parameters.js';
import { Synapse } from '../modules/synapse.js';
import { run } from '../run.js';
import { checkInteger } from '../snn-error.js';

/** Sizes, neurons and initialisation of an inputs → LIF → LI classifier (hxtorch's Yin-Yang `Model`, §6.7). */
export interface ClassifierShape {
  readonly inputs: number;
  readonly hidden: number;
  readonly outputs: number;
  readonly tauMemUs: number;
  readonly tauSynUs: number;
  /** Normal initialisation (mean, std) of the input → hidden and hidden → readout weights. */
  readonly weightInitHidden: readonly [number, number];
  readonly weightInitOutput: readonly [number, number];
}

/** What the surrogate-gradient classifier adds to its shape: the surrogate and the hardware mapping (§6.3–§6.5). */
export interface ClassifierSettings extends ClassifierShape {
  /** SuperSpike steepness of the hidden layer. */
  readonly alpha: number;
  /** linear_saturating scale to hardware weights (§6.5). */
  readonly weightScale: number;
  /** Model units per CADC LSB of both layers' traces. */
  readonly traceScale: number;
  /** Factor on the decoded scores, applied to the values only (hxtorch multiplies them under `no_grad`). */
  readonly readoutScale: number;
  /**
   * Each input channel fed this many times (hxtorch: 1 in mock mode, 5 on hardware, where one synapse saturates at
   * 63/weightScale and the repetitions multiply the reachable input strength). Repeated channels start with equal
   * weights, as hxtorch's `w.repeat(1, input_repetitions)`.
   */
  readonly inputRepetitions: number;
  /** Readout neurons (hxtorch's Yin-Yang: row 1, columns 0..2), or null for no constraint. */
  readonly readoutPlacement: readonly AtomicNeuronOnDLS[] | null;
  /** The hardware halves of both layers' neuron parameters: what a calibrating backend calibrates to (§6.6). */
  readonly hardware: Partial<NeuronHardwareParameters>;
  /** Neuron circuits per hidden and readout neuron on a hardware backend (2: top and bottom of a column joined). */
  readonly circuits: 1 | 2;
}

/**
 * hxtorch's `SNN` + `Model` of the Yin-Yang example, for any input count: inputs → LIF hidden layer → LI readout,
 * decoded as the maximum over time of the readout membrane (§6.7). Both layers reset to 0 and fire at 1 in model
 * units; the LIF keeps §6.3's 1 µs refractory time.
 */
export class SpikingClassifier extends Module {
  readonly input: InputNeuron;
  readonly linearHidden: Synapse;
  readonly lifHidden: LIF;
  readonly linearOutput: Synapse;
  readonly liReadout: LI;
  /** The hidden layer's handle of the last forward (for spike regularisation and rasters). */
  hiddenHandle: NeuronHandle | null = null;

  constructor(readonly experiment: Experiment, readonly settings: ClassifierSettings, rng: Rng) {
    super();
    const { inputs, hidden, outputs, tauMemUs, tauSynUs, weightScale, traceScale, inputRepetitions, hardware, circuits } = settings;
    checkInteger('SpikingClassifier', 'inputRepetitions', inputRepetitions, 1);
    const channels = inputs * inputRepetitions;
    this.input = new InputNeuron(channels, experiment, { name: 'input' });
    const [hiddenMean, hiddenStd] = settings.weightInitHidden;
    this.linearHidden = new Synapse(channels, hidden, experiment, { name: 'linearHidden', weightScale, initMean: hiddenMean, initStd: hiddenStd, rng });
    const weights = this.linearHidden.weight.data;
    for (let n = 0; n < hidden; n++) {
      for (let c = inputs; c < channels; c++) weights[n * channels + c] = weights[n * channels + (c % inputs)]!;
    }
    this.lifHidden = new LIF(hidden, experiment, {
      name: 'lifHidden', tauMemUs, tauSynUs, leak: 0, reset: 0, threshold: 1, surrogate: surrogate('superspike', settings.alpha),
      hardware, traceScale, traceOffsetCadc: 'first-sample', circuits,
    });
    const [outputMean, outputStd] = settings.weightInitOutput;
    this.linearOutput = new Synapse(hidden, outputs, experiment, { name: 'linearOutput', weightScale, initMean: outputMean, initStd: outputStd, rng });
    this.liReadout = new LI(outputs, experiment, {
      name: 'liReadout', tauMemUs, tauSynUs, leak: 0, hardware, traceScale, traceOffsetCadc: 'first-sample', circuits,
      ...(settings.readoutPlacement && { placement: settings.readoutPlacement }),
    });
  }

  /**
   * Scores `[batch, outputs]` of input spikes `[steps, batch, inputs]`: max over time of the readout membrane, the
   * value scaled by `readoutScale` while the gradient passes unscaled, as hxtorch's in-place `no_grad` multiply.
   */
  async forward(spikes: Tensor): Promise<Tensor> {
    const { hidden, readout } = this.record(spikes);
    await run(this.experiment, spikes.shape[0]!);
    this.hiddenHandle = hidden;
    const decoded = max(readout.membraneCadc, 0);
    return unterjubel(decoded, mul(decoded.detach(), this.settings.readoutScale));
  }

  /**
   * Records the graph on input spikes `[steps, batch, inputs]` (repeated as the settings ask) and returns the
   * hidden and readout handles, filled by the next `run(experiment, steps)`.
   */
  record(spikes: Tensor): { hidden: NeuronHandle; readout: NeuronHandle } {
    const hidden = this.lifHidden.forward(this.linearHidden.forward(this.input.forward(repeatChannels(spikes, this.settings.inputRepetitions))));
    return { hidden, readout: this.liReadout.forward(this.linearOutput.forward(hidden)) };
  }
}

/** `[steps, batch, inputs]` → `[steps, batch, inputs · repetitions]`, channel c carrying input c mod inputs. */
export function repeatChannels(spikes: Tensor, repetitions: number): Tensor {
  if (repetitions === 1) return spikes;
  const [steps, batch, inputs] = spikes.shape as [number, number, number];
  const out = new Float32Array(steps * batch * inputs * repetitions);
  for (let row = 0; row < steps * batch; row++) {
    for (let r = 0; r < repetitions; r++) out.set(spikes.data.subarray(row * inputs, (row + 1) * inputs), (row * repetitions + r) * inputs);
  }
  return new Tensor(out, [steps, batch, inputs * repetitions]);
}
