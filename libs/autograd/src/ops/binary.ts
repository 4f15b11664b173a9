import { broadcastIndex, broadcastShapes, sizeOf } from '../shape.js';
import { record } from '../tape.js';
import { asTensor, Tensor } from '../tensor.js';

/**
 * A broadcasting binary op as data: the forward value and the two partial derivatives, each given the operands
 * and the result. One engine (below) does the broadcasting for all of them; the backward scatter-adds through
 * the same index map, which sums the gradient over broadcast axes back to each operand's shape.
 */
interface BinaryRule {
  readonly name: string;
  readonly forward: (x: number, y: number) => number;
  readonly dx: (x: number, y: number, out: number) => number;
  readonly dy: (x: number, y: number, out: number) => number;
}

const rules = {
  add: { name: 'add', forward: (x, y) => x + y, dx: () => 1, dy: () => 1 },
  sub: { name: 'sub', forward: (x, y) => x - y, dx: () => 1, dy: () => -1 },
  mul: { name: 'mul', forward: (x, y) => x * y, dx: (_x, y) => y, dy: (x) => x },
  div: { name: 'div', forward: (x, y) => x / y, dx: (_x, y) => 1 / y, dy: (_x, y, out) => -out / y },
  // The gradient goes to the larger operand; on a tie it is split evenly (PyTorch's convention).
  maximum: {
    name: 'maximum',
    forward: (x, y) => (x >= y ? x : y),
    dx: (x, y) => (x > y ? 1 : x === y ? 0.5 : 0),
    dy: (x, y) => (y > x ? 1 : x === y ? 0.5 : 0),
  },
} satisfies Record<string, BinaryRule>;

function binary(rule: BinaryRule, aIn: Tensor | number, bIn: Tensor | number): Tensor {
  const a = asTensor(aIn);
  const b = asTensor(bIn);
  const shape = broadcastShapes(a.shape, b.shape, rule.name);
  const indexA = broadcastIndex(a.shape, shape);
  const indexB = broadcastIndex(b.shape, shape);
  const x = a.data;
  const y = b.data;
  const out = new Float32Array(sizeOf(shape));
  for (let k = 0; k < out.length; k++) {
    out[k] = rule.forward(x[indexA === null ? k : indexA[k]!]!, y[indexB === null ? k : indexB[k]!]!);
  }
  return record(new Tensor(out, shape), rule.name, [a, b], (grad) => {
    const gradA = a.requiresGrad ? new Float32Array(x.length) : null;
    const gradB = b.requiresGrad ? new Float32Array(y.length) : null;
    for (let k = 0; k < grad.length; k++) {
      const ia = indexA === null ? k : indexA[k]!;
      const ib = indexB === null ? k : indexB[k]!;
      if (gradA !== null) gradA[ia]! += grad[k]! * rule.dx(x[ia]!, y[ib]!, out[k]!);
      if (gradB !== null) gradB[ib]! += grad[k]! * rule.dy(x[ia]!, y[ib]!, out[k]!);
    }
    return [gradA, gradB];
  });
}

/** a + b with broadcasting. */
export function add(a: Tensor | number, b: Tensor | number): Tensor {
  return binary(rules.add, a, b);
}

/** a − b with broadcasting. */
export function sub(a: Tensor | number, b: Tensor | number): Tensor {
  return binary(rules.sub, a, b);
}

/** a · b elementwise with broadcasting. */
export function mul(a: Tensor | number, b: Tensor | number): Tensor {
  return binary(rules.mul, a, b);
}

/** a / b elementwise with broadcasting. */
export function div(a: Tensor | number, b: Tensor | number): Tensor {
  return binary(rules.div, a, b);
}

/** Elementwise maximum with broadcasting. */
export function maximum(a: Tensor | number, b: Tensor | number): Tensor {
  return binary(rules.maximum, a, b);
}
