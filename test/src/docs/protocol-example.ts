import { AtomicNeuronOnDLS, CrossbarInputOnDLS, CrossbarNodeOnDLS, CrossbarOutputOnDLS, SynapseQuadColumnOnDLS, SynapseQuadOnDLS, SynapseRowOnSynram, SynramOnDLS } from '@bss2/coords';
import { decodeFromFpga, decodeToFpga, FromFpgaWriter, PHYWORD_BYTES, writeTimedSpikes } from '@bss2/link';
import { PlaybackProgramBuilder, type PlaybackProgram } from '@bss2/playback';
import { addressToContainer, CrossbarNode, SpikeCounterRead, SynapseQuad } from '@bss2/regs';

/**
 * The worked example of docs/protocol.md, built with the public API: a short experiment program and a
 * response the FPGA could send for it. The doc's hex is checked against this, so it cannot go stale.
 */
export function exampleProgram(): PlaybackProgram {
  const builder = new PlaybackProgramBuilder()
    .timerReset()
    .write(CrossbarNode, CrossbarNodeOnDLS.of(CrossbarInputOnDLS(8), CrossbarOutputOnDLS(0)), { mask: 0x3fc0, target: 0, enableDropCounter: true })
    .write(SynapseQuad, SynapseQuadOnDLS.of(SynramOnDLS(0), SynapseRowOnSynram(1), SynapseQuadColumnOnDLS(0)), {
      weights: [63, 48, 32, 16],
      labels: [5, 5, 5, 5],
      timeCalibs: [0, 0, 0, 0],
      ampCalibs: [0, 0, 0, 0],
    })
    .injectSpikes([0x0005, 0x0005], [125, 250]);
  builder.read(SpikeCounterRead, AtomicNeuronOnDLS(0));
  return builder.barrier().done();
}

/** A response: neuron 0 (event output 0, address 0) spiked at cycles 140 and 262, and its counter reads 2. */
export function exampleResponse(): Uint8Array {
  const writer = new FromFpgaWriter();
  writeTimedSpikes(writer, [0x0000, 0x0000], [140, 262]);
  writer.omnibusData(SpikeCounterRead.encode({ count: 2, overflow: false })[0] as number);
  return writer.finish();
}

const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function describeMessage(m: Record<string, number | string>): string {
  const fields = Object.entries(m)
    .filter(([k]) => k !== 'type')
    .map(([k, v]) => `${k}=${typeof v === 'number' && v > 9 ? `0x${v.toString(16)}` : String(v)}`);
  return [m['type'], ...fields].join(' ');
}

function ownerNote(m: Record<string, number | string>): string {
  if (m['type'] !== 'omnibus.address') return '';
  const owner = addressToContainer(m['address'] as number);
  return owner ? `  → ${owner.container.name}(${owner.container.coord.coordName} ${owner.coord}) word ${owner.word}` : '';
}

/** The markdown block of the worked example: every phyword of the program and of the response, annotated. */
export function describeProtocolExample(): string {
  const program = exampleProgram();
  const toFpga = decodeToFpga(program.toFpga) as unknown as Record<string, number | string>[];
  const programLines = toFpga.map((m, i) => {
    const bytes = program.toFpga.subarray(i * PHYWORD_BYTES, (i + 1) * PHYWORD_BYTES);
    return `${String(i).padStart(2)}  ${hexOf(bytes)}  ${describeMessage(m)}${ownerNote(m)}`;
  });
  const response = exampleResponse();
  const responseWords = Array.from({ length: response.length / PHYWORD_BYTES }, (_, i) => hexOf(response.subarray(i * PHYWORD_BYTES, (i + 1) * PHYWORD_BYTES)));
  const fromFpga = decodeFromFpga(response) as unknown as Record<string, number | string>[];
  return [
    'To the FPGA (one message per phyword):',
    '',
    '```',
    'no  phyword           message',
    ...programLines,
    '```',
    '',
    'From the FPGA (messages packed back to back; phywords shown whole):',
    '',
    '```',
    ...responseWords.map((w, i) => `${String(i).padStart(2)}  ${w}`),
    '```',
    '',
    'decodes to:',
    '',
    '```',
    ...fromFpga.map((m) => describeMessage(m)),
    '```',
  ].join('\n');
}
