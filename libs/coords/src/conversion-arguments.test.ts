import { describe, expect, it } from 'vitest';
import { CoordError } from './coord-error.js';
import { coordinates } from './coordinates.js';
import type { CoordType } from './ranged.js';
import * as C from './index.js';

// Every member of every registry type (conversions, predicates, `of…` constructors, `allOf…` lookups) checks
// its arguments before using them: an out-of-range or fractional argument fails with a CoordError that names
// the argument's own type and range, never a TypeError, a silent wrong answer or an error about some other
// type computed from it. Members are found by enumerating the type objects, so a new single-argument member
// is covered as soon as it exists. Its argument is the owning type, or `X` for `fromX`. Members with other
// arguments must be listed below; an unlisted one fails the 'knows the arguments' test.

type AnyCoordType = CoordType<string>;
/** One argument: a coordinate type (perturbed), a fixed non-coordinate value, or an object of coordinate fields. */
type Argument = AnyCoordType | { readonly fixed: unknown } | { readonly fields: Readonly<Record<string, AnyCoordType>> };

const explicitArguments: Readonly<Record<string, readonly Argument[]>> = {
  'AtomicNeuronOnDLS.of': [C.NeuronRowOnDLS, C.NeuronColumnOnDLS],
  'AtomicNeuronOnDLS.fromNeuronConfig': [C.NeuronConfigBlockOnDLS, C.NeuronConfigOnNeuronConfigBlock],
  'NeuronConfigBlockOnDLS.of': [C.HemisphereOnDLS, C.NeuronBackendConfigBlockOnDLS],
  'NeuronConfigOnDLS.of': [C.NeuronConfigBlockOnDLS, C.NeuronConfigOnNeuronConfigBlock],
  'NeuronBackendConfigOnDLS.of': [C.NeuronBackendConfigBlockOnDLS, C.NeuronBackendConfigOnNeuronBackendConfigBlock],
  'NeuronEventOutputOnDLS.of': [C.NeuronBackendConfigBlockOnDLS, C.NeuronEventOutputOnNeuronBackendBlock],
  'SynapseRowOnDLS.of': [C.SynramOnDLS, C.SynapseRowOnSynram],
  'SynapseQuadOnSynram.of': [C.SynapseRowOnSynram, C.SynapseQuadColumnOnDLS],
  'SynapseQuadOnDLS.of': [C.SynramOnDLS, C.SynapseRowOnSynram, C.SynapseQuadColumnOnDLS],
  'SynapseQuadOnDLS.ofQuadOnSynram': [C.SynramOnDLS, C.SynapseQuadOnSynram],
  'SynapseOnSynapseRow.of': [C.SynapseQuadColumnOnDLS, C.EntryOnQuad],
  'SynapseOnDLS.of': [C.SynramOnDLS, C.SynapseRowOnSynram, C.SynapseOnSynapseRow],
  'SynapseOnDLS.ofQuad': [C.SynapseQuadOnDLS, C.EntryOnQuad],
  'ColumnCurrentQuadOnDLS.of': [C.SynramOnDLS, C.SynapseQuadColumnOnDLS],
  'ColumnCorrelationQuadOnDLS.of': [C.SynramOnDLS, C.SynapseQuadColumnOnDLS],
  'CorrelationResetOnDLS.of': [C.SynramOnDLS, C.SynapseRowOnSynram, C.SynapseQuadColumnOnDLS],
  'SynapseDriverOnSynapseDriverBlock.ofPADIBus': [C.PADIBusOnPADIBusBlock, C.SynapseDriverOnPADIBus],
  'SynapseDriverOnSynapseDriverBlock.toSynapseRowOnSynram': [C.SynapseDriverOnSynapseDriverBlock, C.SynapseRowOnSynapseDriver],
  'SynapseDriverOnDLS.of': [C.SynapseDriverBlockOnDLS, C.SynapseDriverOnSynapseDriverBlock],
  'SynapseDriverOnDLS.ofPADIBus': [C.PADIBusOnDLS, C.SynapseDriverOnPADIBus],
  'SynapseDriverOnDLS.toSynapseRowOnDLS': [C.SynapseDriverOnDLS, C.SynapseRowOnSynapseDriver],
  'PADIBusOnDLS.of': [C.PADIBusBlockOnDLS, C.PADIBusOnPADIBusBlock],
  'CrossbarNodeOnDLS.exists': [C.CrossbarInputOnDLS, C.CrossbarOutputOnDLS],
  'CrossbarNodeOnDLS.of': [C.CrossbarInputOnDLS, C.CrossbarOutputOnDLS],
  'CrossbarNodeOnDLS.allOfInput': [C.CrossbarInputOnDLS],
  'CrossbarNodeOnDLS.allOfOutput': [C.CrossbarOutputOnDLS],
  'CrossbarGridIndexOnDLS.of': [C.CrossbarInputOnDLS, C.CrossbarOutputOnDLS],
  'CapMemBlockOnDLS.of': [C.HemisphereOnDLS, C.CapMemBlockOnHemisphere],
  'CapMemCellOnCapMemBlock.of': [C.CapMemRowOnCapMemBlock, C.CapMemColumnOnCapMemBlock],
  'CapMemCellOnDLS.of': [C.CapMemBlockOnDLS, C.CapMemCellOnCapMemBlock],
  'CapMemCellOnDLS.ofNeuron': [C.AtomicNeuronOnDLS, { fixed: 'v_leak' }],
  'CapMemCellOnDLS.ofShared': [C.CapMemBlockOnDLS, { fixed: 'stp_i_ramp' }],
  // Takes only a name; unknown names are covered in capmem.test.ts.
  'CapMemCellOnDLS.ofGlobal': [{ fixed: 'readout_idac_i_bias' }],
  'CADCChannelOnDLS.of': [C.CADCOnDLS, C.CADCChannelType, C.CADCChannelColumnOnSynram],
  'CADCChannelOnDLS.ofNeuron': [C.AtomicNeuronOnDLS, C.CADCChannelType],
  'CADCSampleQuadOnDLS.of': [C.SynramOnDLS, C.CADCReadoutType, C.CADCChannelType, C.SynapseQuadOnSynram],
  'CADCSampleQuadOnDLS.toCADCChannelOnDLS': [C.CADCSampleQuadOnDLS, C.EntryOnQuad],
  'PPUMemoryWordOnDLS.of': [C.PPUOnDLS, C.PPUMemoryWordOnPPU],
  'PPUMemoryByteOnPPU.of': [C.PPUMemoryWordOnPPU, C.ByteOnPPUMemoryWord],
  'SpikeLabel.of': [
    {
      fields: {
        spl1Address: C.SPL1Address,
        neuronLabel: C.NeuronLabel,
        padiLabel: C.PADILabel,
        neuronEventOutput: C.NeuronEventOutputOnDLS,
        addressOut: C.NeuronBackendAddressOut,
        rowSelectAddress: C.RowSelectAddress,
        synapseLabel: C.SynapseLabel,
      },
    },
  ],
  'SpikeLabel.ofNeuron': [C.NeuronEventOutputOnDLS, C.NeuronBackendAddressOut],
};

