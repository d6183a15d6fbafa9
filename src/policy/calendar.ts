/**
 * Calendar dates as the agencies count them: in Beijing time (China Standard Time, UTC+8, no
 * daylight saving since 1991), as `YYYY-MM-DD` strings. The one place that says what "today" is;
 * gateway and subgraphs alike use it (a UTC date is a day behind between 00:00 and 08:00 Beijing).
 */

const BEIJING_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The date in China at the instant `now` (default: now), YYYY-MM-DD. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

const utc = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const format = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** `date` plus whole days (negative: earlier). */
export function addDays(date: string, days: number): string {
  return format(utc(date) + days * DAY_MS);
}

/** Day of the week of `date`: 0 Sunday … 6 Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(utc(date)).getUTCDay();
}

const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

/** `date` plus whole months, the day clamped to the target month's length (01-31 + 1 month = 02-28). */
export function addMonths(date: string, months: number): string {
  const index = monthIndex(date) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Calendar months from the month of `from` to the month of `to` (the days are ignored). */
export function monthsBetween(from: string, to: string): number {
  return monthIndex(to) - monthIndex(from);
}

/** Full years of age on `on`: the birthday counts from its own day (born 02-29: from 03-01 in other years). */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * What time it is, for code that keeps dates over days (a case's due dates, when it was decided):
 * the system clock in service, a clock the test moves to say "decided five days later".
 */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
