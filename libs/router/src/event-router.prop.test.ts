import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  AtomicNeuronOnDLS,
  CrossbarInputOnDLS,
  CrossbarNodeOnDLS,
  CrossbarOutputOnDLS,
  PADIBusBlockOnDLS,
  SynapseDriverOnDLS,
  SynapseQuadOnDLS,
} from '@bss2/coords';
import { ChangeSet, Chip, CommonPADIBusConfig, CrossbarNode, NeuronBackendConfig, SynapseDriverConfig, SynapseQuad } from '@bss2/regs';
import { EventRouter } from './index.js';
import { nodeInHalcoMap } from '@bss2/coords/test-support';
import { RecordingSink } from '../test-support/recording-sink.js';

// Property 1 of the issue: for random routing configurations and a random injected event, the router reports
// exactly the (synram, row, column, rowMode, activation) tuples and L2 labels that reference §1.2–§1.5 predict.
// The predicate below is written from the reference text alone (node map, mask/target, enableSpl1, row select
// with compare mask, address_out, row modes, label match); it shares no code with the router.

const rowModes = ['disabled', 'excitatory', 'inhibitory', 'excitatory_and_inhibitory'] as const;
type RowMode = (typeof rowModes)[number];

interface NodeConfig {
  readonly mask: number;
  readonly target: number;
  readonly enableDropCounter: boolean;
}
interface DriverConfig {
  readonly enableReceiver: boolean;
  readonly rowAddressCompareMask: number;
  readonly enableAddressOut: boolean;
  readonly enableHagenModulation: boolean;
  readonly rowModeTop: RowMode;
  readonly rowModeBottom: RowMode;
}
interface LabelRow {
  readonly row: number; // SynapseRowOnDLS
  readonly labels: readonly number[]; // 256, column order
}
type Injection =
  | { readonly kind: 'fpga'; readonly label: number }
  | { readonly kind: 'neuron'; readonly neuron: number; readonly addressOut: number; readonly enSpikeOut: boolean };
interface Scenario {
  readonly nodes: ReadonlyMap<string, NodeConfig>; // key `${input},${output}`
  readonly spl1: readonly boolean[]; // 8 busses, chip-wide
  readonly drivers: readonly DriverConfig[]; // 256
  readonly labelRows: readonly LabelRow[];
  readonly injection: Injection;
}

const existingPairs: readonly (readonly [number, number])[] = Array.from({ length: 20 * 12 }, (_, g) => [Math.floor(g / 12), g % 12] as const).filter(
  ([i, o]) => nodeInHalcoMap(i, o),
);

// Small synapse labels and addresses are favoured so that label matches are frequent.
const synapseLabel = fc.oneof(fc.constantFrom(0, 1, 2, 32, 33), fc.integer({ min: 0, max: 63 }));
const neuronLabel = fc
  .record({ high: fc.integer({ min: 0, max: 7 }), rowSelect: fc.integer({ min: 0, max: 31 }), address: synapseLabel })
  .map(({ high, rowSelect, address }) => (high << 11) | (rowSelect << 6) | address);

/**
 * A node configuration. `eventLabel` is the NeuronLabel of the injected event, so that nodes with a non-trivial
 * mask pass it often enough ('matching': target = label & mask) and also miss it ('masked': random target bits).
 */
const nodeArbitrary = (eventLabel: number): fc.Arbitrary<NodeConfig> =>
  fc
    .record({
      kind: fc.oneof(
        { weight: 3, arbitrary: fc.constant('pass-all') },
        { weight: 1, arbitrary: fc.constant('drop-all') },
        { weight: 3, arbitrary: fc.constant('matching') },
        { weight: 2, arbitrary: fc.constant('masked') },
      ),
      mask: fc.integer({ min: 0, max: 0x3fff }),
      bits: fc.integer({ min: 0, max: 0x3fff }),
      enableDropCounter: fc.boolean(),
    })
    .map(({ kind, mask, bits, enableDropCounter }) => {
      if (kind === 'pass-all') return { mask: 0, target: 0, enableDropCounter };
      if (kind === 'drop-all') return { mask: 0, target: 1, enableDropCounter };
      if (kind === 'matching') return { mask, target: eventLabel & mask, enableDropCounter };
      return { mask, target: bits & mask, enableDropCounter };
    });

const mostlyTrue = fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });

