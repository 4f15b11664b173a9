import { max, noGrad, Rng, type Tensor } from '@bss2/autograd';
import type { EventPropClassifier } from '../eventprop/eventprop-classifier.js';
import type { ChipObservation } from '../eventprop/eventprop-op.js';
import type { Experiment } from '../experiment.js';
import { run } from '../run.js';
import { fitToHardwareRange, HARDWARE_WEIGHT_MAX } from '../weight-transform.js';
import { SpikingClassifier, type ClassifierSettings } from './spiking-classifier.js';

/**
 * The chip side of EventProp with hardware in the loop: an `EventPropClassifier`'s weights on a
 * `SpikingClassifier` mapped to the experiment's backend — the surrogate trainer's hardware settings (weight scale,
 * input repetitions, circuits per neuron, calibration targets), so both methods run the same network on the chip.
 * Each batch runs there once; what comes back is what `eventPropScoresOnChip` needs: the hidden spikes at their
 * event timestamps and the readout's maximum over its CADC trace.
 */
export class EventPropChip {
  readonly chipNetwork: SpikingClassifier;

  /**
   * The hidden neurons keep §6.3's 1 µs refractory time, which EventProp's model lacks (Wunderlich & Pehle 2021):
   * the chip drops some of the model's quick re-firings. At one count of the refractory counter instead, the
   * calibrated analog twin fired ~25 % more and learned worse (41 % against 54 % after 1000 Yin-Yang samples).
   */
  constructor(readonly experiment: Experiment, readonly settings: ClassifierSettings) {
    // The chip network's own weights are overwritten before every run; its initialisation draws are discarded.
    this.chipNetwork = new SpikingClassifier(experiment, settings, new Rng(0));
  }

  /**
   * hxtorch's example before every hardware batch (§6.7, `fitToHardwareRange`) on the model's weights: each hidden
   * weight clamped to what its repeated synapses hold together (repetitions · 63 / weight scale).
   */
  fitHardwareRange(model: EventPropClassifier): void {
    const { inputRepetitions, weightScale } = this.settings;
    const limit = (inputRepetitions * HARDWARE_WEIGHT_MAX) / weightScale;
    this.chipNetwork.linearOutput.setWeightScale(fitToHardwareRange(model.weightHidden.data, limit, model.weightOutput.data, weightScale));
  }

  /** Runs input spikes `[steps, batch, inputs]` on the chip with the model's weights; each repeated input carries 1/R of its weight. */
  async observe(model: EventPropClassifier, spikes: Tensor): Promise<ChipObservation> {
    const { inputs, hidden, inputRepetitions } = this.settings;
    const channels = inputs * inputRepetitions;
    const chipHidden = this.chipNetwork.linearHidden.weight.data;
    const modelHidden = model.weightHidden.data;
    for (let n = 0; n < hidden; n++) {
      for (let c = 0; c < channels; c++) chipHidden[n * channels + c] = modelHidden[n * inputs + (c % inputs)]! / inputRepetitions;
    }
    this.chipNetwork.linearOutput.weight.data.set(model.weightOutput.data);
    const [steps, batch] = spikes.shape as [number, number, number];
    const handles = noGrad(() => this.chipNetwork.record(spikes));
    await noGrad(() => run(this.experiment, steps));
    const { offsets, timesUs, indices } = handles.hidden.spikeTimes;
    // The readout's maximum over time, as `SpikingClassifier.forward` decodes it.
    return { hiddenSpikes: { batch, offsets, timesUs, sources: indices }, scores: noGrad(() => max(handles.readout.membraneCadc, 0)).data };
  }
}

