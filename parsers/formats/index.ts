/**
 * Every built-in format as data, in the order `logtally formats` and docs/formats.md list them:
 * W3C and the other IIS logs, the access-log layouts, JSON and CSV with the shapes chosen by their
 * keys, then the envelopes other formats arrive in.
 */
import { ACCESS_LAYOUTS } from './access-layouts.js';
import { ENVELOPE_INFOS } from './envelopes.js';
import type { FormatInfo } from './format-info.js';
import { HTTPERR, IIS_NATIVE, W3C, W3C_HEADERLESS } from './iis.js';
import { SHAPES, type ShapeEntry } from './json-shapes.js';
import { CSV, JSON_ARRAY, JSON_LINES } from './structured.js';

export interface CatalogEntry extends FormatInfo {
  /** The `--log-format` value that forces it; `FORMAT` stands for the format inside an envelope. */
  logFormat: string;
}

const named = (info: FormatInfo): CatalogEntry => ({ ...info, logFormat: info.name });

/** A shape is met inside JSON or CSV: named as the report names it, forced with its container's name. */
const shape = ({ name, family, description, spec, samples }: ShapeEntry): CatalogEntry => ({
  name: `${family} (${name})`,
  family,
  description,
  spec,
  samples,
  logFormat: family,
});

const enveloped = (info: FormatInfo): CatalogEntry => ({ ...info, logFormat: `${info.name}:FORMAT` });

export const FORMAT_CATALOG: readonly CatalogEntry[] = [
  ...[W3C, HTTPERR, W3C_HEADERLESS, IIS_NATIVE].map(named),
  ...ACCESS_LAYOUTS.map(named),
  ...[JSON_LINES, JSON_ARRAY].map(named),
  ...SHAPES.filter((s) => s.family === 'json').map(shape),
  named(CSV),
  ...SHAPES.filter((s) => s.family === 'csv').map(shape),
  ...ENVELOPE_INFOS.map(enveloped),
];

export { sampleLayout } from './format-info.js';
export type { ExpectedRecord, FormatFamily, FormatInfo, FormatSample } from './format-info.js';
