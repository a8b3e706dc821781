import type { Readable } from 'node:stream';
import split2 from 'split2';
import type { CliIO, Command, ParsedArgs } from '../command.js';
import { EXIT_OK, EXIT_USAGE } from '../command.js';
import { EXPLAIN_FORMS, explain, type CodeEntry, type CodeKind, type Explanation } from '../../decode/index.js';
import { isLogtallyError, LogtallyError } from '../../errors/logtally-error.js';
import { forTerminal as safe, safeJson } from '../../render/sanitize.js';

const FORMATS = ['table', 'json'] as const;
type Format = (typeof FORMATS)[number];

const help = `Usage: logtally explain [--format table|json] CODE...  (or - to read codes from stdin)

Explain what a status code found in a web server log means, where the meaning
comes from, and for common IIS combinations what is likely wrong and what to check.

CODE can be:
  404                      HTTP status (IANA registry, plus vendor codes such as
                           nginx 499, Cloudflare 520-527, AWS ELB 460-464)
  404.3                    IIS status.substatus (IIS 7+, IIS 5/6 labels, ARR,
                           ASP.NET Core Module)
  500.19.13                IIS status.substatus.win32, as in sc-status
                           sc-substatus sc-win32-status; adds a diagnosis
  win32:64  or  64         Win32 value from sc-win32-status (a bare number
                           outside 100-599 is read as Win32)
  0x80070005, 2148074254   HRESULT in hex or in the decimal form IIS writes
  ERROR_ACCESS_DENIED      Win32 symbolic name
  httperr:Timer_ConnectionIdle
                           HTTP.sys error log (HTTPERR) s-reason
  -                        the codes on stdin, separated by blanks or lines;
                           each distinct code once, in the order first seen

Options:
  --format table|json      table (default): one readable block per code.
                           json: an array, one object per code, with input,
                           code, kind, meaning, source, class, diagnosis and
                           the table entries used.
  --debug                  show internal error details
  --help                   show this help

Exit status:
  0  every code was explained
  2  a code could not be read (the others are still printed), or bad options

Examples:
  logtally explain 404.3
  logtally explain 500.19.13 401.2.5 200.0.64
  logtally explain win32:64 0x80070005 2148074254
  logtally explain httperr:Timer_ConnectionIdle
  logtally explain --format json 502.5 | jq '.[0].entries'
  awk '!/^#/ {print $11"."$12"."$13}' u_ex261101.log | logtally explain -
`;

const entryLine = (e: CodeEntry): string => {
  const label = [
    e.name,
    e.vendor && e.kind === 'http-status' ? e.vendor : undefined,
    e.iisVersion,
    e.registry && e.registry !== 'permanent' ? e.registry : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return `    ${e.code.padEnd(18)} ${label ? `[${label}] ` : ''}${e.meaning}\n      ${e.source}`;
};

const KIND_NAMES: Record<CodeKind, string> = {
  'http-status': 'HTTP status',
  'iis-substatus': 'IIS status.substatus',
  diagnosis: 'IIS status.substatus.win32',
  win32: 'sc-win32-status',
  'httperr-reason': 'HTTPERR s-reason',
};

/**
 * What an argument was read as, in a log's terms: `0x80070005` is the `sc-win32-status 2147942405`
 * IIS writes, and a bare `999` a Win32 value, not an HTTP status. The code is named when it is not
 * the argument as typed.
 */
const bare = (code: string): string => code.trim().replace(/^(win32|httperr):/i, '');

function readAs(x: Explanation): string {
  const code = bare(x.code);
  return x.kind === 'win32' || code !== bare(x.input) ? `${KIND_NAMES[x.kind]} ${code}` : KIND_NAMES[x.kind];
}

function renderText(x: Explanation): string {
  const lines = [`${safe(x.input)}  (${readAs(x)})`, `  meaning:   ${x.meaning}`];
  if (x.class) lines.push(`  class:     ${x.class}`);
  if (x.diagnosis) lines.push(`  diagnosis: ${x.diagnosis}`);
  lines.push(`  source:    ${x.source}`);
  if (x.entries.length > 1) lines.push('  decoded from:', ...x.entries.map(entryLine));
  return lines.join('\n');
}

/** How an argument that is not a code appears in `--format json`. */
interface Unknown {
  input: string;
  code: null;
  kind: null;
  meaning: null;
  source: null;
  error: string;
}

/**
 * The arguments with `-` replaced by the codes read from stdin (a column cut from a log, one per
 * line, or several to a line), each distinct code once. Lines are short here, which is what split2
 * is for; log lines go through scan's own splitter.
 */
const MAX_CODES_LINE = 64 * 1024;

async function withStdinCodes(positionals: readonly string[], stdin: Readable): Promise<string[]> {
  const tooLong = new LogtallyError(
    'USAGE',
    `a line on stdin is longer than ${MAX_CODES_LINE / 1024} KiB: explain - reads codes, not whole logs`,
  );
  const codes = new Set<string>();
  // split2's maxLength stops an unfinished line growing without bound; a whole one is checked here.
  const lines = stdin.pipe(split2({ maxLength: MAX_CODES_LINE })) as AsyncIterable<string>;
  try {
    for await (const line of lines) {
      if (line.length > MAX_CODES_LINE) throw tooLong;
      for (const code of line.split(/\s+/)) if (code !== '') codes.add(code);
    }
  } catch {
    throw tooLong;
  }
  return positionals.flatMap((p) => (p === '-' ? [...codes] : [p]));
}

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const format = (args.values.format ?? 'table') as string;
  if (!(FORMATS as readonly string[]).includes(format)) {
    io.stderr.write(`logtally explain: --format must be table or json, not "${safe(String(format))}"\n`);
    return EXIT_USAGE;
  }
  if (args.positionals.length === 0) {
    io.stderr.write(`logtally explain: give at least one code: ${EXPLAIN_FORMS}. See logtally explain --help.\n`);
    return EXIT_USAGE;
  }

  // One entry per argument, in order; an argument that is not a code keeps its place with an error.
  const answers: (Explanation | Unknown)[] = [];
  const inputs = args.positionals.includes('-') ? await withStdinCodes(args.positionals, io.stdin) : args.positionals;
  for (const input of inputs) {
    try {
      answers.push(explain(input));
    } catch (err) {
      if (!isLogtallyError(err) || err.code !== 'UNKNOWN_CODE') throw err;
      answers.push({ input, code: null, kind: null, meaning: null, source: null, error: err.message });
      io.stderr.write(`logtally explain: ${safe(err.message)}\n`);
    }
  }
  const known = answers.filter((a): a is Explanation => !('error' in a));

  if ((format as Format) === 'json') {
    // Escaped control characters are inert, so `input` can stay exactly as given.
    io.stdout.write(`${safeJson(answers, 2)}\n`);
  } else if (known.length > 0) {
    io.stdout.write(`${known.map(renderText).join('\n\n')}\n`);
  }
  return known.length < answers.length ? EXIT_USAGE : EXIT_OK;
}

export const explainCommand: Command = {
  name: 'explain',
  summary: 'what an HTTP status, IIS sub-status, Win32/HRESULT and HTTPERR code means, and what to check',
  help,
  options: {
    format: { type: 'string', default: 'table' },
    // Accepted as on every command, so a wrapper can pass it to all of them.
    debug: { type: 'boolean' },
  },
  run,
};
