/**
 * Row buffers reused once written (`reuseChunks`, ChunkPool): a buffer must never take new rows
 * before the writer is done with it. Each writer here reads a chunk only after a delay, so a buffer
 * filled again too early would show as wrong rows. Expected rows are built here from the lines
 * themselves (each line's values and its 1-based line number), not from logtally's output.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { rangesAt } from '../src/parallel/byte-ranges.js';
import { writeRecordsInParallel } from '../src/parallel/records-parallel.js';
import { exportRecords } from '../src/parallel/records-task.js';
import { planFile } from '../src/parallel/run-parallel.js';
import { ChunkPool } from '../src/render/chunk-pool.js';
import { fileSource } from '../src/sources/sources.js';
import { CLI } from './cli-run.js';

const HEADER = ['#Software: Microsoft Internet Information Services 10.0', '#Fields: date time c-ip cs-uri-stem sc-status time-taken'];
const DATA_LINES = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'logtally-reused-chunks-'));
const path = join(dir, 'u_ex.log');
const uri = (i: number) => `/shop/item/${i}/${'x'.repeat(i % 50)}`;
const status = (i: number) => [200, 404, 500, 302][i % 4]!;
const clock = (i: number) => {
  const s = i % 86_400;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
};
writeFileSync(
  path,
  `${[...HEADER, ...Array.from({ length: DATA_LINES }, (_, i) => `2024-03-01 ${clock(i)} 10.0.${i % 256}.1 ${uri(i)} ${status(i)} ${i % 1000}`)].join('\n')}\n`,
);
const size = statSync(path).size;
const COLUMNS = ['cs-uri-stem', 'c-ip', 'sc-status', 'time-taken', 'line'];
/** The CSV rows, one per data line: data line i is line i + 3 of the file. */
const expectedCsv = Array.from(
  { length: DATA_LINES },
  (_, i) => `${uri(i)},10.0.${i % 256}.1,${status(i)},${i % 1000},${i + HEADER.length + 1}\r\n`,
).join('');

/** A writer that reads each chunk only after the event loop has turned a few times, and the buffers it saw. */
function slowWriter(): {
  write: (chunk: Buffer) => Promise<void>;
  text: () => string;
  buffers: Set<ArrayBufferLike>;
  chunks: () => number;
} {
  const parts: string[] = [];
  const buffers = new Set<ArrayBufferLike>();
  return {
    write: async (chunk) => {
      buffers.add(chunk.buffer);
      await sleep(1);
      parts.push(chunk.toString('utf8'));
    },
    text: () => parts.join(''),
    buffers,
    chunks: () => parts.length,
  };
}

describe('row buffers reused once written', () => {
  it('one thread: later rows go into the buffers already written, never into one being written', async () => {
    const writer = slowWriter();
    const sources = [fileSource(path), fileSource(path)];
    const input = await exportRecords(sources, { format: 'csv', columns: COLUMNS }, new Set(), {}, writer.write, true);
    expect(input.records).toBe(2 * DATA_LINES);
    expect(writer.text()).toBe(expectedCsv + expectedCsv);
    expect(writer.chunks()).toBeGreaterThanOrEqual(5);
    // A few buffers take turns (the one written, the one filling, one that grew), whatever the number of chunks.
    expect(writer.buffers.size).toBeLessThanOrEqual(3);
  });

  for (const threads of [1, 2]) {
    it(`${threads} worker(s), the file cut into many ranges: rows right and in order, numbered from the file's start`, async () => {
      const cuts = Array.from({ length: 7 }, (_, i) => Math.floor((size * (i + 1)) / 8));
      const plan = planFile(path, size, cuts.length + 1, {}, (p, s) => rangesAt(p, s, cuts));
      expect(plan.ranges).toHaveLength(8);
      const writer = slowWriter();
      const result = await writeRecordsInParallel([plan], { format: 'csv', columns: COLUMNS }, {}, threads, writer.write, true);
      expect(result.input.records).toBe(DATA_LINES);
      expect(writer.text()).toBe(expectedCsv);
    });
  }

  it('the CLI writing to a pipe with two threads gives the rows of the file', async () => {
    // Two files of 4.5 and 7 MB: over the size at which several files go to worker threads; each is cut in ranges.
    const second = join(dir, 'u_ex2.log');
    writeFileSync(second, `${HEADER.join('\n')}\n${'2024-03-02 00:00:00 10.0.0.9 /z 200 5\n'.repeat(190_000)}`);
    // Spawned without blocking this thread, so the test runner's own messages go on meanwhile.
    const { stdout: csv } = await promisify(execFile)(
      process.execPath,
      [CLI, 'records', path, second, '--format', 'csv', '--columns', COLUMNS.join(','), '--threads', '2'],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const rowsOfSecond = Array.from({ length: 190_000 }, (_, i) => `/z,10.0.0.9,200,5,${i + HEADER.length + 1}\r\n`).join('');
    expect(csv).toBe(`${COLUMNS.join(',')}\r\n${expectedCsv}${rowsOfSecond}`);
  }, 60_000);
});

describe('ChunkPool', () => {
  it('gives back a buffer it was given when it is large enough, and a new one in whole MB otherwise', () => {
    const pool = new ChunkPool(1);
    const first = pool.get(1500);
    expect(first.length).toBe(1 << 20);
    pool.put(first.buffer as ArrayBuffer);
    expect(pool.get(1000).buffer).toBe(first.buffer);
    pool.put(first.buffer as ArrayBuffer);
    const bigger = pool.get((1 << 20) + 1);
    expect(bigger.length).toBe(2 << 20);
    expect(bigger.buffer).not.toBe(first.buffer);
  });

  it('keeps at most the buffers it was told to', () => {
    const pool = new ChunkPool(2);
    for (let i = 0; i < 5; i++) pool.put(new ArrayBuffer(8));
    expect(pool.size).toBe(2);
  });
});
