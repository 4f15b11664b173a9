import { describe, expect, it } from 'vitest';
import { AtomicNeuronOnDLS, PADIBusBlockOnDLS, SynapseDriverOnDLS, SynapseQuadOnDLS } from '@bss2/coords';
import {
  ChangeSet,
  Chip,
  CommonPADIBusConfig,
  NeuronBackendConfig,
  PADIEvent,
  SynapseDriverConfig,
  SynapseQuad,
  type ContainerValue,
} from '@bss2/regs';
import { EventRouter, RouterError } from './index.js';
import { RecordingSink } from '../test-support/recording-sink.js';

// Hand-worked goldens for the event path of reference §1.3–§1.5: the PADIEvent trigger, neuron labels, driver
// row select, address_out, HAGEN activation and row modes; and the router's argument errors.

/** Driver 150 = block 1, driver 22 on its block = bus 2, position 5 (§1.1); it feeds synram 1 rows 45 and 44. */
const driver = SynapseDriverOnDLS(150);

/** Labels of one synapse row (synram, row), all 0 except the given columns. */
function setRowLabels(chip: Chip, changed: ChangeSet, synram: number, row: number, labels: Record<number, number>): void {
  for (let qc = 0; qc < 64; qc++) {
    const q = SynapseQuadOnDLS((synram * 256 + row) * 64 + qc);
    chip.modify(SynapseQuad, q, { labels: [0, 1, 2, 3].map((e) => labels[4 * qc + e] ?? 0) });
    changed.add(SynapseQuad, q);
  }
}

function setup(driverFields: Partial<ContainerValue<typeof SynapseDriverConfig>>): { router: EventRouter; sink: RecordingSink; chip: Chip } {
  const chip = new Chip();
  const changed = new ChangeSet();
  chip.modify(SynapseDriverConfig, driver, {
    enableReceiver: true,
    enableAddressOut: true,
    rowModeTop: 'excitatory',
    rowModeBottom: 'inhibitory',
    ...driverFields,
  });
  changed.add(SynapseDriverConfig, driver);
  setRowLabels(chip, changed, 1, 45, { 3: 7, 100: 7, 200: 39, 201: 32 });
  setRowLabels(chip, changed, 1, 44, { 0: 7, 255: 39 });
  const sink = new RecordingSink();
  const router = new EventRouter(sink);
  router.configure(chip, changed, 0);
  return { router, sink, chip };
}

const padiEvent = (fields: Partial<ContainerValue<typeof PADIEvent>>): ContainerValue<typeof PADIEvent> => ({ ...PADIEvent.defaults(), ...fields });
const fireBus2 = [false, false, true, false];

