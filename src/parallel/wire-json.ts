/**
 * A scan task's output as JSON text between threads, its dictionaries (the null-prototype objects
 * of count tables and groups, parsers/lookup-table.ts) written as flat `[key, value, …]` arrays and
 * rebuilt as dictionaries on arrival.
 *
 * Why: JSON.parse gives every object it reads fast properties and a hidden class per new key. An
 * errors time series has thousands of small URI and client tables, each with keys of its own, so
 * parsing two workers' partials (25 MB of text) made hundreds of thousands of hidden classes: 190
 * MB of heap and 314 MB peak RSS in the merging thread for 80 MB of data. As arrays they parse
 * without a hidden class each, and a dictionary is built without them.
 */
import { dictionary } from '../../parsers/lookup-table.js';

/** The one key of the object that stands for a dictionary on the wire. */
const DICTIONARY = '\u0000dictionary';

const isDictionary = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === null;

export function encodeOutput(output: unknown): string {
  return JSON.stringify(output, (_key, value: unknown) => {
    if (!isDictionary(value)) return value;
    const flat: unknown[] = [];
    // As JSON.stringify would write the object: undefined values are left out.
    for (const key of Object.keys(value)) if (value[key] !== undefined) flat.push(key, value[key]);
    return { [DICTIONARY]: flat };
  });
}

export function decodeOutput<T>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const flat = (value as Record<string, unknown>)[DICTIONARY];
    if (!Array.isArray(flat) || Object.keys(value).length !== 1) return value;
    const rebuilt = dictionary<unknown>();
    for (let i = 0; i < flat.length; i += 2) rebuilt[flat[i] as string] = flat[i + 1];
    return rebuilt;
  }) as T;
}
