import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { AnalogEngine, engineRangeState } from './analog-engine.js';
import { buildCompartments } from './compartments.js';
import { FixedPattern } from './fixed-pattern.js';
import { REPLIES, WINDOW_EVENTS, type HemisphereReply, type HemisphereRequest, type HemisphereWorkerData } from './hemisphere-thread.js';
import { MembraneCoefficients } from './membrane-current.js';
import { SynapticInput } from './synaptic-input.js';
import { WindowEvents } from './window-events.js';

// The worker of hemisphere-thread.ts: a replica of the caller's analog engine that steps the neurons from the
// batch's `first` on through the batch's windows, replying after each window; a window after the first starts once
// its row events have come. Its parameters, weights and column
// switches are the caller's (the `prepare` request), its state comes with every batch and goes back with the
// batch's last window; a split run has no compartment couplings.

const { dtCycles, noise, port, signal } = workerData as HemisphereWorkerData;
const engine = new AnalogEngine(dtCycles, noise, false);
const input = new SynapticInput(FixedPattern.none(), engine.synapticStorage);
const mc = new MembraneCoefficients();
let state = engineRangeState(256);
/** The row events of the window being stepped (the arrays of the message they came with). */
const received = new WindowEvents();

function reply(message: HemisphereReply): void {
  port.postMessage(message);
  Atomics.add(signal, REPLIES, 1);
  Atomics.notify(signal, REPLIES);
}

/** The row events of the batch's next window (the caller sends them while this thread steps the window before). */
function nextWindowEvents(): WindowEvents {
  while (Atomics.load(signal, WINDOW_EVENTS) === 0) Atomics.wait(signal, WINDOW_EVENTS, 0);
  Atomics.sub(signal, WINDOW_EVENTS, 1);
  const request = receiveMessageOnPort(port)?.message as HemisphereRequest | undefined;
  if (request?.kind !== 'events') throw new Error(`expected the next window's events, got ${request?.kind ?? 'nothing'}`);
  return received.adopt(request.events);
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
  if (request.kind === 'events') throw new Error('window events without a batch');
  const { first, ends } = request;
  engine.loadRange(first, request.state);
  input.bypassMarked = request.bypassMarked;
  engine.restrict(first, 512);
  for (let w = 0; w < ends.length; w++) {
    const events = w === 0 ? received.adopt(request.events) : nextWindowEvents();
    const started = performance.now();
    const spikes = { neurons: [] as number[], cycles: [] as number[] };
    engine.runWindow(events, 0, ends[w] as number, input, spikes);
    const last = w === ends.length - 1;
    if (last) {
      if (state.v.length !== 512 - first) state = engineRangeState(512 - first);
      engine.saveRange(first, 512, state);
    }
    reply({ kind: 'window', state: last ? state : undefined, bypassMarked: input.bypassMarked, neurons: spikes.neurons, cycles: spikes.cycles, busyMs: performance.now() - started });
  }
}

(port as MessagePort).on('message', (request: HemisphereRequest) => {
  try {
    handle(request);
  } catch (error) {
    reply({ kind: 'error', message: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
  }
});
