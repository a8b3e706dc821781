/**
 * A constant table looked up with keys that come from log text, format strings or options. Without
 * a prototype, `constructor`, `toString` or `__proto__` find nothing instead of Object's members
 * (a `#Fields: constructor` column was named after `function Object()`).
 */
export const lookupTable = <T>(entries: Record<string, T>): Record<string, T> =>
  Object.assign(Object.create(null) as Record<string, T>, entries);

/** An empty table filled with keys from log text (URIs, clients, group keys): no inherited members. */
export const dictionary = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** `table[key]` when the table itself holds the key; never an inherited member of a plain object (JSON.parse makes those). */
export const ownValue = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;
