/**
 * Logs written in local time without an offset (IIS native, IIS Advanced Logging's time-local, CLF
 * without a zone) become UTC here: at a fixed offset (`--tz +02:00`), or in a named zone
 * (`--tz Europe/Berlin`, and the machine's zone by default) whose offset follows daylight saving
 * time, so a July line and a January line of the same server each get their own offset.
 */
import { formatOffset } from './time.js';

export interface LocalTime {
  /** For notes: "at UTC+02:00", "in Europe/Berlin, daylight saving time applied". */
  readonly label: string;
  /** A wall-clock time read as if it were UTC, in ms → the UTC instant it stands for. */
  toUtc(wallMs: number): number;
}

/** Plain data for worker threads: a fixed offset, or a zone name. */
export interface LocalTimeSpec {
  localOffsetMinutes?: number;
  timeZone?: string;
}

export function fixedOffset(minutes: number): LocalTime {
  const shift = minutes * 60_000;
  return { label: `at UTC${formatOffset(minutes)}`, toUtc: (wallMs) => wallMs - shift };
}

const SLOT_MS = 15 * 60_000;
const CACHED_SLOTS = 10_000;

/**
 * A named zone's offset, from Intl: exact for every instant, including the hour a change of
 * offset skips or repeats. Offsets only change on 15-minute boundaries, so each 15-minute slot is
 * asked once.
 */
export function namedZone(zone: string): LocalTime {
  const format = zoneFormat(zone);
  const slots = new Map<number, number>();
  const offsetAt = (utcMs: number): number => {
    const slot = Math.floor(utcMs / SLOT_MS);
    let offset = slots.get(slot);
    if (offset === undefined) {
      if (slots.size >= CACHED_SLOTS) slots.clear();
      slots.set(slot, (offset = zoneOffset(format, slot * SLOT_MS)));
    }
    return offset;
  };
  return {
    label: `in ${zone}, daylight saving time applied`,
    toUtc(wallMs) {
      // The offset at the wall time read as UTC is off only within hours of a change; the offset
      // at the instant that first guess gives is the one in force.
      return wallMs - offsetAt(wallMs - offsetAt(wallMs));
    },
  };
}

/** Whether `zone` is a time zone name this runtime knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    zoneFormat(zone);
    return true;
  } catch {
    return false;
  }
}

/** Zones made so far: each file of a run asks, and a zone's offsets are worth keeping across them. */
const zones = new Map<string, LocalTime>();

export function localTimeOf(spec: LocalTimeSpec): LocalTime {
  if (spec.timeZone === undefined) return fixedOffset(spec.localOffsetMinutes ?? 0);
  let zone = zones.get(spec.timeZone);
  if (zone === undefined) zones.set(spec.timeZone, (zone = namedZone(spec.timeZone)));
  return zone;
}

function zoneFormat(zone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

/** The zone's offset at `utcMs`, in ms: its wall clock then, read as UTC, minus the instant. */
function zoneOffset(format: Intl.DateTimeFormat, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(utcMs)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(utcMs / 1000) * 1000;
}
