/**
 * The library's front door (src/index.ts): a small set of names, each documented; internals behind
 * `logtally/internals`; one failure for input that is not a log, whichever call reads it; `by`
 * errors in the library's words.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as library from '../src/index.js';
import { DIMENSIONS } from '../src/report/dimensions.js';
import { DIMENSION_NAMES } from '../src/report/dimension-names.js';

const ROOT = join(import.meta.dirname, '..');
const { analyse, analyseErrors, memorySource, readRecords, renderErrors, renderReport } = library;
const NOT_A_LOG = memorySource('notes.txt', 'Dear diary,\nnothing happened today.\n');

const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );

async function drain(records: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const _ of records) n++;
  return n;
}

describe('the front door', () => {
  it('exports the documented functions and classes, and nothing mutable', () => {
    expect(Object.keys(library).sort()).toEqual(
      [
        'analyse',
        'errorsJob',
        'reportJob',
        'emptyState',
        'saveState',
        'loadState',
        'follow',
        'catchUp',
        'analyseErrors',
        'analysePage',
        'compileFilter',
        'csvField',
        'forHtml',
        'forTerminal',
        'groupRows',
        'safeJson',
        'describeHttpErrReason',
        'describeHttpStatus',
        'describeSubstatus',
        'describeWin32',
        'explain',
        'fileSource',
        'isLogtallyError',
        'LogtallyError',
        'meaningOf',
        'memorySource',
        'mergeErrorsReports',
        'mergeReports',
        'parseTimeBound',
        'readRecords',
        'renderErrors',
        'renderHtml',
        'renderReport',
        'resolveSources',
        'streamSource',
      ].sort(),
    );
    for (const value of Object.values(library)) expect(typeof value).toBe('function');
  });

  it('has a TSDoc comment on every export (types included), where the declaration is', () => {
    // On the built declarations, which carry the comments without the code: a fraction of the parsing.
    const entry = join(ROOT, 'dist', 'src', 'index.d.ts');
    const program = ts.createProgram([entry], { noLib: true, types: [] });
    const checker = program.getTypeChecker();
    const index = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
    const exports = checker.getExportsOfModule(index);
    expect(exports.length).toBeGreaterThan(40);
    const undocumented = exports
      .map((symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol))
      .filter((symbol) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() === '')
      .map((symbol) => symbol.getName());
    expect(undocumented).toEqual([]);
  });

  it('puts the building blocks behind logtally/internals, in package.json exports', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { default: string }> };
    expect(pkg.exports['./internals']?.default).toBe('./dist/src/internals/index.js');
    // Resolved as a user's import would (Node resolves a package's own name from inside it).
    const script = "const i = await import('logtally/internals'); console.log(typeof i.runAggregator, typeof i.DIMENSIONS);";
    const resolved = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(resolved.stdout).toBe('function object\n');
    expect(Object.keys(library)).not.toContain('runAggregator');
    expect(Object.keys(library)).not.toContain('DIMENSIONS');
  });

  it('the Dimension type names every dimension the reports know', () => {
    expect([...DIMENSION_NAMES].sort()).toEqual(Object.keys(DIMENSIONS).sort());
  });
});

describe('one failure for input that is not a log', () => {
  it('analyse, analyseErrors and readRecords reject alike', async () => {
    const fromAnalyse = await rejection(analyse([NOT_A_LOG]));
    expect(fromAnalyse).toMatchObject({ code: 'UNKNOWN_FORMAT', file: 'notes.txt' });
    const message = (fromAnalyse as Error).message;
    await expect(analyseErrors([NOT_A_LOG])).rejects.toMatchObject({ code: 'UNKNOWN_FORMAT', file: 'notes.txt', message });
    await expect(drain(readRecords([NOT_A_LOG]))).rejects.toMatchObject({ code: 'UNKNOWN_FORMAT', file: 'notes.txt', message });
  });

  it('readRecords still reads the logs beside a file that is not one', async () => {
    const log = memorySource('u_ex.log', '#Fields: date time cs-uri-stem sc-status\n2024-03-01 00:00:01 /a 200\n');
    let skipped = 0;
    const count = await drain(readRecords([NOT_A_LOG, log], { onSummary: (s) => (skipped = s.skipped.length) }));
    expect([count, skipped]).toEqual([1, 1]);
  });
});

describe('options in library words', () => {
  it('an unknown dimension names `by`, not a command-line option', async () => {
    const log = memorySource('u_ex.log', '#Fields: date time cs-uri-stem sc-status\n2024-03-01 00:00:01 /a 200\n');
    // @ts-expect-error: the Dimension type refuses it when compiling; a JavaScript caller meets the error.
    const error = await rejection(analyse([log], { by: ['colour'] }));
    expect(error).toMatchObject({ code: 'USAGE' });
    expect((error as Error).message).toMatch(/^unknown dimension "colour" in `by` \(choose from status, substatus, .*time:SPAN\)$/);
    expect((error as Error).message).not.toContain('--');
  });

  it('a bad time bucket or key cap is a USAGE LogtallyError in library words, not a bug', async () => {
    const log = memorySource('u_ex.log', '#Fields: date time cs-uri-stem sc-status\n2024-03-01 00:00:01 /a 200\n');
    await expect(analyse([log], { by: ['time:soon'] })).rejects.toMatchObject({
      code: 'USAGE',
      message: 'dimension "time:soon" in `by` needs a bucket width such as time:5m, time:1h or time:1d',
    });
    await expect(analyse([log], { maxKeys: 0 })).rejects.toMatchObject({ code: 'USAGE', message: 'maxKeys must be at least 1, got 0' });
  });

  it('renderReport and renderErrors take the same optional top', async () => {
    const log = memorySource(
      'u_ex.log',
      '#Fields: date time cs-uri-stem sc-status\n2024-03-01 00:00:01 /a 404\n2024-03-01 00:00:02 /b 500\n',
    );
    const report = await analyse([log], { by: ['uri'] });
    const errors = await analyseErrors([log]);
    const csvRows = (text: string) => text.split('\r\n').filter((l) => l !== '').length;
    expect(csvRows(renderReport(report, { format: 'csv', top: 1 }))).toBe(2);
    expect(csvRows(renderErrors(errors, { format: 'csv', top: 1 }))).toBe(2);
    expect(csvRows(renderReport(report, { format: 'csv' }))).toBe(3);
    expect(csvRows(renderErrors(errors, { format: 'csv' }))).toBe(3);
  });
});
