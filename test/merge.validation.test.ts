/**
 * merge checks every field of a partial before merging, and names the file at fault (exit 2,
 * BAD_PARTIAL): wrong types, impossible numbers and undecodable latency counts were printed as is,
 * crashed (exit 70) or were blamed on the partial they met in the merge.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { longLines } from '../src/sources/long-lines.js';
import { runInProcess } from './cli-run.js';

const dir = mkdtempSync(join(tmpdir(), 'logtally-merge-check-'));
const HEADER = '#Fields: date time cs-method cs-uri-stem c-ip sc-status sc-substatus sc-win32-status time-taken\n';

/** 300 errors in one group: enough values (256 and more) for its latency to become bucket counts. */
const LOG =
  HEADER +
  Array.from(
    { length: 300 },
    (_, i) => `2026-01-01 10:00:${String(i % 60).padStart(2, '0')} GET /a 10.0.0.${i % 9} 500 0 0 ${i + 1}\n`,
  ).join('');

// biome-ignore lint/suspicious/noExplicitAny: partials are edited here field by field, as a user would edit the JSON
type Json = Record<string, any>;

async function partial(command: 'report' | 'errors'): Promise<Json> {
  const result = await runInProcess([command, '-', '--format', 'partial'], { input: LOG });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

function save(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, `${JSON.stringify(value)}\n`);
  return path;
}

async function expectRefused(files: string[], message: string): Promise<void> {
  const result = await runInProcess(['merge', ...files]);
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe(`logtally: ${message}\n`);
  expect(result.status).toBe(2);
}

const onlyGroup = (p: Json): Json => Object.values(p.groups)[0] as Json;

describe('merge: every field of a partial is checked', () => {
  it('a count that is text is refused, not printed', async () => {
    const good = save('good-errors.json', await partial('errors'));
    const value = await partial('errors');
    onlyGroup(value).count = 'abc';
    const bad = save('count-text.json', value);
    await expectRefused([good, bad], `${bad}: groups[" 500.0.0 "].count is the string "abc", not a count`);
  });

  it('a null group and a text time are refused (they were internal errors, exit 70)', async () => {
    const value = await partial('errors');
    const key = Object.keys(value.groups)[0]!;
    value.groups[key] = null;
    const nullGroup = save('null-group.json', value);
    await expectRefused([nullGroup], `${nullGroup}: groups[" 500.0.0 "] is null, not an object`);
    const timed = await partial('errors');
    onlyGroup(timed).firstSeen = 'yesterday';
    const textTime = save('text-time.json', timed);
    await expectRefused([textTime], `${textTime}: groups[" 500.0.0 "].firstSeen is the string "yesterday", not epoch milliseconds`);
  });

  it('undecodable latency buckets, and buckets that do not add up to the count, are blamed on their own file, whichever comes first', async () => {
    const good = save('good-buckets.json', await partial('errors'));
    const damaged = await partial('errors');
    expect(typeof onlyGroup(damaged).latency.buckets).toBe('string');
    onlyGroup(damaged).latency.buckets = 'HISTFAAAAB4eJxNyTEKgDAQBMC1';
    const short = await partial('errors');
    // One bucket of 1: a count of 300 it cannot hold.
    onlyGroup(short).latency.buckets = Buffer.from([5, 1]).toString('base64');
    for (const [name, value, problem] of [
      ['bad-buckets.json', damaged, 'latency\\.buckets is not an encoding of bucket counts'],
      ['short-buckets.json', short, 'latency\\.buckets holds 1 values for a count of 300'],
    ] as const) {
      const bad = save(name, value);
      for (const order of [
        [good, bad],
        [bad, good],
      ]) {
        const result = await runInProcess(['merge', ...order]);
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(new RegExp(`^logtally: ${bad.replaceAll('/', '\\/')}: groups\\[" 500\\.0\\.0 "\\]\\.${problem}`));
      }
    }
  });

  it('a partial of version 1 (HDR histograms) is refused with the version this logtally reads', async () => {
    const old = await partial('errors');
    old.version = 1;
    const path = save('version-1.json', old);
    await expectRefused([path], `${path}: partial version 1, this logtally reads version 2 (make the partial again with this logtally)`);
  });

  it('1e308, negative and fractional counts are refused in report tables and input accounting', async () => {
    const huge = await partial('report');
    huge.codes['500.0.0'] = 1e308;
    const hugePath = save('huge.json', huge);
    await expectRefused([hugePath], `${hugePath}: "codes"["500.0.0"] is 1e+308, not a count (a whole number from 0 to 2^53)`);
    const negative = await partial('report');
    negative.classes['5xx'] = -1;
    const negativePath = save('negative.json', negative);
    await expectRefused([negativePath], `${negativePath}: "classes"["5xx"] is -1, not a count (a whole number from 0 to 2^53)`);
    const fraction = await partial('report');
    fraction.input.formats.w3c = 0.5;
    const fractionPath = save('fraction.json', fraction);
    await expectRefused([fractionPath], `${fractionPath}: input.formats["w3c"] is 0.5, not a count (a whole number from 0 to 2^53)`);
  });

  it('a rejected sample without a line number and an unknown approximate table are refused', async () => {
    const sample = await partial('report');
    sample.input.rejectedSamples = [{ file: 'x.log', reason: 'bad', excerpt: 'x' }];
    const samplePath = save('sample.json', sample);
    await expectRefused([samplePath], `${samplePath}: input.rejectedSamples[0].line is undefined, not a line number`);
    const approximate = await partial('report');
    approximate.approximate = { classes: 3 };
    const approximatePath = save('approximate.json', approximate);
    await expectRefused([approximatePath], `${approximatePath}: "approximate" names "classes", which is not a table`);
  });

  it('valid partials still merge: counts add', async () => {
    const a = save('a.json', await partial('errors'));
    const result = await runInProcess(['merge', a, a, '--format', 'json']);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).input.records).toBe(600);
  });
});

describe('longLines', () => {
  it('joins a line from many chunks and splits lines inside one chunk, CRLF or LF, last line unterminated', async () => {
    const long = 'x'.repeat(100_000);
    const bytes = Buffer.from(`${long}\r\nshort\n\nlast`);
    const chunks = [];
    for (let at = 0; at < bytes.length; at += 4096) chunks.push(bytes.subarray(at, at + 4096));
    const lines = [];
    for await (const line of longLines(Readable.from(chunks))) lines.push(line);
    expect(lines).toEqual([long, 'short', '', 'last']);
  });
});
