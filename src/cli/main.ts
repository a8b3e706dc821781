#!/usr/bin/env node
/**
 * The `logtally` binary. The worker threads a large input will need are started first, so that they
 * load beside the CLI instead of after it (warm-workers.ts); the CLI itself is loaded next. Glue only.
 */
import { warmWorkers } from '../parallel/warm-workers.js';
import { workersAhead } from './workers-ahead.js';

const ahead = workersAhead(process.argv.slice(2));
if (ahead.kind !== undefined) warmWorkers(ahead.kind, ahead.count);
await import('./bin.js');
