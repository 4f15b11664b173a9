import {
  AtomicNeuronOnDLS,
  CapMemCellOnDLS,
  CrossbarInputOnDLS,
  CrossbarNodeOnDLS,
  CrossbarOutputOnDLS,
  MADCConfigOnDLS,
  MADCControlOnDLS,
  type NeuronParameter,
} from '@bss2/coords';
import { ToFpgaWriter } from '@bss2/link';
import { PlaybackProgram, PlaybackProgramBuilder, type ContainerTicket } from '@bss2/playback';
import { CapMemCell, chipContainers, CrossbarNode, MADCConfig, MADCControl, NeuronBackendConfig, NeuronConfig, type AnyContainer } from '@bss2/regs';
import { valueArbitrary } from '@bss2/regs/test-support';
import fc from 'fast-check';

// Random playback programs for the remote tests: random legal writes to every configuration container,
// reads back, timed spike injection and waits, and (sometimes) a neuron driven to fire with its membrane on
// the MADC, so results carry spikes and samples as well as read words.

const readable = chipContainers.filter((c) => c.readable);

type Step =
  | { kind: 'write'; type: number; instance: number; value: Record<string, unknown> }
  | { kind: 'read'; type: number; instance: number }
  | { kind: 'spikes'; labels: number[]; times: number[] }
  | { kind: 'wait'; cycles: number };

export interface ProgramCase {
  /** Start with a chip reset (system.reset): keeps the state a sequence of random writes builds up bounded. */
  readonly reset: boolean;
  readonly firingNeuron: number | undefined;
  readonly steps: readonly Step[];
}

function instanceOf(type: AnyContainer): fc.Arbitrary<number> {
  return fc.nat({ max: type.coord.size - 1 });
}

const writeStep: fc.Arbitrary<Step> = fc
  .nat({ max: chipContainers.length - 1 })
  .chain((type) => fc.record({ kind: fc.constant('write' as const), type: fc.constant(type), instance: instanceOf(chipContainers[type] as AnyContainer), value: valueArbitrary(chipContainers[type] as AnyContainer) }));

const readStep: fc.Arbitrary<Step> = fc
  .nat({ max: readable.length - 1 })
  .chain((type) => fc.record({ kind: fc.constant('read' as const), type: fc.constant(type), instance: instanceOf(readable[type] as AnyContainer) }));

const spikeStep: fc.Arbitrary<Step> = fc
  .array(fc.tuple(fc.nat({ max: 0x3fff }), fc.nat({ max: 1_500 })), { minLength: 1, maxLength: 12 })
  .map((pairs) => ({ kind: 'spikes' as const, labels: pairs.map((p) => p[0]), times: pairs.map((p) => p[1]) }));

const waitStep: fc.Arbitrary<Step> = fc.nat({ max: 1_500 }).map((cycles) => ({ kind: 'wait' as const, cycles }));

export const programCaseArbitrary: fc.Arbitrary<ProgramCase> = fc.record({
  reset: fc.nat({ max: 3 }).map((n) => n === 0),
  firingNeuron: fc.option(fc.nat({ max: 511 }), { nil: undefined }),
  steps: fc.array(fc.oneof({ arbitrary: writeStep, weight: 3 }, { arbitrary: readStep, weight: 2 }, spikeStep, waitStep), { minLength: 1, maxLength: 12 }),
});

/** A neuron whose offset current makes it fire regularly, recorded by the MADC (after libs/chip's tests). */
function driveNeuron(builder: PlaybackProgramBuilder, index: number): void {
  const neuron = AtomicNeuronOnDLS(index);
  const capmem: Partial<Record<NeuronParameter, number>> = { v_leak: 300, v_reset: 250, v_threshold: 400, i_bias_leak: 200, i_mem_offset: 1000 };
  for (const [parameter, value] of Object.entries(capmem)) builder.write(CapMemCell, CapMemCellOnDLS.ofNeuron(neuron, parameter as NeuronParameter), { value });
  builder.write(NeuronConfig, neuron, NeuronConfig.modify(NeuronConfig.defaults(), { enFire: true, enThreshComp: true, memCapSize: 63, enMemOff: true, enReadout: true }));
  builder.write(NeuronBackendConfig, neuron, NeuronBackendConfig.modify(NeuronBackendConfig.defaults(), { addressOut: index % 64, refractoryTime: 40, enSpikeOut: true, enNeuronMaster: true }));
  builder.write(CrossbarNode, CrossbarNodeOnDLS.of(CrossbarInputOnDLS(Math.floor(index / 128) % 4), CrossbarOutputOnDLS(8 + (Math.floor(index / 128) % 4))), { mask: 0, target: 0, enableDropCounter: false });
  builder.write(MADCConfig, MADCConfigOnDLS(0), MADCConfig.modify(MADCConfig.defaults(), { numberOfSamples: 150 }));
  builder.timerReset();
  builder.write(MADCControl, MADCControlOnDLS(0), MADCControl.modify(MADCControl.defaults(), { wakeUp: true, startRecording: true }));
  builder.waitUntil(2_000);
}

