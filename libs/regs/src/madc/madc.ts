import { MADCConfigOnDLS, MADCControlOnDLS } from '@bss2/coords';
import { defineContainer } from '../field-engine/define-container.js';
import { flag, uint } from '../field-engine/rows.js';
import { baseOf } from '../omnibus-address-map.js';

// Reference §3.2. Layouts, defaults and addresses from haldls src/haldls/vx/madc.cpp and
// include/haldls/vx/madc.h: MADCControl is the word at the MADC base, MADCConfig the ten words after it.

/** Static configuration of the membrane ADC and its input chain. */
export const MADCConfig = defineContainer({
  name: 'MADCConfig',
  coord: MADCConfigOnDLS,
  words: 10,
  kind: 'config',
  readable: true,
  base: () => baseOf('madc') + 1,
  addressing: 'madc + 1',
  ref: '§3.2',
  source: 'haldls src/haldls/vx/madc.cpp',
  doc: 'MADC sampling, preamplifier, clock scaling and input multiplexing.',
  fields: [
    uint('activeMuxInitiallySelectedInput', 0, 3, 1, 0, 'Mux input selected first (SourceMultiplexerOnReadoutSourceSelection)'),
    uint('activeMuxInputSelectLength', 0, 4, 4, 0, 'Samples taken per mux input before toggling'),
    uint('sampleDurationAdjust', 0, 8, 3, 5, 'Sample duration adjustment (summed with conversionCyclesOffset)'),
    flag('enableSarResetOnFall', 0, 11, 'SAR reset on the falling edge'),
    uint('sarResetWait', 0, 12, 2, 3, 'SAR reset wait'),
    uint('sarResetLength', 0, 14, 2, 0, 'SAR reset length'),
    uint('powerupWaitValue', 1, 0, 10, 96, 'MADC clock cycles spent waking up'),
    uint('conversionCyclesOffset', 1, 12, 4, 12, 'Conversion cycles offset'),
    uint('calibrationWaitValue', 2, 0, 10, 0, 'Self-calibration timing'),
    flag('enableCalibration', 2, 15, 'Self-calibration'),
    uint('numberOfSamples', 3, 0, 16, 0, 'Samples per recording'),
    uint('preampSamplingWindowStart', 4, 0, 5, 3, 'Preamp sampling window rising edge'),
    uint('preampSamplingWindowEnd', 4, 5, 5, 8, 'Preamp sampling window falling edge'),
    uint('iconvSamplingWindowStart', 5, 0, 5, 9, 'Current conversion sampling window rising edge'),
    uint('iconvSamplingWindowEnd', 5, 5, 5, 14, 'Current conversion sampling window falling edge'),
    flag('sampleOnPositiveEdge', 6, 0, 'Sample on the positive clock edge', true),
    flag('enableDummyData', 6, 1, 'Stream a sawtooth test pattern'),
    flag('connectPreampToMadc', 7, 0, 'Preamp output to the MADC', true),
    flag('connectPadsToMadc', 7, 1, 'Pads to the MADC input'),
    flag('connectPreampToPads', 7, 2, 'Preamp output to the pads'),
    uint('preampGainCapacitorSize', 7, 3, 5, 31, 'Preamp gain capacitor'),
    flag('enableMadcClockScaling', 8, 0, 'Clock scaling'),
    uint('madcClockScaleValue', 8, 1, 12, 0, 'Clock divider'),
    flag('enableActiveMuxAmplifiers', 9, 0, 'Active mux amplifiers', true),
    { name: 'enablePseudoDifferentialReference', word: 9, lsb: 1, width: 1, count: 2, stride: 1, type: 'bool', access: 'rw', reset: false, doc: 'Pseudo-differential reference of hemisphere i' },
    flag('signalSelectionConnectIconv', 9, 3, 'Current conversion to the preamp mux'),
    flag('signalSelectionConnectActiveMux', 9, 4, 'Active mux to the preamp mux', true),
    flag('signalSelectionConnectDebug', 9, 5, 'Debug lines to the preamp mux'),
    flag('signalSelectionConnectPreamp', 9, 6, 'Preamp to the preamp mux', true),
    flag('enableIconvAmplifier', 9, 7, 'Current conversion amplifier'),
    { name: 'connectIconvNeuron', word: 9, lsb: 8, width: 1, count: 2, stride: 1, type: 'bool', access: 'rw', reset: false, doc: 'Neuron access of hemisphere i to the current conversion' },
    flag('connectIconvSynapseInhibitory', 9, 10, 'Inhibitory synaptic debug line to the current conversion'),
    flag('connectIconvSynapseExcitatory', 9, 11, 'Excitatory synaptic debug line to the current conversion'),
  ],
});

/** Run control of the MADC: each write triggers the flagged actions. */
export const MADCControl = defineContainer({
  name: 'MADCControl',
  coord: MADCControlOnDLS,
  words: 1,
  kind: 'trigger',
  readable: false,
  base: () => baseOf('madc'),
  addressing: 'madc',
  ref: '§3.2',
  source: 'haldls src/haldls/vx/madc.cpp',
  doc: 'Write-only MADC state machine control (wake up, start, stop).',
  fields: [
    flag('wakeUp', 0, 0, 'Wake the MADC up', false, 'wo'),
    flag('startRecording', 0, 1, 'Start a recording', false, 'wo'),
    flag('stopRecording', 0, 2, 'Stop the recording', false, 'wo'),
    flag('enablePowerDownAfterSampling', 0, 3, 'Power down after the samples', false, 'wo'),
    flag('enableContinuousSampling', 0, 4, 'Sample until stopped', false, 'wo'),
    flag('enablePreAmplifier', 0, 5, 'Preamplifier', false, 'wo'),
    flag('enableIconvAmplifier', 0, 6, 'Current conversion amplifier', false, 'wo'),
  ],
});
