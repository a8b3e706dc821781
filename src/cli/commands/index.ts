import type { Command } from '../command.js';
import { explainCommand } from './explain.js';
import { reportCommand } from './report.js';

/** Every command, in the order `logtally --help` lists them. */
export const COMMANDS: readonly Command[] = [reportCommand, explainCommand];
