/**
 * `<input type="datetime-local">` holds a wall-clock reading with no zone.
 * The organiser enters session times on the summit's clock, so these convert
 * between that reading in a named IANA zone and an instant.
 */

/** `YYYY-MM-DDTHH:mm`, the value of a datetime-local input. */
export type LocalDateTime = string;

const DAY = 24 * 60 * 60 * 1000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClockFormat(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall clock in `zone` at `ms`, read back as if it were UTC (milliseconds). */
function wallClockAsUtc(ms: number, zone: string): number {
  const parts = Object.fromEntries(
    wallClockFormat(zone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']),
    Number(parts['minute']),
    Number(parts['second']),
  );
}

/** How far `zone`'s clock is ahead of UTC at the instant `ms`. */
function offsetAt(ms: number, zone: string): number {
  return wallClockAsUtc(ms, zone) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which `zone`'s clock reads `local`; `undefined` for text
 * that is not a datetime-local value. A reading skipped by a daylight-saving
 * change resolves to the instant after the gap, as most calendars do.
 */
export function zonedLocalToInstant(local: LocalDateTime, zone: string): Date | undefined {
  const m = LOCAL.exec(local);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(asUtc)) return undefined;
  // The zone's offset a day either side covers any daylight-saving change at this reading.
  const before = offsetAt(asUtc - DAY, zone);
  const after = offsetAt(asUtc + DAY, zone);
  const readings = [asUtc - before, asUtc - after].filter(
    (ms) => wallClockAsUtc(ms, zone) === asUtc,
  );
  // Two readings in the autumn: the first one. None in the spring gap: the
  // offset before the change, which lands just after the gap.
  return new Date(readings.length === 0 ? asUtc - before : Math.min(...readings));
}

/** What `zone`'s clock reads at `instant`, as a datetime-local value. */
export function instantToZonedLocal(instant: Date, zone: string): LocalDateTime {
  return new Date(wallClockAsUtc(instant.getTime(), zone)).toISOString().slice(0, 16);
}
