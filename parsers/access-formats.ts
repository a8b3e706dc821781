/**
 * The access-log layouts found without being told (their data is parsers/formats/access-layouts.ts),
 * compiled into scanners. A user's own `LogFormat`/`log_format` string becomes a format with no
 * fallbacks (`--log-format 'apache:…'`, `--log-format 'nginx:…'`).
 */
import { AccessLogParser, matchShare, withExtraFields, type CompiledAccessFormat } from './access-log.js';
import { fastAccessReaders } from './access-reader.js';
import { APACHE_SPEC, compileApacheFormat } from './apache.js';
import { compileEnvoyFormat, type ENVOY_FORMATS } from './envoy.js';
import { ACCESS_LAYOUTS, type AccessLayout } from './formats/access-layouts.js';
import { sampleLines } from './formats/format-info.js';
import { compileNginxFormat, NGINX_SPEC } from './nginx.js';
import type { LogFormat } from './types.js';

/**
 * A layout found without being told is a guess: only nginx's own `0.012` shape (`%T.%03M`) is read
 * as its $request_time, so an integer in that place (a byte count, Apache's %D) is not taken for seconds.
 */
const strictRequestTime = (format: CompiledAccessFormat): CompiledAccessFormat => ({
  ...format,
  fields: format.fields.map((f) => (f.source === '$request_time' ? { ...f, decimals: 3 } : f)),
});

function compileLayout(layout: AccessLayout): CompiledAccessFormat {
  const { syntax, format, label, extra } = layout;
  let compiled =
    syntax === 'envoy'
      ? compileEnvoyFormat(format as keyof typeof ENVOY_FORMATS, label)
      : syntax === 'nginx'
        ? compileNginxFormat(format, label)
        : compileApacheFormat(format, label);
  if (layout.strictRequestTime) compiled = strictRequestTime(compiled);
  return extra === undefined ? compiled : withExtraFields(compiled, label, extra === 'unquoted');
}

let compiled: CompiledAccessFormat[] | undefined;
/** The layouts of ACCESS_LAYOUTS compiled, in order; lazily, once per process. */
export const compiledAccessLayouts = (): CompiledAccessFormat[] => (compiled ??= ACCESS_LAYOUTS.map(compileLayout));
const family = compiledAccessLayouts;

/** The layouts a parser of layout `index` reads with, in order: that one, then the others lines may fall back on. */
export function familyOf(index: number): CompiledAccessFormat[] {
  const all = family();
  return [all[index]!, ...all.filter((_, i) => i !== index && ACCESS_LAYOUTS[i]!.fallback !== false)];
}

function builtinFormat(index: number): LogFormat {
  const b = ACCESS_LAYOUTS[index]!;
  return {
    name: b.name,
    title: b.description,
    spec: b.spec,
    samples: sampleLines(b),
    detect(firstLines) {
      // Slightly below W3C's certainty: a header-bearing format wins over a line-shape match.
      return 0.9 * matchShare(family()[index]!, firstLines);
    },
    create: (ctx) => new AccessLogParser(familyOf(index), ctx, [], fastAccessReaders(ctx)),
  };
}

export const ACCESS_FORMATS: readonly LogFormat[] = ACCESS_LAYOUTS.map((_, i) => builtinFormat(i));

/**
 * `apache:FORMAT` or `nginx:FORMAT`, where FORMAT is a nickname (`combined`, `main`) or the format
 * string itself. Throws Error with a message for the user when the string cannot be compiled.
 */
export function customAccessFormat(spec: string): LogFormat | undefined {
  const colon = spec.indexOf(':');
  const kind = spec.slice(0, colon);
  if (colon === -1 || (kind !== 'apache' && kind !== 'nginx')) return undefined;
  const text = spec.slice(colon + 1);
  const format =
    kind === 'apache'
      ? compileApacheFormat(text, `apache ${/^\w+$/.test(text) ? text : 'custom'}`)
      : compileNginxFormat(text, `nginx ${/^\w+$/.test(text) ? text : 'custom'}`);
  return {
    name: spec,
    title: `${kind} format ${text}`,
    spec: kind === 'apache' ? APACHE_SPEC : NGINX_SPEC,
    samples: [],
    detect: (firstLines) => matchShare(format, firstLines),
    create: (ctx) => new AccessLogParser([format], ctx, [], fastAccessReaders(ctx)),
  };
}
