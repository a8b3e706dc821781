/**
 * The tables logtally decodes with, as one ClickHouse table `codes`, so SQL and Grafana can join
 * meanings onto `requests`: HTTP statuses, IIS sub-statuses, Win32 codes, HTTP.sys reasons and
 * the diagnoses of status.substatus.win32 patterns (`*` where any value fits, -1 in the numeric
 * columns). Rebuilt when its row count differs from logtally's (a new release, an interrupted load).
 */
import {
  DIAGNOSIS_ENTRIES,
  HTTP_STATUS_ENTRIES,
  HTTPERR_REASON_ENTRIES,
  IIS_SUBSTATUS_ENTRIES,
  WIN32_ENTRIES,
  type CodeEntry,
} from '../decode/index.js';
import { sqlName } from './client.js';
import { tsvText } from './row-encoder.js';
import type { Target } from './target.js';

const ENTRIES: readonly CodeEntry[] = [
  ...HTTP_STATUS_ENTRIES,
  ...IIS_SUBSTATUS_ENTRIES,
  ...WIN32_ENTRIES,
  ...HTTPERR_REASON_ENTRIES,
  ...DIAGNOSIS_ENTRIES,
];

const codesTable = (table: string): string => `CREATE TABLE IF NOT EXISTS ${table} (
  kind String, code String, status Int32, substatus Int64, win32 Int64, reason String,
  name String, meaning String, vendor String, iis_version String, source String
) ENGINE = MergeTree ORDER BY (kind, code)`;

/** A code part as a number, -1 for `*` or absent. */
const part = (text: string | undefined): number => (text === undefined || text === '*' || text === '' ? -1 : Number(text));

function numericParts(entry: CodeEntry): [number, number, number, string] {
  if (entry.kind === 'win32') return [-1, -1, Number(entry.code.slice('win32:'.length)), ''];
  if (entry.kind === 'httperr-reason') return [-1, -1, -1, entry.code.slice('httperr:'.length)];
  const [status, substatus, win32] = entry.code.split('.');
  return [part(status), part(substatus), part(win32), ''];
}

function row(entry: CodeEntry): string {
  const [status, substatus, win32, reason] = numericParts(entry);
  const text = [entry.kind, entry.code].map(tsvText);
  const rest = [reason, entry.name ?? '', entry.meaning, entry.vendor ?? '', entry.iisVersion ?? '', entry.source].map(tsvText);
  return `${[...text, status, substatus, win32, ...rest].join('\t')}\n`;
}

export async function ensureCodeTables(target: Target): Promise<void> {
  const table = `${sqlName(target.database)}.codes`;
  for (const server of target.servers) {
    await server.execute(codesTable(table));
    const [count] = await server.query(`SELECT count() FROM ${table}`);
    if (Number(count?.[0]) === ENTRIES.length) continue;
    await server.execute(`TRUNCATE TABLE ${table}`);
    await server.insert(`INSERT INTO ${table} FORMAT TabSeparated`, Buffer.from(ENTRIES.map(row).join('')));
  }
}
