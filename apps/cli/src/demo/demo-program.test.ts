import { decodeProgram, ZeroMockConnection } from '@bss2/playback';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../commands/demo.js';
import { buildDemoProgram, demoInputLabel, demoSpikeTimesCycles } from './demo-program.js';

describe('demo program', () => {
  it('configures, routes, injects the spikes at their cycles and reads back', () => {
    const { program } = buildDemoProgram();
    const steps = decodeProgram(program.toFpga);
    const written = new Set(steps.flatMap((s) => (s.kind === 'writeContainer' ? [s.container] : [])));
    expect([...written].sort()).toEqual(['CapMemCell', 'ColumnCurrentQuad', 'CommonPADIBusConfig', 'CrossbarNode', 'MADCConfig', 'MADCControl', 'NeuronBackendConfig', 'NeuronConfig', 'SynapseDriverConfig', 'SynapseQuad']);
    expect(steps.filter((s) => s.kind === 'waitUntil').map((s) => s.cycles).slice(1, -1)).toEqual(demoSpikeTimesCycles);
    expect(steps.filter((s) => s.kind === 'spikes').flatMap((s) => s.labels)).toEqual(demoSpikeTimesCycles.map(() => demoInputLabel));
    expect(steps.at(-1)).toEqual({ kind: 'barrier', mask: 1 });
  });

  it('runs on the zero mock and fills every ticket', async () => {
    const { program, spikeCounters, neuronConfig } = buildDemoProgram();
    await new ZeroMockConnection().run(program);
    expect(spikeCounters.every((t) => t.valid)).toBe(true);
    expect(neuronConfig.valid).toBe(true);
  });

  it('prints the decoded program and its run on the twin, where the input makes neuron 0 fire', async () => {
    const lines: string[] = [];
    await runDemo({ hex: true, fidelity: 'ideal' }, (l) => lines.push(l));
    const text = lines.join('\n');
    expect(text).toMatch(/write SynapseQuad\(SynapseQuadOnDLS 64\) .* weights=\[63,48,32,16\]/);
    expect(text).toMatch(/inject spikes 0x0005/);
    expect(text).toMatch(/Ran on twin:demo-chip \(ideal\)/);
    expect(text).toMatch(/spike counter of neuron 0: \{"count":[1-9]\d*,"overflow":false\}/);
    expect(text).toMatch(/MADC: 625 samples of neuron 0/);
  });
});
