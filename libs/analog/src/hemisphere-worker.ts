import { workerData, type MessagePort } from 'node:worker_threads';
import { AnalogEngine, engineRangeState } from './analog-engine.js';
import { buildCompartments } from './compartments.js';
import { FixedPattern } from './fixed-pattern.js';
import type { HemisphereReply, HemisphereRequest, HemisphereWorkerData } from './hemisphere-thread.js';
import { MembraneCoefficients } from './membrane-current.js';
import { SynapticInput } from './synaptic-input.js';
import { WindowEvents } from './window-events.js';

// The worker of hemisphere-thread.ts: a replica of the caller's analog engine that steps the neurons from the
// batch's `first` on through the batch's windows, replying after each window. Its parameters, weights and column
// switches are the caller's (the `prepare` request), its state comes with every batch and goes back with the
// batch's last window; a split run has no compartment couplings.

const { dtCycles, noise, port, signal } = workerData as HemisphereWorkerData;
const engine = new AnalogEngine(dtCycles, noise, false);
const input = new SynapticInput(FixedPattern.none(), engine.synapticStorage);
input.assumeBypassMarked();
const mc = new MembraneCoefficients();
let state = engineRangeState(256);

function reply(message: HemisphereReply): void {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function handle(request: HemisphereRequest): void {
  if (request.kind === 'prepare') {
    const { p } = request;
    input.weightGain.set(request.weightGain);
    input.columnExc.set(request.columnExc);
    input.columnInh.set(request.columnInh);
    mc.update(p);
    engine.prepare(p, mc, buildCompartments(new Uint8Array(512), p.capacitancePf, p.tauIccUs), input);
    return;
  }
  const { first, ends } = request;
  engine.loadRange(first, request.state);
  engine.restrict(first, 512);
  const events = WindowEvents.from(request.events);
  let next = 0;
  for (let w = 0; w < ends.length; w++) {
    const started = performance.now();
    const spikes = { neurons: [] as number[], cycles: [] as number[] };
    next = engine.runWindow(events, next, ends[w] as number, input, spikes);
    const last = w === ends.length - 1;
    if (last) {
      if (state.v.length !== 512 - first) state = engineRangeState(512 - first);
      engine.saveRange(first, 512, state);
    }
    reply({ kind: 'window', state: last ? state : undefined, neurons: spikes.neurons, cycles: spikes.cycles, busyMs: performance.now() - started });
  }
}

(port as MessagePort).on('message', (request: HemisphereRequest) => {
  try {
    handle(request);
  } catch (error) {
    reply({ kind: 'error', message: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
  }
});
