import { AtomicNeuronOnDLS, CoordError, CrossbarInputOnDLS, CrossbarNodeOnDLS, CrossbarOutputOnDLS, NeuronColumnOnDLS, NeuronRowOnDLS } from '@bss2/coords';
import { decodeToFpga } from '@bss2/link';
import { Chip, CrossbarNode, NeuronBackendConfig, SpikeCounterRead } from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { decodeProgram, PlaybackError, PlaybackProgramBuilder, ZeroMockConnection } from './index.js';

const neuron = AtomicNeuronOnDLS.of(NeuronRowOnDLS(0), NeuronColumnOnDLS(7));
const node = CrossbarNodeOnDLS.of(CrossbarInputOnDLS(8), CrossbarOutputOnDLS(0));

describe('PlaybackProgramBuilder', () => {
  it('encodes a container write as one omnibus address + data pair per word', () => {
    const value = { mask: 0x3fff, target: 0x0123, enableDropCounter: true };
    const program = new PlaybackProgramBuilder().write(CrossbarNode, node, value).done();
    const [address, data, ...rest] = decodeToFpga(program.toFpga);
    expect(rest).toEqual([]);
    expect(address).toEqual({ type: 'omnibus.address', address: CrossbarNode.addresses(node)[0], byteEnables: 0xf, isRead: 0 });
    expect(data).toEqual({ type: 'omnibus.data', data: CrossbarNode.encode(value)[0] });
    expect(decodeProgram(program.toFpga)).toEqual([
      expect.objectContaining({ kind: 'writeContainer', container: 'CrossbarNode', coord: node, value }),
    ]);
  });

  it('rejects an unreadable container at read(), before anything is sent', () => {
    expect(() => new PlaybackProgramBuilder().read(CrossbarNode, node)).toThrow(PlaybackError);
    expect(() => new PlaybackProgramBuilder().read(CrossbarNode, node)).toThrow(/cannot be read back/);
  });

  it('refuses to hand out a ticket value before the run, and fills it after', async () => {
    const builder = new PlaybackProgramBuilder();
    const ticket = builder.read(NeuronBackendConfig, neuron);
    const counter = builder.read(SpikeCounterRead, neuron);
    const program = builder.barrier().done();
    expect(ticket.valid).toBe(false);
    expect(() => ticket.get()).toThrow(expect.objectContaining({ code: 'ticket-not-ready' }));
    await new ZeroMockConnection().run(program);
    expect(ticket.valid).toBe(true);
    expect(ticket.getWords()).toEqual(new Uint32Array(NeuronBackendConfig.words));
    expect(ticket.get()).toEqual(NeuronBackendConfig.decode(new Uint32Array(NeuronBackendConfig.words)));
    expect(counter.get()).toEqual(SpikeCounterRead.decode(new Uint32Array(SpikeCounterRead.words)));
  });

  it('sends spikes in time order: one waitUntil per distinct time, packed three to a message', () => {
    const program = new PlaybackProgramBuilder()
      .timerReset()
      .injectSpikes([1, 2, 3, 4, 5], [200, 100, 100, 100, 100])
      .done();
    expect(decodeProgram(program.toFpga)).toEqual([
      { kind: 'timerReset' },
      { kind: 'waitUntil', cycles: 100 },
      { kind: 'spikes', labels: [2, 3, 4] },
      { kind: 'spikes', labels: [5] },
      { kind: 'waitUntil', cycles: 200 },
      { kind: 'spikes', labels: [1] },
    ]);
  });

  it('rejects out-of-range times, labels and mismatched lengths with the legal range', () => {
    const builder = new PlaybackProgramBuilder();
    expect(() => builder.waitUntil(2 ** 32)).toThrow(expect.objectContaining({ code: 'out-of-range', value: 2 ** 32, range: { min: 0, max: 0xffffffff } }));
    expect(() => builder.waitUntil(-1)).toThrow(PlaybackError);
    expect(() => builder.injectSpikes([0x10000], [5])).toThrow(/spike label \[0\] 65536 is out of range 0..65535/);
    expect(() => builder.injectSpikes([1, 2], [5])).toThrow(PlaybackError);
    expect(() => builder.injectSpikes([1], [1.5])).toThrow(PlaybackError);
    expect(builder.empty).toBe(true);
  });

  it('rejects a coordinate or a field out of range without changing the program', () => {
    const builder = new PlaybackProgramBuilder();
    expect(() => builder.write(CrossbarNode, 9999 as CrossbarNodeOnDLS, CrossbarNode.defaults())).toThrow(CoordError);
    expect(() => builder.write(CrossbarNode, 9999 as CrossbarNodeOnDLS, CrossbarNode.defaults())).toThrow(expect.objectContaining({ code: 'out-of-range', value: 9999 }));
    expect(() => builder.write(CrossbarNode, node, { mask: 0x4000, target: 0, enableDropCounter: false })).toThrow(
      expect.objectContaining({ code: 'out-of-range', field: 'mask', range: { min: 0, max: 0x3fff } }),
    );
    expect(() => builder.barrier(32)).toThrow(expect.objectContaining({ code: 'out-of-range', range: { min: 0, max: 31 } }));
    expect(builder.empty).toBe(true);
  });

  it('merges another builder after its own instructions, tickets included', async () => {
    const first = new PlaybackProgramBuilder().timerReset();
    const ticketA = first.read(NeuronBackendConfig, neuron);
    const second = new PlaybackProgramBuilder().waitUntil(50);
    const ticketB = second.read(SpikeCounterRead, neuron);
    const program = first.merge(second).barrier().done();
    expect(second.empty).toBe(true);
    expect(program.tickets).toEqual([ticketA, ticketB]);
    expect(decodeProgram(program.toFpga).map((s) => s.kind)).toEqual(['timerReset', ...Array(NeuronBackendConfig.words).fill('read'), 'waitUntil', ...Array(SpikeCounterRead.words).fill('read'), 'barrier']);
    await new ZeroMockConnection().run(program);
    expect(ticketB.valid).toBe(true);
  });

  it('refuses to merge a builder into itself instead of emptying it', () => {
    const builder = new PlaybackProgramBuilder().timerReset();
    expect(() => builder.merge(builder)).toThrow(expect.objectContaining({ code: 'invalid-program' }));
    expect(builder.done().messageCount).toBe(1);
  });

  it('reports its size and whether it reads anything back', () => {
    const builder = new PlaybackProgramBuilder().timerReset().waitUntil(10);
    expect(builder.sizeToFpga).toBe(2);
    expect(builder.done().isWriteOnly).toBe(true);
    const reading = new PlaybackProgramBuilder();
    const ticket = reading.read(SpikeCounterRead, neuron);
    const program = reading.done();
    expect(program.isWriteOnly).toBe(false);
    expect(Array.from(ticket.addresses)).toEqual(SpikeCounterRead.addresses(neuron));
  });

  it('is finished by done(): further use is an error', () => {
    const builder = new PlaybackProgramBuilder();
    builder.done();
    expect(() => builder.timerReset()).toThrow(expect.objectContaining({ code: 'already-done' }));
  });

  it('writes only what changed between two Chip configurations', () => {
    const before = new Chip();
    const after = new Chip(before);
    after.set(CrossbarNode, node, { mask: 1, target: 1, enableDropCounter: false });
    const program = new PlaybackProgramBuilder().writeChip(after, before).done();
    expect(decodeProgram(program.toFpga)).toEqual([expect.objectContaining({ kind: 'writeContainer', container: 'CrossbarNode', coord: node })]);
  });

  it('reports a response that does not match the reads instead of misassigning tickets', () => {
    const builder = new PlaybackProgramBuilder();
    builder.read(SpikeCounterRead, neuron);
    const program = builder.done();
    expect(() => program.decodeResponse(new Uint8Array(0), { executionCycles: 0, wallMs: 0 })).toThrow(
      expect.objectContaining({ code: 'response-mismatch' }),
    );
  });
});
