import { parentPort, workerData } from 'node:worker_threads';
import { ChipTwin, FpgaExecutor, type ChipTwinOptions } from '@bss2/chip';
import type { ChipWorkerReply, ChipWorkerRequest } from './chip-thread.js';
import { toWireError } from './wire-error.js';

// The thread of one hosted chip (chip-thread.ts): it holds the chip's twin and runs the programs the server
// thread sends it, one at a time, with the same executor `TwinConnection` uses, so a remote result stays
// bit-identical to an in-process one. Programs arrive and responses leave as encoded bytes, moved, not copied.

const port = parentPort;
if (port === null) throw new Error('chip-worker.ts runs as a worker thread of ChipThread');

function post(reply: ChipWorkerReply, transfer: ArrayBuffer[] = []): void {
  (port as NonNullable<typeof port>).postMessage(reply, transfer);
}

let executor: FpgaExecutor | undefined;
try {
  executor = new FpgaExecutor(new ChipTwin(workerData as ChipTwinOptions));
  post({ kind: 'ready' });
} catch (error) {
  post({ kind: 'start-failed', error: toWireError(error) });
}

port.on('message', (request: ChipWorkerRequest) => {
  if (executor === undefined) return;
  try {
    const { fromFpga, executionCycles } = executor.execute(request.program);
    const owned = fromFpga.byteOffset === 0 && fromFpga.byteLength === fromFpga.buffer.byteLength ? fromFpga : fromFpga.slice();
    post({ kind: 'done', fromFpga: owned, executionCycles }, [owned.buffer as ArrayBuffer]);
  } catch (error) {
    post({ kind: 'failed', error: toWireError(error) });
  }
});
