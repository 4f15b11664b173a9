import type { ClassifierSettings, ClassifierShape } from './spiking-classifier.js';

/** What both Yin-Yang networks (surrogate gradient, EventProp) share: hxtorch's sizes, neurons and initialisation (§6.7). */
export type YinYangShape = ClassifierShape;

/** The network settings of hxtorch's Yin-Yang example (reference §6.7; `yinyang.py` / `yinyang_model.py`). */
export type YinYangNetworkSettings = ClassifierSettings;

/**
 * The hardware halves of both layers' neuron parameters: what a calibrating backend calibrates to (§6.6). Leak,
 * reset and threshold as before at 80/80/150 CADC LSB, so one model unit is 70 LSB. C setting 9 (0.41 pF) with
 * gm 500 and a full-scale synapse DAC makes one hardware weight unit 1/64 of a model unit of synaptic input
 * (twin-codes `synapticGainCode` at τ_mem 6 µs: gm 497), the gain the software model assumes with weight scale 64.
 * §6.3's C 63 and DAC bias 600 give PSPs about 10× smaller on the twin (C 63 with DAC bias 1000, measured on the
 * calibrated analog twin: no hidden neuron fired, the accuracy stayed at chance).
 */
export const YIN_YANG_HARDWARE = { leakCadc: 80, resetCadc: 80, thresholdCadc: 150, membraneCapacitance: 9, iSynGm: 500, synapseDacBias: 1022 } as const;
