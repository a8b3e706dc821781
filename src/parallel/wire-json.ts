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

/**
 * Both ways walk the data in JavaScript rather than through a JSON.stringify replacer or a
 * JSON.parse reviver: V8 calls those from C++ once for every value, strings and numbers of the
 * flat arrays included, and the two were about half of the merging thread's time on an errors report.
 * Encoding consumes `output`: its dictionaries are replaced in place, each one garbage as soon as
 * its flat form is made, so a worker at its largest (its partial, about to be sent) never holds a
 * second copy of it.
 */
export function encodeOutput(output: unknown): string {
  return JSON.stringify(toWire(output));
}

export function decodeOutput<T>(text: string): T {
  return fromWire(JSON.parse(text)) as T;
}

/** `value` with its dictionaries, nested ones included, replaced by `{ [DICTIONARY]: [key, value, …] }`. */
export function toWire(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isDictionary(value)) {
    const flat: unknown[] = [];
    // As JSON.stringify would write the object: undefined values are left out.
    for (const key in value) {
      const item = value[key];
      if (item !== undefined) flat.push(key, toWire(item));
    }
    return { [DICTIONARY]: flat };
  }
  // A class instance with its own JSON form (a Date) is written as JSON.stringify writes it.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  convertChildren(value as Record<string, unknown>, toWire);
  return value;
}

/** Parsed wire data with its dictionaries rebuilt, in place. */
function fromWire(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const flat = (value as Record<string, unknown>)[DICTIONARY];
  if (Array.isArray(flat) && Object.keys(value).length === 1) {
    const rebuilt = dictionary<unknown>();
    for (let i = 0; i < flat.length; i += 2) rebuilt[flat[i] as string] = fromWire(flat[i + 1]);
    return rebuilt;
  }
  convertChildren(value as Record<string, unknown>, fromWire);
  return value;
}

/** Replaces, in place, each item of an array or own property of an object that is itself an object by `convert(item)`. */
function convertChildren(value: unknown[] | Record<string, unknown>, convert: (item: unknown) => unknown): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (isObject(value[i])) value[i] = convert(value[i]);
    return;
  }
  for (const key of Object.keys(value)) if (isObject(value[key])) setOwn(value, key, convert(value[key]));
}

export const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

/** `object[key] = value` as an own property, `__proto__` included (assigned, it would set the prototype). */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}
