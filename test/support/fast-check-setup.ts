import fc from 'fast-check';

// Property tests run a fixed, seeded number of cases in CI so a failure reproduces; raise FC_NUM_RUNS (and
// pick FC_SEED) locally to search harder.
const numRuns = Number(process.env['FC_NUM_RUNS'] ?? 100);
const seed = Number(process.env['FC_SEED'] ?? 20261124);
fc.configureGlobal({ numRuns, seed });
