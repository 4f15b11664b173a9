import {
  AtomicNeuronOnDLS,
  CADCChannelType,
  CADCReadoutType,
  CADCSampleQuadOnDLS,
  SynapseQuadOnSynram,
  SynramOnDLS,
} from '@bss2/coords';
import type { ContainerTicket, PlaybackProgramBuilder, RunResult } from '@bss2/playback';
import { CADCSampleQuad, type ContainerValue } from '@bss2/regs';
import { SnnError } from '../snn-error.js';
import type { ExecutionRequest, PopulationObservation, SpikeTimes } from './backend.js';

type SampleTicket = ContainerTicket<ContainerValue<typeof CADCSampleQuad>>;

/** Where each batch sample's time window lies on the playback timer (FPGA cycles). */
export interface WindowTiming {
  /** Cycles per time step dt. */
  readonly dtCycles: number;
  /** Cycles before each window in which the previous sample's membranes and currents decay back to rest. */
  readonly gapCycles: number;
  /** Timer value the first gap starts at (after the CapMem settled, if it had to). */
  readonly startCycles: number;
}

/** A population whose membrane the CADC samples: its chip neurons, in population order. */
export interface RecordedMembrane {
  readonly id: number;
  readonly neurons: readonly AtomicNeuronOnDLS[];
}

/** The CADC quads to read every step, and where each recorded neuron's sample is among them. */
export interface CadcPlan {
  /** Per synram, its quads (the first one is read triggered, the rest buffered). */
  readonly quads: readonly (readonly { readonly synram: SynramOnDLS; readonly quad: number }[])[];
  /** Reads per step (one FPGA cycle each, libs/chip README). */
  readonly readsPerStep: number;
  /** Population id → per neuron [index into the flat read list of a step, entry on the quad]. */
  readonly slots: ReadonlyMap<number, readonly (readonly [number, number])[]>;
}

/**
 * Only the quads holding recorded neurons are read (reads cost one cycle each): hxtorch's CADC recording of
 * §6.2, sampled by the host instead of the PPU's recorder.
 */
export function planCadcReads(recorded: readonly RecordedMembrane[]): CadcPlan {
  const perSynram = SynramOnDLS.all().map(() => new Set<number>());
  for (const { neurons } of recorded) {
    for (const n of neurons) perSynram[AtomicNeuronOnDLS.toSynramOnDLS(n)]!.add(AtomicNeuronOnDLS.toNeuronColumnOnDLS(n) >> 2);
  }
  const quads = perSynram.map((set, synram) => [...set].sort((a, b) => a - b).map((quad) => ({ synram: SynramOnDLS(synram), quad })));
  const flat = quads.flat();
  const index = new Map(flat.map(({ synram, quad }, k) => [synram * 64 + quad, k]));
  const slots = new Map(
    recorded.map(({ id, neurons }) => [
      id,
      neurons.map((n): [number, number] => {
        const column = AtomicNeuronOnDLS.toNeuronColumnOnDLS(n);
        return [index.get(AtomicNeuronOnDLS.toSynramOnDLS(n) * 64 + (column >> 2))!, column & 3];
      }),
    ]),
  );
  return { quads, readsPerStep: flat.length, slots };
}

/** Timer value of step 0 of batch sample `b`. */
export function windowStart(timing: WindowTiming, steps: number, b: number): number {
  return timing.startCycles + timing.gapCycles + b * (timing.gapCycles + steps * timing.dtCycles);
}

/**
 * Appends one window per batch sample: after a gap, the membranes are sampled at every step t just before
 * t · dt (the reads end at the step's time: the mock's v_t is the membrane before step t's input acts, §6.4),
 * then the input labels of step t are injected at exactly t · dt. Returns the tickets, `[steps, batch, reads]`.
 */
export function appendWindows(
  builder: PlaybackProgramBuilder,
  request: ExecutionRequest,
  inputLabels: ReadonlyMap<number, readonly (readonly number[])[]>,
  cadc: CadcPlan,
  timing: WindowTiming,
): SampleTicket[] {
  const { steps, batch } = request;
  const reads = cadc.readsPerStep;
  if (reads >= timing.dtCycles) {
    throw new SnnError('out-of-range', `twin backend: ${reads} CADC quad reads per step do not fit dt = ${timing.dtCycles} FPGA cycles`, 'dtUs', request.dtUs, `> ${reads / 125} µs, or record fewer membranes`);
  }
  const tickets: SampleTicket[] = new Array<SampleTicket>(steps * batch * reads);
  const labels: number[] = [];
  for (let b = 0; b < batch; b++) {
    const start = windowStart(timing, steps, b);
    for (let t = 0; t < steps; t++) {
      const at = start + t * timing.dtCycles;
      if (reads > 0) {
        builder.waitUntil(at - reads);
        let k = (t * batch + b) * reads;
        // Trigger every synram's conversion first, so all recorded neurons are sampled within a cycle or two.
        for (const synramQuads of cadc.quads) {
          synramQuads.forEach(({ synram, quad }, q) => {
            const type = q === 0 ? CADCReadoutType.triggerRead : CADCReadoutType.buffered;
            tickets[k++] = builder.read(CADCSampleQuad, CADCSampleQuadOnDLS.of(synram, type, CADCChannelType.causal, SynapseQuadOnSynram(quad)));
          });
        }
      }
      labels.length = 0;
      for (const [id, spikes] of request.inputSpikes) {
        const size = spikes.shape[2]!;
        const row = (t * batch + b) * size;
        const table = inputLabels.get(id)!;
        for (let i = 0; i < size; i++) if (spikes.data[row + i] !== 0) labels.push(...table[i]!);
      }
      if (labels.length > 0) builder.injectSpikes(labels, new Array<number>(labels.length).fill(at));
    }
  }
  // One step past the last window, so its last spikes are recorded.
  builder.waitUntil(windowStart(timing, steps, batch - 1) + (steps + 1) * timing.dtCycles);
  return tickets;
}

