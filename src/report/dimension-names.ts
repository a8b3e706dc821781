/**
 * The names a report can group by, as a type: `by: ['status', 'uri']` is checked when a caller
 * compiles, not only when the report runs. report/dimensions.ts defines what each one reads.
 */

/** Every dimension name except the time buckets. */
export const DIMENSION_NAMES = [
  'status',
  'substatus',
  'win32',
  'code',
  'class',
  'method',
  'uri',
  'host',
  'site',
  'client',
  'user',
  'agent',
  'referer',
  'reason',
  'day',
  'hour',
  'bot',
  'probe',
  'hour-of-day',
  'weekday',
  'file',
  'site-folder',
] as const;

/**
 * What a report can be grouped by: a field (`status`, `uri`, `client`, …), a derived value
 * (`code` is status.substatus.win32, `class` is 2xx/4xx/…, `day`, `hour`), or time buckets of a
 * given width (`time:5m`, `time:1h`).
 */
export type Dimension = (typeof DIMENSION_NAMES)[number] | `time:${string}`;

/** How errors name the choice: every dimension, then the time buckets. */
export const DIMENSION_CHOICES = `${DIMENSION_NAMES.join(', ')}, time:SPAN`;

/** Whether `name` is a dimension name (a `time:` one is checked for its span when the report starts). */
export const isDimension = (name: string): name is Dimension =>
  (DIMENSION_NAMES as readonly string[]).includes(name) || name.startsWith('time:');
