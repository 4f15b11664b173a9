import { AtomicNeuronOnDLS, CapMemBlockOnDLS, CapMemCellOnDLS, type NeuronParameter, type SharedCapMemCell, type GlobalCapMemCell } from '@bss2/coords';
import { FPGA_CYCLES_PER_US } from '@bss2/link';
import { PlaybackProgramBuilder, type ContainerTicket, type PlaybackProgram } from '@bss2/playback';
import { Chip, containers, type AnyContainer } from '@bss2/regs';

// `bss2 run program.json`: an experiment written as JSON instead of code. Steps run in order; writes name a
// container of docs/registers.md and give only the fields they change (the rest keeps the value this program
// last wrote, or the reset value). The format is documented in docs/run-json.md.

/** A mistake in a JSON program: which step, what was wrong, what is allowed. */
export class ProgramJsonError extends Error {
  override readonly name = 'ProgramJsonError';
  readonly code = 'invalid-program-json';
  constructor(
    message: string,
    readonly step?: number,
  ) {
    super(step === undefined ? message : `step ${step}: ${message}`);
  }
}

export interface JsonRunOptions {
  readonly identity?: string;
  readonly fidelity?: 'ideal' | 'analog';
}

export interface JsonRead {
  readonly step: number;
  readonly container: string;
  readonly coord: number;
  readonly ticket: ContainerTicket<unknown>;
}

export interface JsonProgram {
  readonly options: JsonRunOptions;
  readonly program: PlaybackProgram;
  readonly reads: readonly JsonRead[];
}

type Step = Record<string, unknown>;

const STEP_KINDS = ['write', 'read', 'timerReset', 'waitUntilUs', 'waitUntilCycles', 'spikes', 'barrier'] as const;

export function parseProgramJson(text: string): JsonProgram {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ProgramJsonError(`not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(document) || !Array.isArray(document['steps'])) {
    throw new ProgramJsonError('expected an object with a "steps" array (see docs/run-json.md)');
  }
  const options = parseOptions(document);
  const builder = new PlaybackProgramBuilder();
  const written = new Chip();
  const reads: JsonRead[] = [];
  document['steps'].forEach((step: unknown, index: number) => {
    if (!isObject(step)) throw new ProgramJsonError('a step must be an object', index);
    const kind = STEP_KINDS.find((k) => k in step);
    if (kind === undefined) throw new ProgramJsonError(`unknown step; expected one of ${STEP_KINDS.join(', ')}`, index);
    try {
      applyStep(kind, step, builder, written, reads, index);
    } catch (error) {
      if (error instanceof ProgramJsonError) throw error;
      throw new ProgramJsonError((error as Error).message, index);
    }
  });
  return { options, program: builder.done(), reads };
}

function applyStep(kind: (typeof STEP_KINDS)[number], step: Step, builder: PlaybackProgramBuilder, written: Chip, reads: JsonRead[], index: number): void {
  switch (kind) {
    case 'write': {
      const type = containerNamed(step['write']);
      const coord = coordinate(type, step['coord']);
      const changes = step['value'];
      if (!isObject(changes)) throw new Error('"value" must be an object of field values');
      const previous = type.kind === 'config' ? written.get(type, coord) : type.defaults();
      const value = type.modify(previous, changes);
      if (type.kind === 'config') written.set(type, coord, value);
      builder.write(type, coord, value);
      return;
    }
    case 'read': {
      const type = containerNamed(step['read']);
      const coord = coordinate(type, step['coord']);
      reads.push({ step: index, container: type.name, coord, ticket: builder.read(type, coord) as ContainerTicket<unknown> });
      return;
    }
    case 'timerReset':
      builder.timerReset();
      return;
    case 'waitUntilUs':
      builder.waitUntil(Math.round(number(step['waitUntilUs'], 'waitUntilUs') * FPGA_CYCLES_PER_US));
      return;
    case 'waitUntilCycles':
      builder.waitUntil(number(step['waitUntilCycles'], 'waitUntilCycles'));
      return;
    case 'spikes': {
      const spikes = step['spikes'];
      if (!Array.isArray(spikes)) throw new Error('"spikes" must be an array of {label, atUs | atCycles}');
      const labels = spikes.map((s: unknown) => number(isObject(s) ? s['label'] : undefined, 'label'));
      const cycles = spikes.map((s: unknown) => spikeCycle(s));
      builder.injectSpikes(labels, cycles);
      return;
    }
    case 'barrier':
      builder.barrier();
      return;
  }
}

function parseOptions(document: Record<string, unknown>): JsonRunOptions {
  const { identity, fidelity } = document;
  if (identity !== undefined && typeof identity !== 'string') throw new ProgramJsonError('"identity" must be a string');
  if (fidelity !== undefined && fidelity !== 'ideal' && fidelity !== 'analog') throw new ProgramJsonError('"fidelity" must be "ideal" or "analog"');
  return { identity, fidelity };
}

function containerNamed(name: unknown): AnyContainer {
  const type = containers.find((c) => c.name === name);
  if (type === undefined) throw new Error(`unknown container ${JSON.stringify(name)}; see docs/registers.md for the names`);
  return type;
}

/** A coordinate: its enum value, or for CapMemCell {neuron, parameter} / {block, shared} / {global}. */
function coordinate(type: AnyContainer, value: unknown): number {
  if (typeof value === 'number') return type.coord(value);
  if (value === undefined && type.coord.size === 1) return type.coord(0);
  if (type.name === 'CapMemCell' && isObject(value)) {
    if ('neuron' in value) return CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(number(value['neuron'], 'neuron')), value['parameter'] as NeuronParameter);
    if ('shared' in value) return CapMemCellOnDLS.ofShared(CapMemBlockOnDLS(number(value['block'], 'block')), value['shared'] as SharedCapMemCell);
    if ('global' in value) return CapMemCellOnDLS.ofGlobal(value['global'] as GlobalCapMemCell);
  }
  throw new Error(`"coord" must be a ${type.coord.coordName} number 0..${type.coord.size - 1}${type.name === 'CapMemCell' ? ' or {neuron, parameter} / {block, shared} / {global}' : ''}`);
}

function spikeCycle(spike: unknown): number {
  if (!isObject(spike)) throw new Error('a spike must be an object {label, atUs | atCycles}');
  if ('atCycles' in spike) return number(spike['atCycles'], 'atCycles');
  return Math.round(number(spike['atUs'], 'atUs') * FPGA_CYCLES_PER_US);
}

function number(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`"${what}" must be a number, got ${JSON.stringify(value)}`);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