/** The program of a case, and its tickets in read order. */
export function buildProgram(c: ProgramCase): { program: PlaybackProgram; tickets: ContainerTicket<unknown>[] } {
  const builder = new PlaybackProgramBuilder();
  if (c.firingNeuron !== undefined) driveNeuron(builder, c.firingNeuron);
  const tickets: ContainerTicket<unknown>[] = [];
  for (const step of c.steps) {
    if (step.kind === 'write') builder.write(chipContainers[step.type] as AnyContainer, step.instance, step.value);
    else if (step.kind === 'read') tickets.push(builder.read(readable[step.type] as AnyContainer, step.instance));
    else if (step.kind === 'spikes') builder.timerReset().injectSpikes(step.labels, step.times);
    else builder.timerReset().waitUntil(step.cycles);
  }
  const program = builder.done();
  if (!c.reset) return { program, tickets };
  const reset = new ToFpgaWriter().systemReset(1).finish();
  const bytes = new Uint8Array(reset.length + program.toFpga.length);
  bytes.set(reset);
  bytes.set(program.toFpga, reset.length);
  return { program: new PlaybackProgram(bytes, program.reads), tickets };
}

/** A small self-contained program: writes `value` (0..1022) into a CapMem cell and reads it back. */
export function smallProgram(value = 321): { program: PlaybackProgram; ticket: ContainerTicket<unknown> } {
  const builder = new PlaybackProgramBuilder();
  const cell = CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(value % 512), 'v_leak');
  builder.write(CapMemCell, cell, { value });
  const ticket = builder.read(CapMemCell, cell);
  return { program: builder.done(), ticket };
}

/** Makes all 512 neurons fire continuously, so that any later wait costs real simulation time. */
export function allNeuronsFiringProgram(): PlaybackProgram {
  return configureAllFiring(new PlaybackProgramBuilder()).done();
}

/** A wait on a chip configured by `allNeuronsFiringProgram`: ~20 µs of host time per cycle here (ideal). */
export function waitProgram(cycles: number): PlaybackProgram {
  return new PlaybackProgramBuilder().timerReset().waitUntil(cycles).done();
}

/** Both in one program: all neurons made to fire, then `cycles` of waiting; long on any chip, fresh or not. */
export function busyProgram(cycles: number): PlaybackProgram {
  return configureAllFiring(new PlaybackProgramBuilder()).timerReset().waitUntil(cycles).done();
}

function configureAllFiring(builder: PlaybackProgramBuilder): PlaybackProgramBuilder {
  const capmem: Partial<Record<NeuronParameter, number>> = { v_leak: 300, v_reset: 250, v_threshold: 400, i_bias_leak: 200, i_mem_offset: 1000 };
  for (const neuron of AtomicNeuronOnDLS.all()) {
    for (const [parameter, value] of Object.entries(capmem)) builder.write(CapMemCell, CapMemCellOnDLS.ofNeuron(neuron, parameter as NeuronParameter), { value });
    builder.write(NeuronConfig, neuron, NeuronConfig.modify(NeuronConfig.defaults(), { enFire: true, enThreshComp: true, memCapSize: 63, enMemOff: true }));
    builder.write(NeuronBackendConfig, neuron, NeuronBackendConfig.modify(NeuronBackendConfig.defaults(), { refractoryTime: 2, enSpikeOut: true, enNeuronMaster: true }));
  }
  return builder;
}
