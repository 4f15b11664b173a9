import {
  CADCChannelType,
  CADCReadoutType,
  CADCSampleQuadOnDLS,
  CommonNeuronBackendConfigOnDLS,
  PADIEventOnDLS,
  SynapseQuadColumnOnDLS,
  SynapseQuadOnDLS,
  SynapseQuadOnSynram,
  SynapseRowOnSynram,
  SynramOnDLS,
} from '@bss2/coords';
import { PlaybackProgramBuilder, type Connection, type ContainerTicket } from '@bss2/playback';
import { CADCSampleQuad, CommonNeuronBackendConfig, PADIEvent, SynapseQuad, type ContainerValue } from '@bss2/regs';

// Test support (not exported): a MAC measured the way a user would run one, written without the calibration's
// own measurement code. Weights: every synapse of the drivers' top (excitatory) rows at `weight`, bottom rows
// 0. One event per driver with its activation; reset by forceReset; the causal CADC channel of every column
// read `readDelayUs` after the last event. Result per neuron: mean MAC read, mean baseline read (all
// activations 0, same timing), gain = (MAC − baseline) / Σ activation·weight.

export interface IndependentMac {
  readonly baseline: Float64Array;
  readonly gain: Float64Array;
}

/** A fixed activation vector 0..31 per driver (xorshift32, seed 7), different from the calibration's. */
export function testActivations(): Uint8Array {
  let state = 7;
  return Uint8Array.from({ length: 256 }, () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % 32;
  });
}

export function writeTestWeights(builder: PlaybackProgramBuilder, weight: number): void {
  for (const synram of [0, 1]) {
    for (let row = 0; row < 256; row++) {
      const w = row % 2 === 1 ? weight : 0; // row 2d + 1 is the driver's top row
      for (let q = 0; q < 64; q++) {
        builder.write(SynapseQuad, SynapseQuadOnDLS.of(SynramOnDLS(synram), SynapseRowOnSynram(row), SynapseQuadColumnOnDLS(q)), {
          weights: [w, w, w, w],
          labels: [0, 0, 0, 0],
          timeCalibs: [0, 0, 0, 0],
          ampCalibs: [0, 0, 0, 0],
        });
      }
    }
  }
}

type Ticket = ContainerTicket<ContainerValue<typeof CADCSampleQuad>>;

function run(builder: PlaybackProgramBuilder, activations: Uint8Array, readDelayUs: number): Ticket[] {
  for (const on of [true, false]) {
    for (const block of [0, 1]) builder.write(CommonNeuronBackendConfig, CommonNeuronBackendConfigOnDLS(block), { ...CommonNeuronBackendConfig.defaults(), forceReset: on });
    if (on) builder.timerReset().waitUntil(250);
  }
  for (let d = 0; d < 256; d++) {
    const fireBus = [0, 1, 2, 3].map((b) => b === d % 4) as [boolean, boolean, boolean, boolean];
    builder.write(PADIEvent, PADIEventOnDLS(d >> 7), { fireBus, eventAddress: activations[d] as number, rowSelectAddress: (d % 128) >> 2 });
  }
  builder.timerReset().waitUntil(Math.round(readDelayUs * 125));
  const tickets: Ticket[] = [];
  for (const synram of [0, 1]) {
    for (let q = 0; q < 64; q++) {
      const readout = q === 0 ? CADCReadoutType.triggerRead : CADCReadoutType.buffered;
      tickets.push(builder.read(CADCSampleQuad, CADCSampleQuadOnDLS.of(SynramOnDLS(synram), readout, CADCChannelType.causal, SynapseQuadOnSynram(q))));
    }
  }
  return tickets;
}

function neuronsOf(tickets: Ticket[]): Float64Array {
  const out = new Float64Array(512);
  tickets.forEach((ticket, i) => ticket.get().samples.forEach((sample, e) => (out[i * 4 + e] = sample)));
  return out;
}

export async function measureIndependentMac(connection: Connection, weight: number, readDelayUs: number, repeats: number): Promise<IndependentMac> {
  const activations = testActivations();
  const zero = new Uint8Array(256);
  const builder = new PlaybackProgramBuilder();
  writeTestWeights(builder, weight);
  // 50 µs between runs: the membrane noise is correlated over τ_mem (60 µs, reference §10.6).
  const runs = Array.from({ length: repeats }, () => {
    builder.timerReset().waitUntil(50 * 125);
    return { base: run(builder, zero, readDelayUs), mac: run(builder, activations, readDelayUs) };
  });
  await connection.run(builder.done());
  const baseline = new Float64Array(512);
  const mac = new Float64Array(512);
  for (const r of runs) {
    neuronsOf(r.base).forEach((v, n) => (baseline[n] = (baseline[n] as number) + v / repeats));
    neuronsOf(r.mac).forEach((v, n) => (mac[n] = (mac[n] as number) + v / repeats));
  }
  // Each neuron sees the activations of its own hemisphere's 128 drivers, through their top rows.
  const units = [0, 1].map((h) => activations.slice(h * 128, h * 128 + 128).reduce((s, a) => s + a * weight, 0));
  return { baseline, gain: mac.map((m, n) => (m - (baseline[n] as number)) / (units[n >> 8] as number)) };
}

export function stats(values: ArrayLike<number>): { mean: number; std: number; cv: number } {
  const xs = Array.from(values);
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const std = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
  return { mean, std, cv: std / mean };
}