const driverArbitrary: fc.Arbitrary<DriverConfig> = fc.record({
  enableReceiver: mostlyTrue,
  rowAddressCompareMask: fc.oneof(fc.constant(0b11111), fc.integer({ min: 0, max: 31 })),
  enableAddressOut: fc.boolean(),
  enableHagenModulation: fc.boolean(),
  rowModeTop: fc.constantFrom(...rowModes),
  rowModeBottom: fc.constantFrom(...rowModes),
});

const injectionArbitrary: fc.Arbitrary<Injection> = fc.oneof(
  fc.record({ kind: fc.constant('fpga' as const), spl1: fc.integer({ min: 0, max: 3 }), l: neuronLabel }).map(({ kind, spl1, l }) => ({
    kind,
    label: (spl1 << 14) | l,
  })),
  fc.record({
    kind: fc.constant('neuron' as const),
    neuron: fc.integer({ min: 0, max: 511 }),
    addressOut: fc.oneof(synapseLabel, fc.integer({ min: 0, max: 255 })),
    enSpikeOut: mostlyTrue,
  }),
);

/** The NeuronLabel the injected event carries into the crossbar (test-side, from §1.3/§1.4). */
const injectedLabel = (i: Injection): number =>
  i.kind === 'fpga' ? i.label % 16384 : Math.floor((i.neuron % 256) / 32) * 256 + i.addressOut;

const scenarioArbitrary: fc.Arbitrary<Scenario> = injectionArbitrary.chain((injection) =>
  fc.record({
    nodes: fc
      .array(nodeArbitrary(injectedLabel(injection)), { minLength: existingPairs.length, maxLength: existingPairs.length })
      .map((configs) => new Map(existingPairs.map(([i, o], k) => [`${i},${o}`, configs[k] as NodeConfig]))),
    spl1: fc.array(mostlyTrue, { minLength: 8, maxLength: 8 }),
    drivers: fc.array(driverArbitrary, { minLength: 256, maxLength: 256 }),
    labelRows: fc.uniqueArray(
      fc.record({ row: fc.integer({ min: 0, max: 511 }), labels: fc.array(synapseLabel, { minLength: 256, maxLength: 256 }) }),
      { maxLength: 4, selector: (r) => r.row },
    ),
    injection: fc.constant(injection),
  }),
);

/** Writes the scenario into a reset Chip and lists exactly the written instances. */
function configureChip(s: Scenario): { chip: Chip; changed: ChangeSet } {
  const chip = new Chip();
  const changed = new ChangeSet();
  for (const [i, o] of existingPairs) {
    chip.set(CrossbarNode, CrossbarNodeOnDLS.of(CrossbarInputOnDLS(i), CrossbarOutputOnDLS(o)), s.nodes.get(`${i},${o}`) as NodeConfig);
  }
  changed.addAll(CrossbarNode);
  for (const block of PADIBusBlockOnDLS.all()) chip.modify(CommonPADIBusConfig, block, { enableSpl1: s.spl1.slice(4 * block, 4 * block + 4) });
  changed.addAll(CommonPADIBusConfig);
  s.drivers.forEach((d, k) => chip.modify(SynapseDriverConfig, SynapseDriverOnDLS(k), d));
  changed.addAll(SynapseDriverConfig);
  for (const { row, labels } of s.labelRows) {
    for (let qc = 0; qc < 64; qc++) {
      const q = SynapseQuadOnDLS(row * 64 + qc);
      chip.modify(SynapseQuad, q, { labels: labels.slice(4 * qc, 4 * qc + 4) });
      changed.add(SynapseQuad, q);
    }
  }
  if (s.injection.kind === 'neuron') {
    const { neuron, addressOut, enSpikeOut } = s.injection;
    chip.modify(NeuronBackendConfig, AtomicNeuronOnDLS(neuron), { addressOut, enSpikeOut });
    changed.add(NeuronBackendConfig, neuron);
  }
  return { chip, changed };
}

const modeNumber = (m: RowMode): number => rowModes.indexOf(m);

