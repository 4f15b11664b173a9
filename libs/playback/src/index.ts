/**
 * @bss2/playback — playback programs (stadls / fisch counterpart, reference §5.7). Table of contents, grouped
 * by file.
 */

// Errors: one class, codes as a string union.
export { PlaybackError, type PlaybackErrorCode } from './playback-error.js';

// Building programs and reading them back.
export { PlaybackProgramBuilder } from './playback-program-builder.js';
export { PlaybackProgram, type PendingRead } from './playback-program.js';
export { ContainerTicket } from './container-ticket.js';
export type { RunResult, RunTiming } from './run-result.js';
export { decodeProgram, type ProgramStep } from './decode-program.js';

// Executing programs.
export { StreamConnection, type Connection, type Exchange } from './connection.js';
export { ZeroMockConnection } from './zero-mock-connection.js';
