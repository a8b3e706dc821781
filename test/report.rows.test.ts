/**
 * A report that takes lines as rows (report/report-rows.ts, parsers/column-lines.wat) is the
 * report that reads every line as a record: same counts, codes, groups, measures, error URIs,
 * accounting and rejections, on the fixtures and on logs of hostile lines, for every `--by` whose
 * key is a column, with prunes, a sample read beside the rows, and a key table that fills up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAggregator, type Aggregator } from '../src/analyse/aggregator.js';
import { ReportBuilder, type OverviewConfig } from '../src/report/report-builder.js';
import type { Report } from '../src/report/report.js';
import type { RowTaker } from '../src/scan/row-taker.js';
import { memorySource } from '../src/sources/sources.js';

/** The same builder with its rows hidden: every line is read as a record. */
function recordsOnly(builder: ReportBuilder): Aggregator<Report> {
  return {
    fields: builder.fields,
    errorFields: builder.errorFields,
    sampledFields: builder.sampledFields,
    inSample: builder.inSample,
    add: (record, file, line) => builder.add(record, file, line),
    addSampled: (record, sample) => builder.addSampled(record, sample),
    finish: (input) => builder.finish(input),
  };
}

/** The builder, its rows counted as its takers take them. */
function countingRows(builder: ReportBuilder): { aggregator: ReportBuilder; rows: () => number } {
  let rows = 0;
  const sink = builder.columnSink;
  if (sink === undefined) return { aggregator: builder, rows: () => 0 };
  const counted = new Map<RowTaker, RowTaker>();
  const takerFor = sink.takerFor.bind(sink);
  Object.defineProperty(builder, 'columnSink', {
    value: {
      takerFor: (layout: Parameters<typeof takerFor>[0]) => {
        const taker = takerFor(layout);
        if (taker === undefined) return undefined;
        if (!counted.has(taker))
          counted.set(taker, {
            plan: taker.plan,
            take: (values, at, epoch, piece) => {
              rows++;
              taker.take(values, at, epoch, piece);
            },
          });
        return counted.get(taker);
      },
    },
  });
  return { aggregator: builder, rows: () => rows };
}

/** The report, or the error that stopped it (a file that is no log). */
const outcome = (run: Promise<Report>): Promise<Report | string> => run.catch((error: Error) => `${error.name}: ${error.message}`);

interface Config {
  by: string[];
  maxKeys?: number;
  overview?: OverviewConfig | false;
}

/** Both reports of `text` under `config`, and how many lines came as rows. */
async function bothReports(name: string, text: string | Buffer, config: Config) {
  const make = () => new ReportBuilder(config.by, config.maxKeys, config.overview ?? false);
  const { aggregator, rows } = countingRows(make());
  const withRows = await outcome(runAggregator([memorySource(name, text)], aggregator));
  const withoutRows = await outcome(runAggregator([memorySource(name, text)], recordsOnly(make())));
  return { withRows, withoutRows, rows: rows() };
}

const CONFIGS: [string, Config][] = [
  ['codes', { by: [] }],
  ['codes with a sampled overview', { by: [], overview: { depth: 'lean', oneIn: 2 } }],
  ['by uri', { by: ['uri'] }],
  ['by uri, pruned', { by: ['uri'], maxKeys: 4 }],
  ['by uri with a sampled overview', { by: ['uri'], overview: { depth: 'lean', oneIn: 2 } }],
  ['by method', { by: ['method'] }],
  ['by site', { by: ['site'] }],
  ['by user', { by: ['user'] }],
  ['by host', { by: ['host'] }],
];

const FIXTURE_FOLDERS = ['w3c', 'httperr', 'w3c-headerless', 'reports', 'malformed', 'mixed-folder'];

function fixtures(): [string, Buffer][] {
  return FIXTURE_FOLDERS.flatMap((folder) => {
    const dir = new URL(`../fixtures/${folder}/`, import.meta.url);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.log'))
      .map((f): [string, Buffer] => [`${folder}/${f}`, readFileSync(new URL(f, dir))]);
  });
}

const FIELDS =
  '#Fields: date time s-sitename s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs-host cs(User-Agent) sc-status sc-substatus sc-win32-status sc-bytes time-taken';