// The factory's own members; the registry contract in coordinates.prop.test.ts covers them.
const factoryMembers = new Set(['is', 'tryOf', 'all']);
const typeByName = new Map<string, AnyCoordType>(coordinates.map(({ type }) => [type.coordName, type]));

interface Member {
  readonly label: string;
  readonly fn: (...args: unknown[]) => unknown;
  /** `undefined` when the arguments can be neither derived nor found in `explicitArguments`. */
  readonly args: readonly Argument[] | undefined;
}

function argumentsOf(owner: AnyCoordType, name: string, fn: (...args: unknown[]) => unknown): readonly Argument[] | undefined {
  const listed = explicitArguments[`${owner.coordName}.${name}`];
  if (listed !== undefined) return listed;
  if (fn.length !== 1) return undefined;
  if (!name.startsWith('from')) return [owner];
  const source = typeByName.get(name.slice('from'.length));
  return source === undefined ? undefined : [source];
}

const members: readonly Member[] = coordinates.flatMap(({ type }) =>
  Object.entries(type)
    .filter((e): e is [string, (...args: unknown[]) => unknown] => typeof e[1] === 'function' && !factoryMembers.has(e[0]))
    .map(([name, fn]) => ({ label: `${type.coordName}.${name}`, fn, args: argumentsOf(type, name, fn) })),
);

const isCoordType = (a: Argument): a is AnyCoordType => typeof a === 'function';
const validValue = (a: Argument): unknown => (isCoordType(a) ? 0 : 'fixed' in a ? a.fixed : {});

/** Each way to make one argument bad: which argument list to pass, and the type that must reject `value`. */
function badCalls(args: readonly Argument[]): { args: unknown[]; type: AnyCoordType; value: number }[] {
  return args.flatMap((arg, k) => {
    const slots: [AnyCoordType, (bad: number) => unknown][] = isCoordType(arg)
      ? [[arg, (bad) => bad]]
      : 'fields' in arg
        ? Object.entries(arg.fields).map(([field, type]): [AnyCoordType, (bad: number) => unknown] => [type, (bad) => ({ [field]: bad })])
        : [];
    return slots.flatMap(([type, place]) =>
      [type.max + 1, -1, 0.5].map((value) => ({
        args: args.map((a, j) => (j === k ? place(value) : validValue(a))),
        type,
        value,
      })),
    );
  });
}

describe('conversion members reject out-of-range arguments with a CoordError naming the argument', () => {
  it('knows the arguments of every member, and lists no member that does not exist', () => {
    expect(members.filter((m) => m.args === undefined).map((m) => m.label)).toEqual([]);
    expect(members.filter((m) => m.args !== undefined && m.args.length !== m.fn.length).map((m) => m.label)).toEqual([]);
    const labels = new Set(members.map((m) => m.label));
    expect(Object.keys(explicitArguments).filter((l) => !labels.has(l))).toEqual([]);
  });

  it.each(members.filter((m) => m.args !== undefined).map((m) => [m.label, m] as const))('%s', (_label, member) => {
    for (const call of badCalls(member.args!)) {
      let error: unknown;
      try {
        member.fn(...call.args);
      } catch (e) {
        error = e;
      }
      const what = `${member.label}(${call.args.map((a) => JSON.stringify(a)).join(', ')})`;
      expect(error, what).toBeInstanceOf(CoordError);
      expect(error, what).toMatchObject({
        code: Number.isInteger(call.value) ? 'out-of-range' : 'not-integer',
        coordinate: call.type.coordName,
        value: call.value,
        range: { min: 0, max: call.type.max },
      });
    }
  });
});
