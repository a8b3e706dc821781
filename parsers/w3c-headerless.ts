/**
 * W3C lines with no `#Fields:` header: the layout is worked out once from the lines detection saw
 * (see w3c-layouts.ts), and the report says which layout was assumed. A `#Fields:` line later in
 * the file takes over. A file whose first lines hold directives is left to the W3C parser, which
 * infers the layout of data lines before its first `#Fields:` the same way.
 */
import type { LogFormat } from './types.js';
import { W3cParser } from './w3c.js';
import { guessLayout, KNOWN_IIS_LAYOUTS, type StandardLayout } from './w3c-layouts.js';
import { describedBy } from './formats/format-info.js';
import { W3C_HEADERLESS } from './formats/iis.js';

/** Forced with --log-format and nothing seen yet: the layout IIS has written by default since 8.5. */
const IIS_15 =
  'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';
const DEFAULT_LAYOUT: StandardLayout = { label: 'w3c', description: KNOWN_IIS_LAYOUTS[IIS_15]!, fields: IIS_15.split(' '), shapes: {} };

export const w3cHeaderlessFormat: LogFormat = {
  ...describedBy(W3C_HEADERLESS),
  detect(firstLines) {
    // Directives among the first lines: the W3C parser reads the file, inferring the layout of lines before its first #Fields.
    if (firstLines.some((l) => l.startsWith('#'))) return 0;
    const layout = guessLayout(firstLines);
    // IIS FTP lines are a service log, not a web log: skipped like a headed one (parsers/index.ts).
    return layout && !layout.fields.includes('x-session') ? 0.8 : 0;
  },
  create(ctx) {
    const layout = guessLayout(ctx.firstLines ?? []) ?? DEFAULT_LAYOUT;
    return new W3cParser(ctx, {
      label: layout.label,
      assumedFields: layout.fields,
      assumedNote: `no #Fields header: assumed the ${layout.description} layout (${layout.fields.join(' ')})`,
    });
  },
};
