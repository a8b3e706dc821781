/**
 * W3C lines with no `#Fields:` header (an excerpt, a file cut mid-way, a header lost to rotation):
 * matched against the standard layouts IIS and HTTP.sys write by column count and value shapes.
 * The report says which layout was assumed. A `#Fields:` line later in the file takes over. A file
 * whose first lines hold directives but no `#Fields:` is left to the W3C parser, which rejects its
 * data lines instead of guessing.
 */
import { HTTPERR_SPEC } from './httperr.js';
import type { LogFormat } from './types.js';
import { W3cParser } from './w3c.js';

interface StandardLayout {
  label: 'w3c' | 'httperr';
  description: string;
  fields: readonly string[];
  /** Column index → shape its values must have. */
  shapes: Readonly<Record<number, RegExp>>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}:\d{2}(\.\d+)?$/;
const PORT = /^\d{1,5}$/;
const STATUS = /^(\d{3}|-)$/;
const NUMBER = /^\d+$/;
const METHOD = /^[A-Z][A-Z_-]*$/;
const VERSION_OR_DASH = /^(HTTP\/[\d.]+|-)$/;

const HTTPERR_13 = 'date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename';
const HTTPERR_14 = 'date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename';
const HTTPERR_18 =
  'date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid streamid_ex sc-status s-siteid s-reason s-queuename transport fault-code extended-fault-code';
const IIS_14 = 'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken';
const IIS_15 = 'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';

const httperrShapes = (statusColumn: number) => ({ 0: DATE, 1: TIME, 3: PORT, 5: PORT, 6: VERSION_OR_DASH, [statusColumn]: STATUS });
const iisShapes = (statusColumn: number) => ({ 0: DATE, 1: TIME, 3: METHOD, 6: PORT, [statusColumn]: STATUS, [statusColumn + 1]: NUMBER, [statusColumn + 2]: NUMBER, [statusColumn + 3]: NUMBER });

export const STANDARD_LAYOUTS: readonly StandardLayout[] = [
  { label: 'httperr', description: 'HTTP API 2.0 HTTPERR 13-field', fields: HTTPERR_13.split(' '), shapes: httperrShapes(9) },
  { label: 'httperr', description: 'HTTPERR 14-field (streamid)', fields: HTTPERR_14.split(' '), shapes: httperrShapes(10) },
  { label: 'httperr', description: 'HTTPERR 18-field (Windows Server 2022)', fields: HTTPERR_18.split(' '), shapes: httperrShapes(11) },
  { label: 'w3c', description: 'IIS 7–8 default 14-field', fields: IIS_14.split(' '), shapes: iisShapes(10) },
  { label: 'w3c', description: 'IIS 8.5+ default 15-field', fields: IIS_15.split(' '), shapes: iisShapes(11) },
];

function fits(layout: StandardLayout, line: string): boolean {
  const values = line.split(' ');
  if (values.length !== layout.fields.length) return false;
  for (const [column, shape] of Object.entries(layout.shapes)) if (!shape.test(values[Number(column)]!)) return false;
  return true;
}

/** The standard layout most of these data lines fit, if at least half of them fit one. */
export function guessLayout(lines: readonly string[]): StandardLayout | undefined {
  const data = lines.filter((l) => !l.startsWith('#'));
  if (data.length === 0) return undefined;
  let best: StandardLayout | undefined;
  let bestHits = 0;
  for (const layout of STANDARD_LAYOUTS) {
    const hits = data.filter((l) => fits(layout, l)).length;
    if (hits > bestHits) {
      best = layout;
      bestHits = hits;
    }
  }
  return bestHits * 2 >= data.length ? best : undefined;
}

export const w3cHeaderlessFormat: LogFormat = {
  name: 'w3c-headerless',
  title: 'IIS / HTTPERR lines without a #Fields header (standard layout assumed)',
  spec: HTTPERR_SPEC,
  samples: ['2018-01-01 08:09:10 172.31.77.6 2094 172.31.77.6 80 HTTP/1.1 GET /qos/1kbfile.txt 503 - ConnLimit -'],
  detect(firstLines) {
    // Directives without #Fields are a damaged header, not an excerpt: W3C rejects those lines rather than guess.
    if (firstLines.some((l) => l.startsWith('#'))) return 0;
    return guessLayout(firstLines) ? 0.8 : 0;
  },
  create(ctx) {
    // Forced with --log-format and nothing seen yet: the layout IIS has written by default since 8.5.
    const layout = guessLayout(ctx.firstLines ?? []) ?? STANDARD_LAYOUTS[STANDARD_LAYOUTS.length - 1]!;
    return new W3cParser(ctx, {
      label: layout.label,
      assumedFields: layout.fields,
      assumedNote: `no #Fields header: assumed the ${layout.description} layout (${layout.fields.join(' ')})`,
    });
  },
};
