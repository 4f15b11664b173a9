#!/usr/bin/env node
import { Command } from 'commander';
import { registerAsmCommands } from './commands/asm.js';
import { registerCalibrateCommand } from './commands/calibrate.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerLinkCommands } from './commands/link.js';
import { registerRunCommand } from './commands/run.js';
import { registerServeCommand } from './commands/serve.js';
import { registerTrainCommand } from './commands/train.js';
import { registerKeygenCommand } from './commands/keygen.js';
import { reportError } from './report-error.js';

const program = new Command()
  .name('bss2')
  .description('bss2-twin: a digital twin of the BrainScaleS-2 neuromorphic chip, and its host tools')
  .showHelpAfterError();

registerDemoCommand(program);
registerAsmCommands(program);
registerLinkCommands(program);
registerRunCommand(program);
registerCalibrateCommand(program);
registerTrainCommand(program);
registerServeCommand(program);
registerKeygenCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.exitCode = reportError(error);
});
