import { workerData, type MessagePort } from 'node:worker_threads';
import { AnalogEngine, engineRangeState } from './analog-engine.js';
import { buildCompartments } from './compartments.js';
import { FixedPattern } from './fixed-pattern.js';
import type { HemisphereReply, HemisphereRequest, HemisphereWorkerData } from './hemisphere-thread.js';
import { MembraneCoefficients } from './membrane-current.js';
import { SynapticInput } from './synaptic-input.js';
import { WindowEvents } from './window-events.js';

// The worker of hemisphere-thread.ts: a replica of the caller's analog engine that steps the neurons from the
// window's `first` on through the windows it is sent. Its parameters, weights and column switches are the
// caller's (the `prepare` request), its state comes with every window; a split run has no compartment couplings.

const { dtCycles, noise, port, signal } = workerData as HemisphereWorkerData;
const engine = new AnalogEngine(dtCycles, noise, false);
const input = new SynapticInput(FixedPattern.none(), engine.synapticStorage);
input.assumeBypassMarked();
const mc = new MembraneCoefficients();
let state = engineRangeState(256);

function handle(request: HemisphereRequest): HemisphereReply | undefined {
  if (request.kind === 'prepare') {
    const { p } = request;
    input.weightGain.set(request.weightGain);
    input.columnExc.set(request.columnExc);
    input.columnInh.set(request.columnInh);
    mc.update(p);
    engine.prepare(p, mc, buildCompartments(new Uint8Array(512), p.capacitancePf, p.tauIccUs), input);
    return undefined;
  }
  const started = performance.now();
  const { first } = request;
  engine.loadRange(first, request.state);
  engine.restrict(first, 512);
  const spikes = { neurons: [] as number[], cycles: [] as number[] };
  engine.runWindow(WindowEvents.from(request.events), request.until, input, spikes);
  if (state.v.length !== 512 - first) state = engineRangeState(512 - first);
  engine.saveRange(first, 512, state);
  return { kind: 'window', state, neurons: spikes.neurons, cycles: spikes.cycles, busyMs: performance.now() - started };
}

(port as MessagePort).on('message', (request: HemisphereRequest) => {
  let reply: HemisphereReply | undefined;
  try {
    reply = handle(request);
  } catch (error) {
    reply = { kind: 'error', message: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) };
  }
  if (reply === undefined) return;
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
