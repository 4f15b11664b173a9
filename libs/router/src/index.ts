// @bss2/router — the digital event path of BrainScaleS-2 (reference §1.2–§1.6): neuron backend labels, the
// crossbar, PADI busses, synapse drivers, synapse label matching, background spike sources, FPGA (L2) input and
// output. Table of contents: named re-exports grouped by file.

// Errors.
export { RouterError, type RouterErrorCode } from './router-error.js';

// The router and where its events go.
export { EventRouter } from './event-router.js';
export type { RouterSink } from './router-sink.js';