/** A deterministic mix of plain IIS lines and the lines real and hostile logs hold, `count` of them. */
function hostileLog(count: number, distinctUris: number): string {
  let seed = 7;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const pick = <T>(values: readonly T[]): T => values[next(values.length)]!;
  const statuses = ['200', '200', '200', '200', '200', '200', '304', '301', '404', '500', '401', '503', '-', '600', '099', '2x0'];
  const uris = ['/', '/a', '/api/items', '/caf\u00e9', '"/quoted path"', '-', '/a+b', `/${'k'.repeat(520)}`, '/x\ty'];
  const lines = ['#Software: Microsoft Internet Information Services 10.0', FIELDS];
  for (let i = 0; i < count; i++) {
    const odd = next(10) === 0;
    const uri = odd ? pick(uris) : `/page/${next(distinctUris)}`;
    const status = odd ? pick(statuses) : pick(statuses.slice(0, 10));
    const values = [
      '2024-05-01',
      `10:${String(next(60)).padStart(2, '0')}:00`,
      odd ? pick(['W3SVC1', '-', 'Default+Web+Site']) : 'W3SVC1',
      '10.0.0.5',
      odd ? pick(['GET', '-', 'PROPFIND', '"GET"']) : pick(['GET', 'POST']),
      uri,
      '-',
      '443',
      odd ? pick(['-', 'CONTOSO\\bob', 'b\u00f6b']) : pick(['-', 'alice']),
      odd ? pick(['-', '2001:db8::1', '"10.0.0.9"', '']) : `192.0.${next(3)}.${next(200)}`,
      odd ? pick(['-', 'www.example.com', 'EXAMPLE.com:443']) : 'www.example.com',
      'Mozilla/5.0+(Windows+NT+10.0)',
      status,
      odd ? pick(['0', '-', '19', '1234567', '999999']) : '0',
      odd ? pick(['0', '-', '64', '2148074254', 'x']) : '0',
      odd ? pick(['0', '-', '123456789012345678']) : String(next(100000)),
      odd ? pick(['-', '0.25', '99999999999', '999999999999999', '1e3']) : String(next(3000)),
    ];
    let line = values.join(' ');
    if (odd && next(4) === 0)
      line = pick([`${line} extra`, line.replace(' ', '  '), line.slice(0, line.lastIndexOf(' ')), `\u0000${line}`, ` ${line}`]);
    lines.push(line);
    if (next(5000) === 0)
      lines.push('#Fields: date time cs-uri-stem c-ip sc-status time-taken', `2024-05-01 11:00:00 /short 192.0.2.1 200 5`, FIELDS);
  }
  return `${lines.join(next(2) === 0 ? '\r\n' : '\n')}\n`;
}

describe('report: lines taken as rows', () => {
  for (const [label, config] of CONFIGS) {
    it(`${label}: the fixtures give the report every line read as a record gives`, async () => {
      for (const [name, text] of fixtures()) {
        const { withRows, withoutRows } = await bothReports(name, text, config);
        expect(withRows, name).toEqual(withoutRows);
      }
    });

    it(`${label}: a log of hostile lines, many URIs among them, gives the same report too`, async () => {
      const { withRows, withoutRows, rows } = await bothReports('hostile.log', hostileLog(30_000, 8_000), config);
      expect(withRows).toEqual(withoutRows);
      // Many lines did come as rows (not errors without a URI key, sampled lines, `-` keys): the comparison is of the two paths.
      expect(rows).toBeGreaterThan(config.overview ? 5_000 : 10_000);
    });
  }

  // The key table holds 32,768 keys: URIs that mostly come once turn the report to keys by text
  // after it fills, URIs that come back keep their ids from one table to the next.
  for (const [label, lines, uris] of [
    ['mostly once', 80_000, 60_000],
    ['about six times each', 200_000, 33_000],
  ] as const) {
    it(`a key table filled over by URIs that come ${label}, and a pruned table, agree with records`, async () => {
      const text = hostileLog(lines, uris);
      for (const config of [{ by: ['uri'] }, { by: ['uri'], maxKeys: 50 }]) {
        const { withRows, withoutRows, rows } = await bothReports('many-uris.log', text, config);
        expect(withRows).toEqual(withoutRows);
        expect(rows).toBeGreaterThan(lines * 0.75);
      }
    });
  }
});
