/**
 * A dense, time-major spike tensor: `data[(step · batch + sample) · inputs + input]` is 1 where that input
 * spikes in that time step, else 0. Plain data, so any tensor library (libs/autograd included) can wrap it.
 */
export interface DenseSpikes {
  readonly data: Float32Array;
  /** `[steps, batch, inputs]`. */
  readonly shape: [steps: number, batch: number, inputs: number];
}

/** An all-zero spike tensor of the given shape. */
export function emptySpikes(steps: number, batch: number, inputs: number): DenseSpikes {
  return { data: new Float32Array(steps * batch * inputs), shape: [steps, batch, inputs] };
}

/** Marks a spike of `input` of `sample` in time step `step`. */
export function setSpike(spikes: DenseSpikes, step: number, sample: number, input: number): void {
  const [, batch, inputs] = spikes.shape;
  spikes.data[(step * batch + sample) * inputs + input] = 1;
}
