/**
 * What every built-in format is, as data: a name, a family, a description, where it is specified,
 * and sample lines with the records they must give. `test/formats.samples.test.ts` detects and
 * parses every sample; `logtally formats` and docs/formats.md list them. Adding a format to a family
 * whose engine exists (an access-log layout, a JSON or CSV shape) is adding an entry.
 */

/** Which engine reads a format. */
export type FormatFamily = 'w3c' | 'iis-native' | 'access-log' | 'json' | 'csv' | 'envelope';

/**
 * What a record must carry: W3C field names with their values, and `time` for the record's
 * timestamp as ISO-8601 UTC (`2024-04-10T23:00:00.000Z`). Fields left out are not checked.
 */
export type ExpectedRecord = Readonly<Record<string, string | number>>;

export interface FormatSample {
  /** The lines as the log holds them, directives and headers included. */
  lines: readonly string[];
  /** Every record the lines give, in order. */
  records: readonly ExpectedRecord[];
  /** The layout the report names for these lines (`w3c (15 fields)`), when not the entry's `label`. */
  layout?: string;
}

export interface FormatInfo {
  /** Unique among the built-in formats; for most the `--log-format` value that forces them. */
  name: string;
  family: FormatFamily;
  /** One line: who writes it, and what sets it apart from its siblings. */
  description: string;
  /** The upstream document that defines it. */
  spec: string;
  /** At least one; the first is the one listings show. */
  samples: readonly FormatSample[];
  /** The layout the report names for its records (`nginx upstreaminfo`), when not `name`. */
  label?: string;
  /** Other names `--log-format` takes for it (`ncsa`, `clf` for common). */
  aliases?: readonly string[];
  /** What messages call it (`not in the Docker json-file envelope`), when not its description. */
  title?: string;
}

/** The layout the report names a sample's records by. */
export const sampleLayout = (info: FormatInfo, sample: FormatSample): string => sample.layout ?? info.label ?? info.name;

/** Every sample's lines, in order: the `samples` of a LogFormat or Envelope. */
export const sampleLines = (info: FormatInfo): readonly string[] => info.samples.flatMap((s) => s.lines);

/** What a LogFormat or Envelope says of itself, from its entry. */
export const describedBy = (info: FormatInfo): { name: string; title: string; spec: string; samples: readonly string[] } => ({
  name: info.name,
  title: info.title ?? info.description,
  spec: info.spec,
  samples: sampleLines(info),
});