describe('PADIEvent trigger and synapse drivers (§1.4, §1.5)', () => {
  it('a PADIEvent reaches the driver at its row-select position on the fired bus, bypassing crossbar and enableSpl1', () => {
    const { router, sink } = setup({});
    router.padiEvent(1, padiEvent({ fireBus: fireBus2, rowSelectAddress: 5, eventAddress: 7 }), 123);
    expect(sink.rows).toEqual([
      { synram: 1, row: 44, columns: [0], rowMode: 2, activation: -1, cycle: 123 },
      { synram: 1, row: 45, columns: [3, 100], rowMode: 1, activation: -1, cycle: 123 },
    ]);
    sink.clear();
    router.padiEvent(1, padiEvent({ fireBus: fireBus2, rowSelectAddress: 4, eventAddress: 7 }), 0); // other position
    router.padiEvent(1, padiEvent({ fireBus: [true, true, false, true], rowSelectAddress: 5, eventAddress: 7 }), 0); // other busses
    router.padiEvent(0, padiEvent({ fireBus: fireBus2, rowSelectAddress: 5, eventAddress: 7 }), 0); // other block
    expect(sink.rows).toEqual([]);
  });

  it('crossbar events need enableSpl1 of the bus; then the same rows respond', () => {
    const { router, sink, chip } = setup({});
    const label = (5 << 6) | 7; // row select 5, address 7; L2 input 8 → PADI output 6 = block 1, bus 2
    router.fpgaSpike(label, 9);
    expect(sink.rows).toEqual([]);
    chip.modify(CommonPADIBusConfig, PADIBusBlockOnDLS(1), { enableSpl1: fireBus2 });
    const changed = new ChangeSet();
    changed.add(CommonPADIBusConfig, 1);
    router.configure(chip, changed, 9);
    router.fpgaSpike(label, 10);
    expect(sink.rows.map((e) => [e.synram, e.row, e.columns])).toEqual([
      [1, 44, [0]],
      [1, 45, [3, 100]],
    ]);
  });

  it('rowAddressCompareMask: 0 bits are ignored; receiver off accepts nothing', () => {
    const { router, sink } = setup({ rowAddressCompareMask: 0b11010 });
    // Position 5 = 0b00101; the mask compares bits 1, 3, 4 only → row selects with bits 1, 3, 4 = 0 match.
    const accepted = Array.from({ length: 32 }, (_, rs) => rs).filter((rs) => {
      sink.clear();
      router.padiEvent(1, padiEvent({ fireBus: fireBus2, rowSelectAddress: rs, eventAddress: 7 }), 0);
      return sink.rows.length > 0;
    });
    expect(accepted).toEqual([0, 1, 4, 5]);
    const off = setup({ enableReceiver: false });
    off.router.padiEvent(1, padiEvent({ fireBus: fireBus2, rowSelectAddress: 5, eventAddress: 7 }), 0);
    expect(off.sink.rows).toEqual([]);
  });

  it('without enable_address_out only the address MSB reaches the synapses', () => {
    const { router, sink } = setup({ enableAddressOut: false });
    router.padiEvent(1, padiEvent({ fireBus: fireBus2, rowSelectAddress: 5, eventAddress: 39 }), 0);
    // Delivered address 32: row 45 column 201 (label 32); label-39 synapses do not respond.
    expect(sink.rows.map((e) => [e.row, e.columns])).toEqual([[45, [201]]]);
    sink.clear();
    router.padiEvent(1, padiEvent({ fireBus: fireBus2, rowSelectAddress: 5, eventAddress: 7 }), 0);
    // Delivered address 0: every label-0 synapse of both rows.
    expect(sink.rows.map((e) => [e.row, e.columns.length])).toEqual([
      [44, 254],
      [45, 252],
    ]);
  });

  it('a label or driver write after a delivery applies to the next delivery of the same bus and label', () => {
    const { router, sink, chip } = setup({});
    const event = padiEvent({ fireBus: fireBus2, rowSelectAddress: 5, eventAddress: 7 });
    router.padiEvent(1, event, 0);
    const labels = new ChangeSet();
    setRowLabels(chip, labels, 1, 44, { 0: 7, 9: 7 });
    setRowLabels(chip, labels, 1, 45, {});
    router.configure(chip, labels, 1);
    sink.clear();
    router.padiEvent(1, event, 2);
    expect(sink.rows.map((e) => [e.row, e.columns])).toEqual([[44, [0, 9]]]);
    chip.modify(SynapseDriverConfig, driver, { rowModeBottom: 'disabled' });
    const drivers = new ChangeSet();
    drivers.add(SynapseDriverConfig, driver);
    router.configure(chip, drivers, 3);
    sink.clear();
    router.padiEvent(1, event, 4);
    expect(sink.rows).toEqual([]);
  });

  it('HAGEN modulation reports the activation (address bits 0–4); disabled rows are never reported', () => {
    const { router, sink } = setup({ enableHagenModulation: true, enableAddressOut: false, rowModeBottom: 'disabled', rowModeTop: 'excitatory_and_inhibitory' });
    router.padiEvent(1, padiEvent({ fireBus: fireBus2, rowSelectAddress: 5, eventAddress: 32 | 22 }), 0);
    expect(sink.rows).toEqual([{ synram: 1, row: 45, columns: [201], rowMode: 3, activation: 22, cycle: 0 }]);
  });
});

describe('neuron backend (§1.3, §1.4 step 1)', () => {
  it('a neuron with en_spike_out sends (column / 32) << 8 | address_out on event output column / 32', () => {
    const chip = new Chip();
    const neuron = AtomicNeuronOnDLS(256 + 44); // bottom row, column 44 → event output 1 → L2 output 9
    chip.modify(NeuronBackendConfig, neuron, { addressOut: 0xab, enSpikeOut: true });
    const changed = new ChangeSet();
    changed.add(NeuronBackendConfig, neuron);
    const sink = new RecordingSink();
    const router = new EventRouter(sink);
    router.neuronSpike(neuron, 5); // before configure: reset state, en_spike_out off
    expect(sink.l2).toEqual([]);
    router.configure(chip, changed, 0);
    router.neuronSpike(neuron, 6);
    router.neuronSpike(44, 7); // top neuron of the same column: still off
    expect(sink.l2).toEqual([{ label: (1 << 14) | (1 << 8) | 0xab, cycle: 6 }]);
  });
});

describe('RouterError', () => {
  it('names the argument, the value and the legal range; nothing is routed', () => {
    const sink = new RecordingSink();
    const router = new EventRouter(sink);
    const cases: [() => unknown, string, string, unknown][] = [
      [() => router.neuronSpike(512, 0), 'out-of-range', 'neuron', 512],
      [() => router.fpgaSpike(1.5, 0), 'not-integer', 'label', 1.5],
      [() => router.fpgaSpike(0x10000, 0), 'out-of-range', 'label', 0x10000],
      [() => router.padiEvent(2, PADIEvent.defaults(), 0), 'out-of-range', 'block', 2],
      [() => router.dropCounter(20), 'out-of-range', 'input', 20],
      [() => router.eventCounter(-1), 'out-of-range', 'output', -1],
      [() => router.configure(new Chip(), ChangeSet.all(), 0.5), 'invalid-cycle', 'cycle', 0.5],
      [() => router.emitBackgroundUntil(Number.NaN), 'invalid-cycle', 'cycle', Number.NaN],
    ];
    for (const [call, code, argument, value] of cases) {
      expect(call).toThrow(RouterError);
      try {
        call();
      } catch (e) {
        expect(e).toMatchObject({ code, argument, value });
        expect((e as RouterError).range).toBeDefined();
      }
    }
    expect(() => router.neuronSpike(512, 0)).toThrow(/neuron 512 is out of range 0\.\.511/);
    expect(sink.rows).toEqual([]);
    expect(sink.l2).toEqual([]);
  });
});
