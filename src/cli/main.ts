#!/usr/bin/env node
/**
 * The `logtally` binary. The scan workers a large input will need are started first, so that they
 * load beside the CLI instead of after it (warm-workers.ts); the CLI itself is loaded next. Glue only.
 */
import { warmScanWorkers } from '../parallel/warm-workers.js';
import { scanWorkersAhead } from './workers-ahead.js';

warmScanWorkers(scanWorkersAhead(process.argv.slice(2)));
await import('./bin.js');
