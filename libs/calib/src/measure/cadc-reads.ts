import { CADCChannelType, CADCReadoutType, CADCSampleQuadOnDLS, SynapseQuadOnSynram, SynramOnDLS } from '@bss2/coords';
import type { ContainerTicket, PlaybackProgramBuilder } from '@bss2/playback';
import { CADCSampleQuad, type ContainerValue } from '@bss2/regs';

// Host reads of all CADC channels (reference §3.1): per CADC and channel type, a triggered read of the first
// quad converts the whole row at once, the other 63 quads are read from the buffer (haldls CADCSampleQuad
// triggered/buffered). 2 × 2 × 64 omnibus reads per conversion of all 1024 channels.

/** Channels: CADCChannelOnDLS order, `cadc · 512 + type · 256 + column`. */
export const CADC_CHANNELS = 1024;
const QUADS_PER_ROW = 64;

type SampleTicket = ContainerTicket<ContainerValue<typeof CADCSampleQuad>>;

/**
 * Appends `repeats` conversions of every channel (row `row`: the correlation channels' row; neuron and debug
 * channels ignore it), `spacingCycles` apart (so that membrane noise, correlated over τ_mem, averages out), and
 * returns a function that, after the program ran, gives each channel's mean (or largest) read.
 */
export function readAllCadcChannels(
  builder: PlaybackProgramBuilder,
  repeats = 1,
  options: { readonly row?: number; readonly spacingCycles?: number; readonly reduce?: 'mean' | 'max' } = {},
): () => Float64Array {
  const row = options.row ?? 0;
  const tickets: SampleTicket[] = [];
  for (let r = 0; r < repeats; r++) {
    if (r > 0 && options.spacingCycles !== undefined) builder.timerReset().waitUntil(options.spacingCycles);
    for (const synram of [0, 1]) {
      for (const type of [CADCChannelType.causal, CADCChannelType.acausal]) {
        for (let q = 0; q < QUADS_PER_ROW; q++) {
          const readout = q === 0 ? CADCReadoutType.triggerRead : CADCReadoutType.buffered;
          const quad = SynapseQuadOnSynram(row * QUADS_PER_ROW + q);
          tickets.push(builder.read(CADCSampleQuad, CADCSampleQuadOnDLS.of(SynramOnDLS(synram), readout, type, quad)));
        }
      }
    }
  }
  const max = options.reduce === 'max';
  return () => {
    const out = new Float64Array(CADC_CHANNELS).fill(max ? -Infinity : 0);
    tickets.forEach((ticket, i) => {
      const first = (i % (CADC_CHANNELS / 4)) * 4;
      ticket.get().samples.forEach((sample, e) => {
        out[first + e] = max ? Math.max(out[first + e] as number, sample) : (out[first + e] as number) + sample;
      });
    });
    return max ? out : out.map((sum) => sum / repeats);
  };
}

/** The causal-channel reads of the 512 neurons (neuron n = CADC n / 256, column n mod 256). */
export function neuronChannels(channels: Float64Array): Float64Array {
  const out = new Float64Array(512);
  for (let n = 0; n < 512; n++) out[n] = channels[(n >> 8) * 512 + (n & 255)] as number;
  return out;
}