/** What reference §1.2–§1.5 says reaches the synapses and the L2 outputs. */
function predict(s: Scenario): { rows: string[]; l2: number[] } {
  const rows: string[] = [];
  const l2: number[] = [];
  if (s.injection.kind === 'neuron' && !s.injection.enSpikeOut) return { rows, l2 };
  const input =
    s.injection.kind === 'fpga'
      ? 8 + Math.floor(s.injection.label / 16384) // §1.2: L2 inputs 8–11 by SPL1 address (§1.3 bits 14–15)
      : Math.floor((s.injection.neuron % 256) / 32); // §1.1: event output column / 32 feeds crossbar input k
  const label = injectedLabel(s.injection); // NeuronLabel bits 0–13; a neuron sends (event output << 8) | address_out
  const labelsOf = (synram: number, row: number): readonly number[] =>
    s.labelRows.find((r) => r.row === synram * 256 + row)?.labels ?? new Array<number>(256).fill(0); // reset label 0
  for (let output = 0; output < 12; output++) {
    if (!nodeInHalcoMap(input, output)) continue;
    const node = s.nodes.get(`${input},${output}`) as NodeConfig;
    if ((label & node.mask) !== node.target) continue; // §1.2
    if (output >= 8) {
      l2.push((output - 8) * 16384 + label);
      continue;
    }
    if (!s.spl1[output]) continue; // §1.5 CommonPADIBusConfig.enable_spl1
    const block = Math.floor(output / 4); // outputs 0–3 top busses, 4–7 bottom
    const bus = output % 4;
    const rowSelect = Math.floor(label / 64) % 32; // §1.3 bits 6–10
    for (let position = 0; position < 32; position++) {
      const driverOnBlock = position * 4 + bus; // §1.1: driver d on bus d % 4 at position d / 4
      const driver = s.drivers[block * 128 + driverOnBlock] as DriverConfig;
      if (!driver.enableReceiver) continue;
      // §1.4 step 3: a 0 in the compare mask ignores that bit.
      let accepted = true;
      for (let bit = 0; bit < 5; bit++) {
        const compared = Math.floor(driver.rowAddressCompareMask / 2 ** bit) % 2 === 1;
        if (compared && Math.floor(rowSelect / 2 ** bit) % 2 !== Math.floor(position / 2 ** bit) % 2) accepted = false;
      }
      if (!accepted) continue;
      const address = driver.enableAddressOut ? label % 64 : label % 64 >= 32 ? 32 : 0; // §1.4 step 4
      const activation = driver.enableHagenModulation ? label % 32 : -1;
      const driverRows: [number, RowMode][] = [
        [2 * driverOnBlock + 1, driver.rowModeTop],
        [2 * driverOnBlock, driver.rowModeBottom],
      ];
      for (const [row, mode] of driverRows) {
        if (mode === 'disabled') continue;
        labelsOf(block, row).forEach((l, column) => {
          if (l === address) rows.push(`${block},${row},${column},${modeNumber(mode)},${activation}`); // §1.4 step 5
        });
      }
    }
  }
  return { rows: rows.sort(), l2: l2.sort((a, b) => a - b) };
}

describe('EventRouter against the reference predicate (§1.2–§1.5)', () => {
  it('reports exactly the predicted synapse rows, columns, row modes, activations and L2 labels', () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.integer({ min: 0, max: 1_000_000 }), (s, cycle) => {
        const { chip, changed } = configureChip(s);
        const sink = new RecordingSink();
        const router = new EventRouter(sink);
        router.configure(chip, changed, 0);
        if (s.injection.kind === 'fpga') router.fpgaSpike(s.injection.label, cycle);
        else router.neuronSpike(s.injection.neuron, cycle);

        const expected = predict(s);
        const rows = sink.rows.flatMap((e) => e.columns.map((c) => `${e.synram},${e.row},${c},${e.rowMode},${e.activation}`));
        expect(rows.sort()).toEqual(expected.rows);
        expect(sink.l2.map((e) => e.label).sort((a, b) => a - b)).toEqual(expected.l2);
        // Shape of the reports: each row once, columns ascending and non-empty, all at the event's time.
        expect(new Set(sink.rows.map((e) => `${e.synram},${e.row}`)).size).toBe(sink.rows.length);
        for (const e of sink.rows) {
          expect(e.columns.length).toBeGreaterThan(0);
          expect(e.columns).toEqual([...e.columns].sort((a, b) => a - b));
        }
        expect([...sink.rows, ...sink.l2].every((e) => e.cycle === cycle)).toBe(true);
      }),
    );
  });
});