/** A recorded spike label → (population id, index), or undefined for labels no population neuron sends. */
export type SpikeDecoder = (label: number) => { readonly id: number; readonly index: number } | undefined;

/**
 * Spikes binned onto the dt grid: a neuron crossing threshold in ((t − 1) · dt, t · dt] of its window is a spike
 * at step t, as the mock's v'_t > threshold (§6.4); the twin records it one cycle after the crossing (libs/chip
 * README, spike latency).
 */
export function binSpikes(result: RunResult, decode: SpikeDecoder, sizes: ReadonlyMap<number, number>, request: ExecutionRequest, timing: WindowTiming): Map<number, Float32Array> {
  const { steps, batch } = request;
  const out = new Map([...sizes].map(([id, size]) => [id, new Float32Array(steps * batch * size)]));
  const D = timing.dtCycles;
  forEachWindowSpike(result, decode, request, timing, (id, index, b, relCycles) => {
    const spikes = out.get(id);
    if (!spikes) return;
    const t = Math.max(0, Math.ceil(relCycles / D));
    spikes[(t * batch + b) * sizes.get(id)! + index] = 1;
  });
  return out;
}

/**
 * The same spikes in continuous time: the crossing one cycle before the recorded event (the twin's spike latency),
 * counted from the sample's step 0, per sample sorted by time (ties by neuron).
 */
export function timeSpikes(result: RunResult, decode: SpikeDecoder, sizes: ReadonlyMap<number, number>, request: ExecutionRequest, timing: WindowTiming): Map<number, SpikeTimes> {
  const found = new Map([...sizes.keys()].map((id) => [id, [] as { b: number; timeUs: number; index: number }[]]));
  const usPerCycle = request.dtUs / timing.dtCycles;
  forEachWindowSpike(result, decode, request, timing, (id, index, b, relCycles) => {
    found.get(id)?.push({ b, timeUs: Math.max(0, relCycles) * usPerCycle, index });
  });
  const out = new Map<number, SpikeTimes>();
  for (const [id, spikes] of found) {
    spikes.sort((x, y) => x.b - y.b || x.timeUs - y.timeUs || x.index - y.index);
    const offsets = new Int32Array(request.batch + 1);
    for (const { b } of spikes) offsets[b + 1]!++;
    for (let b = 0; b < request.batch; b++) offsets[b + 1]! += offsets[b]!;
    out.set(id, { offsets, timesUs: Float64Array.from(spikes, (x) => x.timeUs), indices: Int32Array.from(spikes, (x) => x.index) });
  }
  return out;
}

/** Each recorded spike of a population neuron inside a sample's window: its source, sample and cycles after step 0. */
function forEachWindowSpike(
  result: RunResult, decode: SpikeDecoder, request: ExecutionRequest, timing: WindowTiming,
  visit: (id: number, index: number, b: number, relCycles: number) => void,
): void {
  const { steps, batch } = request;
  const D = timing.dtCycles;
  const period = timing.gapCycles + steps * D;
  for (const { label, cycles } of result.spikes) {
    const source = decode(label);
    if (!source) continue;
    const u = cycles - 1 - timing.startCycles - timing.gapCycles;
    const b = Math.floor((u + D - 1) / period);
    const rel = u - b * period;
    if (b < 0 || b >= batch || rel >= steps * D) continue;
    visit(source.id, source.index, b, rel);
  }
}

/** The CADC samples of each recorded population, `[steps, batch, size]` in raw LSB. */
export function collectMembranes(tickets: readonly SampleTicket[], cadc: CadcPlan, request: ExecutionRequest): Map<number, Float32Array> {
  const rows = request.steps * request.batch;
  const reads = cadc.readsPerStep;
  const traces = [...cadc.slots].map(([id, slots]) => ({ id, slots, trace: new Float32Array(rows * slots.length) }));
  // Each quad decoded once per row, not once per neuron on it.
  const quads = new Array<readonly number[]>(reads);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < reads; k++) quads[k] = tickets[r * reads + k]!.get().samples;
    for (const { slots, trace } of traces) {
      const size = slots.length;
      for (let i = 0; i < size; i++) {
        const [k, entry] = slots[i]!;
        trace[r * size + i] = quads[k]![entry]!;
      }
    }
  }
  return new Map(traces.map(({ id, trace }) => [id, trace]));
}

/** Both observables per non-input population, as the `SnnBackend` contract asks, and the spikes' times. */
export function observations(
  spikes: ReadonlyMap<number, Float32Array>, membranes: ReadonlyMap<number, Float32Array>, spikeTimes: ReadonlyMap<number, SpikeTimes>,
): Map<number, PopulationObservation> {
  const out = new Map<number, PopulationObservation>();
  for (const id of new Set([...spikes.keys(), ...membranes.keys()])) {
    const s = spikes.get(id);
    const m = membranes.get(id);
    const t = spikeTimes.get(id);
    out.set(id, { ...(s && { spikes: s }), ...(m && { membraneCadc: m }), ...(t && { spikeTimes: t }) });
  }
  return out;
}
