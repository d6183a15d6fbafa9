/**
 * Working days (工作日) by the State Council's yearly notice (国务院办公厅关于 <year> 年部分节假日
 * 安排的通知): public holidays are off, and the weekend days it makes working days (调休上班) are
 * worked. The notices come from the `chinese-days` package (exact version pinned in package.json;
 * its data ships inside the package, nothing is fetched at runtime). Dates listed in
 * `PUBLIC_HOLIDAYS` are off in any case: local holidays, or a notice newer than the package.
 *
 * A year the package has no notice for (before 2004, or a year not yet published when the pinned
 * version was built) falls back to Monday–Friday minus the configured holidays: no 调休 Saturday
 * or Sunday is worked then. `hasOfficialCalendar` tells whether a year is covered.
 */
import { createRequire } from 'node:module';
import { addDays, dayOfWeek } from './calendar.js';

/** The package's data: date → "English name,中文名,days" for holidays and for working weekend days. */
interface ChineseDays {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDays;

const yearsWithNotice: ReadonlySet<number> = new Set([...Object.keys(data.holidays), ...Object.keys(data.workdays)].map((date) => Number(date.slice(0, 4))));

/** Whether the State Council's notice for `year` is known (otherwise: weekends only, plus `PUBLIC_HOLIDAYS`). */
export function hasOfficialCalendar(year: number): boolean {
  return yearsWithNotice.has(year);
}

/**
 * This year and next (of `today`, YYYY-MM-DD) when the pinned package has no notice for them: due
 * dates falling there count Monday–Friday minus `PUBLIC_HOLIDAYS`, with no 调休 day. The notice
 * for next year comes out in November; operators add its holidays to `PUBLIC_HOLIDAYS` or update
 * the package.
 */
export function yearsWithoutNotice(today: string): number[] {
  const year = Number(today.slice(0, 4));
  return [year, year + 1].filter((candidate) => !hasOfficialCalendar(candidate));
}

/** Whether `date` (YYYY-MM-DD) is a working day; `extraHolidays` are off whatever the notice says. */
export function isWorkingDay(date: string, extraHolidays: ReadonlySet<string> = new Set()): boolean {
  if (extraHolidays.has(date)) return false;
  if (data.workdays[date] !== undefined) return true;
  if (data.holidays[date] !== undefined) return false;
  const day = dayOfWeek(date);
  return day !== 0 && day !== 6;
}

/**
 * The due date `workingDays` working days after `fromDate` (the day of acceptance does not count;
 * 0 gives `fromDate` itself).
 */
export function addWorkingDays(fromDate: string, workingDays: number, extraHolidays: ReadonlySet<string> = new Set()): string {
  let date = fromDate;
  for (let left = workingDays; left > 0;) {
    date = addDays(date, 1);
    if (isWorkingDay(date, extraHolidays)) left -= 1;
  }
  return date;
}

/**
 * The due date of a limit counted in calendar days (日), as the statutes of 单位参保登记 (15 日),
 * 劳动能力鉴定 and 工伤认定 (60 日) count it: from the day after `fromDate` (民法典 第201条), and a
 * last day that falls on a rest day or holiday moves to the next working day (民法典 第203条).
 */
export function addCalendarDays(fromDate: string, days: number, extraHolidays: ReadonlySet<string> = new Set()): string {
  let date = addDays(fromDate, days);
  while (!isWorkingDay(date, extraHolidays)) date = addDays(date, 1);
  return date;
}
