// The dynamic state of the 512 neuron circuits (reference §2.1, §1.8): membrane potential, the two synaptic
// input currents, the adaptation current, the digital refractory/reset counters and the spike counters. One
// typed array per quantity, indexed by AtomicNeuronOnDLS (row·256 + column), so the engines' hot loops read
// and write plain typed arrays. Members of a multi-compartment cluster keep their compartment's potential in
// every member's `v` slot (compartments.ts). The ideal engine swaps `iExcNa` and `iInhNa` with spare arrays
// (double buffering), so users read these fields on every use and never keep the arrays; its arrays are float64
// views into its fold kernel's WebAssembly memory (ideal-kernel.ts). The analog engine keeps the analog
// quantities in its own kernel's memory as float32 (neuron-kernel.ts).

const neuronCount = 512;

/** The analog quantities' arrays (float64 by default; the analog engine passes its kernel's float32 views). */
export interface AnalogStorage {
  readonly v: Float64Array | Float32Array;
  readonly iExcNa: Float64Array | Float32Array;
  readonly iInhNa: Float64Array | Float32Array;
  readonly wNa: Float64Array | Float32Array;
}

export class NeuronState {
  /** Membrane potential, V. */
  v: Float64Array | Float32Array;
  /** Excitatory and inhibitory synaptic input currents, nA (both ≥ 0; the sign is applied at the membrane). */
  iExcNa: Float64Array | Float32Array;
  iInhNa: Float64Array | Float32Array;
  /** Adaptation current w, nA (subtracted from the membrane current). */
  readonly wNa: Float64Array | Float32Array;
  /** Last cycle of the reset hold after a spike: v is held at v_reset for cycles ≤ resetEnd (§1.8). */
  readonly resetEnd = new Float64Array(neuronCount).fill(-Infinity);
  /** First cycle at which the neuron may fire again (end of the refractory period, §1.8). */
  readonly refractoryEnd = new Float64Array(neuronCount).fill(-Infinity);
  /** 8-bit spike counter and its overflow latch (§1.8 SpikeCounterRead). */
  readonly spikeCount = new Uint8Array(neuronCount);
  readonly spikeOverflow = new Uint8Array(neuronCount);
  /** 1 when the neuron's last synaptic event came through the bypass (MAC read noise, §6.1). */
  readonly lastBypass = new Uint8Array(neuronCount);

  constructor(
    storage: AnalogStorage = { v: new Float64Array(neuronCount), iExcNa: new Float64Array(neuronCount), iInhNa: new Float64Array(neuronCount), wNa: new Float64Array(neuronCount) },
  ) {
    ({ v: this.v, iExcNa: this.iExcNa, iInhNa: this.iInhNa, wNa: this.wNa } = storage);
  }

  /** Counts one spike: 8 bit, wraps to 0 and latches the overflow. */
  countSpike(n: number): void {
    const next = (this.spikeCount[n] as number) + 1;
    if (next > 255) {
      this.spikeCount[n] = 0;
      this.spikeOverflow[n] = 1;
    } else {
      this.spikeCount[n] = next;
    }
  }

  resetSpikeCounter(n: number): void {
    this.spikeCount[n] = 0;
    this.spikeOverflow[n] = 0;
  }
}

/** Neurons that fire at one cycle, collected by an engine for the core (no allocation per spike). */
export class FiredList {
  readonly neurons = new Int32Array(neuronCount);
  private readonly member = new Uint8Array(neuronCount);
  count = 0;

  add(n: number): void {
    if (this.member[n] === 1) return;
    this.member[n] = 1;
    this.neurons[this.count++] = n;
  }

  /** Index order, as the core reports them (analog spec: "in index order"); insertion sort, no allocation. */
  sort(): void {
    const a = this.neurons;
    for (let i = 1; i < this.count; i++) {
      const x = a[i] as number;
      let j = i - 1;
      while (j >= 0 && (a[j] as number) > x) {
        a[j + 1] = a[j] as number;
        j--;
      }
      a[j + 1] = x;
    }
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) this.member[this.neurons[i] as number] = 0;
    this.count = 0;
  }
}
