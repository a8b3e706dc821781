import { lookupTable } from './lookup-table.js';
/**
 * The layouts of W3C lines that come without a `#Fields:` header (an excerpt, a file cut mid-way,
 * a header lost to rotation, a shipper that drops `#` lines), worked out from the values.
 * HTTP.sys writes one of three fixed HTTPERR layouts and IIS FTP one default layout, matched by
 * column count and value shapes.
 * IIS writes whichever fields are selected in one fixed order, custom fields last, so an IIS line
 * is matched against that order: the method, port, client address and the status triple anchor
 * it, and value shapes place the optional text fields between them.
 */
export interface StandardLayout {
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
const VERSION = /^HTTP\/[\d.]+$/;
const GUID = /^[\dA-Fa-f]{8}-[\dA-Fa-f]{4}-[\dA-Fa-f]{4}-[\dA-Fa-f]{4}-[\dA-Fa-f]{12}$/;
const IP_OR_DASH = /^(\d{1,3}(\.\d{1,3}){3}|[\dA-Fa-f]*:[\dA-Fa-f:.]*(%\S*)?|-)$/;

const HTTPERR_13 = 'date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename';
const HTTPERR_14 = 'date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename';
const HTTPERR_18 =
  'date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid streamid_ex sc-status s-siteid s-reason s-queuename transport fault-code extended-fault-code';

/** IIS 7.5+ FTP's default fields; x-session is the session's GUID. */
const IIS_FTP_13 =
  'date time c-ip cs-username s-ip s-port cs-method cs-uri-stem sc-status sc-win32-status sc-substatus x-session x-fullpath';

const httperrShapes = (statusColumn: number) => ({ 0: DATE, 1: TIME, 3: PORT, 5: PORT, 6: VERSION_OR_DASH, [statusColumn]: STATUS });

/** Layouts HTTP.sys and IIS FTP write with a fixed field list. */
const FIXED_LAYOUTS: readonly StandardLayout[] = [
  { label: 'httperr', description: 'HTTP API 2.0 HTTPERR 13-field', fields: HTTPERR_13.split(' '), shapes: httperrShapes(9) },
  { label: 'httperr', description: 'HTTPERR 14-field (streamid)', fields: HTTPERR_14.split(' '), shapes: httperrShapes(10) },
  { label: 'httperr', description: 'HTTPERR 18-field (Windows Server 2022)', fields: HTTPERR_18.split(' '), shapes: httperrShapes(11) },
  {
    label: 'w3c',
    description: 'IIS FTP default 13-field',
    fields: IIS_FTP_13.split(' '),
    shapes: { 0: DATE, 1: TIME, 5: PORT, 8: STATUS, 9: NUMBER, 10: NUMBER, 11: GUID },
  },
];

/** Layouts IIS writes out of the box, named in the report when the inferred fields are one of them. */
export const KNOWN_IIS_LAYOUTS: Readonly<Record<string, string>> = lookupTable({
  'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken':
    'IIS 7–8 default 14-field',
  'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken':
    'IIS 8.5+ default 15-field',
  'date time s-sitename s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status':
    'IIS 6 default 14-field',
  'date time s-sitename cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Cookie) cs(Referer) cs-host sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken':
    'Azure App Service 19-field',
  'date time s-sitename s-computername s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs-version cs(User-Agent) cs(Cookie) cs(Referer) cs-host sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken':
    'IIS all-fields 22-field',
});

/**
 * Text fields IIS may log between the client address and the status, in IIS's order. `score`
 * says how well a value fits: 1 typical, 0 neutral (`-`), -1 unlikely. `usual` breaks ties
 * between equally fitting choices: how often the field is selected (user agent, then referer).
 */
interface TextField {
  name: string;
  score: (value: string) => number;
  usual: number;
}
const dashOr = (test: (v: string) => boolean) => (v: string) => (v === '-' ? 0 : test(v) ? 1 : -1);
const TEXT_FIELDS: readonly TextField[] = [
  { name: 'cs(User-Agent)', score: (v) => (v !== '-' && /[/(+]/.test(v) ? 1 : 0), usual: 4 },
  { name: 'cs(Cookie)', score: dashOr((v) => v.includes('=')), usual: 2 },
  { name: 'cs(Referer)', score: dashOr((v) => /^https?:\/\//i.test(v)), usual: 3 },
  { name: 'cs-host', score: dashOr((v) => /^[\w.-]+(:\d+)?$/.test(v) && v.includes('.')), usual: 1 },
];

/** Ordered subsets of `items` of size `size`. */
function subsets<T>(items: readonly T[], size: number, from = 0): T[][] {
  if (size === 0) return [[]];
  const out: T[][] = [];
  for (let i = from; i <= items.length - size; i++) for (const rest of subsets(items, size - 1, i + 1)) out.push([items[i]!, ...rest]);
  return out;
}

/** The text fields that best fit the values between client address and status, or undefined if more than IIS has. */
function textFieldsFor(rows: readonly string[][], start: number, count: number): string[] | undefined {
  if (count === 0) return [];
  const version = rows.some((r) => VERSION.test(r[start]!)) ? ['cs-version'] : [];
  const rest = count - version.length;
  if (rest > TEXT_FIELDS.length) return undefined;
  let best: TextField[] = [];
  let bestScore = -Infinity;
  let bestUsual = -Infinity;
  for (const candidate of subsets(TEXT_FIELDS, rest)) {
    let score = 0;
    for (const row of rows) {
      candidate.forEach((field, i) => {
        score += field.score(row[start + version.length + i]!);
      });
    }
    const usual = candidate.reduce((sum, f) => sum + f.usual, 0);
    if (score > bestScore || (score === bestScore && usual > bestUsual)) {
      best = candidate;
      bestScore = score;
      bestUsual = usual;
    }
  }
  return [...version, ...best.map((f) => f.name)];
}

/**
 * Fields between time and method: s-ip when the last is an address; the names before it are
 * s-sitename, then s-computername (the site name is the one IIS 6 and Azure log by default).
 */
function serverFieldsFor(values: readonly string[]): string[] | undefined {
  const ip = values.length > 0 && IP_OR_DASH.test(values[values.length - 1]!) ? ['s-ip'] : [];
  const names = values.length - ip.length;
  return names > 2 ? undefined : [...['s-sitename', 's-computername'].slice(0, names), ...ip];
}

/** After the status triple: byte counts and time-taken (numbers, time-taken last), then custom fields. */
function tailFieldsFor(rows: readonly string[][], start: number, count: number): string[] {
  let numeric = 0;
  while (numeric < Math.min(count, 3) && rows.every((r) => NUMBER.test(r[start + numeric]!) || r[start + numeric] === '-')) numeric++;
  const standard = [[], ['time-taken'], ['sc-bytes', 'time-taken'], ['sc-bytes', 'cs-bytes', 'time-taken']][numeric]!;
  const custom = Array.from({ length: count - numeric }, (_, i) => `x-custom-${i + 1}`);
  return [...standard, ...custom];
}

/**
 * One number after the status triple is time-taken in IIS's default layouts, but a layout with
 * time-taken deselected ends in sc-bytes (a 20-field excerpt of all fields but cs-bytes and
 * time-taken): the values cannot tell them apart, so the note says how to settle it.
 */
const loneNumberCaveat = (fields: readonly string[], tail: readonly string[]): string =>
  tail.length === 1 && tail[0] === 'time-taken' && fields.some((f) => NOT_SELECTED_BY_DEFAULT.has(f))
    ? "; its last number is read as time-taken, as IIS logs by default: if it is sc-bytes, put the log's #Fields line first"
    : '';
/** Fields IIS logs only when chosen: a layout with them is a hand-picked selection, which may have left time-taken out. */
const NOT_SELECTED_BY_DEFAULT = new Set(['s-sitename', 's-computername', 'cs-version', 'cs(Cookie)', 'cs-host']);

/**
 * True when more than half the rows pass. Scanners send methods such as `get` or `nGET` and IIS
 * logs them as sent, so one such line among the first ones must not hide the layout.
 */
const mostly = (rows: readonly string[][], test: (row: readonly string[]) => boolean): boolean =>
  rows.filter(test).length * 2 > rows.length;

const isStatusTriple = (row: readonly string[], at: number): boolean =>
  /^\d{3}$/.test(row[at]!) && NUMBER.test(row[at + 1] ?? '') && NUMBER.test(row[at + 2] ?? '');

/**
 * Rows of one length matched to IIS's field order: date time [server fields] method stem query
 * port username client [text fields] status substatus win32 [numbers] [custom]. Undefined when
 * the rows do not have that shape.
 */
export function inferIisLayout(sampled: readonly string[][]): StandardLayout | undefined {
  // Most rows decide; a damaged one (a line cut at the start of an excerpt) is left to be rejected.
  const length = sampled[0]?.length;
  const dated = sampled.filter((r) => r.length === length && DATE.test(r[0]!) && TIME.test(r[1]!));
  if (dated.length === 0 || dated.length * 2 <= sampled.length) return undefined;
  const method = [2, 3, 4, 5].find(
    (i) =>
      mostly(dated, (r) => METHOD.test(r[i] ?? '')) && mostly(dated, (r) => PORT.test(r[i + 3] ?? '') && IP_OR_DASH.test(r[i + 5] ?? '')),
  );
  if (method === undefined) return undefined;
  const port = method + 3;
  const client = method + 5;
  let status = client + 1;
  while (status < length! && !mostly(dated, (r) => isStatusTriple(r, status))) status++;
  if (status >= length!) return undefined;
  const rows = dated.filter((r) => PORT.test(r[port]!) && IP_OR_DASH.test(r[client]!) && isStatusTriple(r, status));
  const first = rows[0]!;
  const server = serverFieldsFor(first.slice(2, method));
  const text = textFieldsFor(rows, client + 1, status - client - 1);
  if (server === undefined || text === undefined) return undefined;
  const tail = tailFieldsFor(rows, status + 3, first.length - status - 3);
  const fields = [
    'date',
    'time',
    ...server,
    'cs-method',
    'cs-uri-stem',
    'cs-uri-query',
    's-port',
    'cs-username',
    'c-ip',
    ...text,
    'sc-status',
    'sc-substatus',
    'sc-win32-status',
    ...tail,
  ];
  const key = fields.join(' ');
  return {
    label: 'w3c',
    description:
      KNOWN_IIS_LAYOUTS[key] ?? `IIS ${fields.length}-field (inferred from the values in IIS field order${loneNumberCaveat(fields, tail)})`,
    fields,
    shapes: { 0: DATE, 1: TIME, [method]: METHOD, [port]: PORT, [status]: STATUS, [status + 1]: NUMBER, [status + 2]: NUMBER },
  };
}

function fits(layout: StandardLayout, values: readonly string[]): boolean {
  if (values.length !== layout.fields.length) return false;
  for (const [column, shape] of Object.entries(layout.shapes)) if (!shape.test(values[Number(column)]!)) return false;
  return true;
}

/** The IIS layout inferred from the most common column count among the rows, if any. */
function iisCandidate(rows: readonly string[][]): StandardLayout | undefined {
  const byLength = new Map<number, string[][]>();
  for (const row of rows) byLength.set(row.length, [...(byLength.get(row.length) ?? []), row]);
  const common = [...byLength.values()].sort((a, b) => b.length - a.length)[0];
  return common && inferIisLayout(common);
}

/** The layout most of these data lines fit, if at least half of them fit one. */
export function guessLayout(lines: readonly string[]): StandardLayout | undefined {
  // Runs of spaces separate values as one space does, as the W3C parser reads them.
  const rows = lines.filter((l) => !l.startsWith('#')).map((l) => l.split(' ').filter((v) => v !== ''));
  if (rows.length === 0) return undefined;
  const iis = iisCandidate(rows);
  const candidates = iis ? [...FIXED_LAYOUTS, iis] : FIXED_LAYOUTS;
  let best: StandardLayout | undefined;
  let bestHits = 0;
  for (const layout of candidates) {
    const hits = rows.filter((r) => fits(layout, r)).length;
    if (hits > bestHits) {
      best = layout;
      bestHits = hits;
    }
  }
  return bestHits * 2 >= rows.length ? best : undefined;
}
