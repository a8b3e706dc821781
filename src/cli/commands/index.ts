import type { Command } from '../command.js';
import { errorsCommand } from './errors.js';
import { explainCommand } from './explain.js';
import { formatsCommand } from './formats.js';
import { loadCommand } from './load.js';
import { mergeCommand } from './merge.js';
import { recordsCommand } from './records.js';
import { reportCommand } from './report.js';

/** Every command, in the order `logtally --help` lists them. */
export const COMMANDS: readonly Command[] = [
  reportCommand,
  errorsCommand,
  recordsCommand,
  loadCommand,
  mergeCommand,
  explainCommand,
  formatsCommand,
];
