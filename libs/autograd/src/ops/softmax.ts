import { AutogradError, formatShape } from '../errors.js';
import { normalizeAxis, splitAtAxis } from '../shape.js';
import { record } from '../tape.js';
import { Tensor } from '../tensor.js';

/**
 * log Σ exp along one lane, shifted by the lane's maximum so that no exp overflows (the log-sum-exp trick): the
 * shared step of softmax, log-softmax and cross-entropy.
 */
function logSumExp(x: Float32Array, from: number, extent: number, stride: number): number {
  let maxValue = -Infinity;
  for (let e = 0; e < extent; e++) maxValue = Math.max(maxValue, x[from + e * stride]!);
  if (maxValue === -Infinity) return -Infinity;
  let total = 0;
  for (let e = 0; e < extent; e++) total += Math.exp(x[from + e * stride]! - maxValue);
  return maxValue + Math.log(total);
}

function normalized(x: Tensor, axis: number, where: string, asLog: boolean): Tensor {
  const at = normalizeAxis(axis, x.rank, where);
  const { outer, extent, inner } = splitAtAxis(x.shape, at);
  const input = x.data;
  const out = new Float32Array(x.size);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const from = o * extent * inner + i;
      const lse = logSumExp(input, from, extent, inner);
      for (let e = 0; e < extent; e++) {
        const logP = input[from + e * inner]! - lse;
        out[from + e * inner] = asLog ? logP : Math.exp(logP);
      }
    }
  }
  return record(new Tensor(out, x.shape), where, [x], (grad) => {
    const gradX = new Float32Array(x.size);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const from = o * extent * inner + i;
        // log-softmax: dx = g − p·Σg;  softmax: dx = p·(g − Σ g·p).
        let total = 0;
        for (let e = 0; e < extent; e++) total += asLog ? grad[from + e * inner]! : grad[from + e * inner]! * out[from + e * inner]!;
        for (let e = 0; e < extent; e++) {
          const k = from + e * inner;
          gradX[k] = asLog ? grad[k]! - Math.exp(out[k]!) * total : out[k]! * (grad[k]! - total);
        }
      }
    }
    return [gradX];
  });
}

/** Softmax along `axis` (default the last), numerically stable. */
export function softmax(x: Tensor, axis = -1): Tensor {
  return normalized(x, axis, 'softmax', false);
}

/** log-softmax along `axis` (default the last), numerically stable. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  return normalized(x, axis, 'logSoftmax', true);
}

export interface CrossEntropyOptions {
  /** 'mean' over the batch (PyTorch's default) or 'sum'. */
  readonly reduction?: 'mean' | 'sum';
}

/**
 * Cross-entropy of `logits` (batch, classes) against integer class `targets`, fused with the log-softmax so the
 * backward is the stable softmax − one-hot. This is hxtorch's Yin-Yang loss on the max-over-time readout
 * membrane (reference §6.7).
 */
export function crossEntropy(logits: Tensor, targets: ArrayLike<number>, options: CrossEntropyOptions = {}): Tensor {
  if (logits.rank !== 2) {
    throw new AutogradError('shape-mismatch', `crossEntropy: logits ${formatShape(logits.shape)} must be (batch, classes)`, logits.shape, '[batch, classes]');
  }
  const [batch, classes] = logits.shape as [number, number];
  if (targets.length !== batch) {
    throw new AutogradError('shape-mismatch', `crossEntropy: ${targets.length} targets for logits ${formatShape(logits.shape)}`, targets.length, `${batch} targets`);
  }
  const labels = Int32Array.from(targets);
  for (let n = 0; n < batch; n++) {
    if (labels[n] !== targets[n] || labels[n]! < 0 || labels[n]! >= classes) {
      throw new AutogradError('invalid-argument', `crossEntropy: target ${targets[n]} of sample ${n} is not a class index`, targets[n], `integers 0..${classes - 1}`);
    }
  }
  const scale = options.reduction === 'sum' ? 1 : 1 / Math.max(batch, 1);
  const input = logits.data;
  const logSumExps = new Float64Array(batch);
  let loss = 0;
  for (let n = 0; n < batch; n++) {
    logSumExps[n] = logSumExp(input, n * classes, classes, 1);
    loss += logSumExps[n]! - input[n * classes + labels[n]!]!;
  }
  return record(new Tensor(new Float32Array([loss * scale]), []), 'crossEntropy', [logits], (grad) => {
    const gradX = new Float32Array(logits.size);
    const g = grad[0]! * scale;
    for (let n = 0; n < batch; n++) {
      for (let c = 0; c < classes; c++) {
        const k = n * classes + c;
        gradX[k] = g * (Math.exp(input[k]! - logSumExps[n]!) - (c === labels[n] ? 1 : 0));
      }
    }
    return [gradX];
  });
}
