/**
 * The one calendar (src/policy/): today in China, date arithmetic and working days by the State
 * Council's notices. Sources of the cases: 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电
 * 〔2024〕12号, https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm) and 关于2026年部分
 * 节假日安排的通知 (2025-11-04, https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm).
 */
import { describe, expect, it } from '@jest/globals';
import chineseDays from 'chinese-days';
import { addDays, addMonths, ageOn, dayOfWeek, todayInChina } from '../src/policy/calendar.js';
import { addCalendarDays, addWorkingDays, hasOfficialCalendar, isWorkingDay, yearsWithoutNotice } from '../src/policy/working-days.js';

/** Every date from `from` to `to`, both included. */
const datesFrom = (from: string, to: string): string[] => {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
};

describe('today in China (Beijing time, UTC+8)', () => {
  it.each([
    ['2025-09-30T15:59:59.999Z', '2025-09-30'],
    ['2025-09-30T16:00:00.000Z', '2025-10-01'],
    ['2025-09-30T23:59:00.000Z', '2025-10-01'],
    ['2025-12-31T16:00:00.000Z', '2026-01-01'],
    ['2024-02-28T16:00:00.000Z', '2024-02-29'],
  ])('at %s it is %s', (instant, date) => {
    expect(todayInChina(new Date(instant))).toBe(date);
  });

  it('agrees with the Asia/Shanghai time zone now', () => {
    const now = new Date();
    expect(todayInChina(now)).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now));
  });
});

describe('date arithmetic', () => {
  it('adds days across months and years, and knows the weekday', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(dayOfWeek('2025-10-01')).toBe(3);
    expect(dayOfWeek('2026-02-14')).toBe(6);
  });

  it("adds months clamped to the month's length", () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-11-15', 14)).toBe('2027-01-15');
    expect(addMonths('1965-01-10', 60 * 12 + 1)).toBe('2025-02-10');
  });

  it('counts full years of age from the birthday itself', () => {
    expect(ageOn('1985-07-15', '2025-07-14')).toBe(39);
    expect(ageOn('1985-07-15', '2025-07-15')).toBe(40);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});

describe("working days by the State Council's calendar", () => {
  it('国庆节、中秋节 2025: October 1–8 off; Sunday September 28 and Saturday October 11 worked', () => {
    for (const date of datesFrom('2025-10-01', '2025-10-08')) expect([date, isWorkingDay(date)]).toEqual([date, false]);
    expect(isWorkingDay('2025-09-27')).toBe(false);
    expect(isWorkingDay('2025-09-28')).toBe(true);
    expect(isWorkingDay('2025-09-30')).toBe(true);
    expect(isWorkingDay('2025-10-09')).toBe(true);
    expect(isWorkingDay('2025-10-11')).toBe(true);
    expect(isWorkingDay('2025-10-12')).toBe(false);
  });

  it('春节 2026: February 15–23 off; Saturdays February 14 and 28 worked', () => {
    for (const date of datesFrom('2026-02-15', '2026-02-23')) expect([date, isWorkingDay(date)]).toEqual([date, false]);
    expect(isWorkingDay('2026-02-13')).toBe(true);
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-24')).toBe(true);
    expect(isWorkingDay('2026-02-28')).toBe(true);
    expect(isWorkingDay('2026-03-01')).toBe(false);
  });

  it('元旦 and 国庆节 2026: January 1–3 off, Sunday January 4 worked; October 1–7 off, September 20 and October 10 worked', () => {
    expect(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'].map((d) => isWorkingDay(d))).toEqual([false, false, false, true]);
    expect(isWorkingDay('2026-09-20')).toBe(true);
    for (const date of datesFrom('2026-10-01', '2026-10-07')) expect([date, isWorkingDay(date)]).toEqual([date, false]);
    expect(isWorkingDay('2026-10-10')).toBe(true);
  });

  it('counts due dates over the holidays and the worked weekends', () => {
    // Accepted on Friday 2025-09-26: Sunday 09-28 is the 1st working day, 10-09 the 4th, Saturday 10-11 the 6th.
    expect([1, 2, 3, 4, 6, 10].map((n) => addWorkingDays('2025-09-26', n))).toEqual([
      '2025-09-28',
      '2025-09-29',
      '2025-09-30',
      '2025-10-09',
      '2025-10-11',
      '2025-10-16',
    ]);
    // Accepted on Friday 2026-02-13: 10 working days (失业保险金) end on 03-05, not on 02-27 as Monday–Friday would.
    expect(addWorkingDays('2026-02-13', 10)).toBe('2026-03-05');
    expect(addWorkingDays('2026-02-13', 0)).toBe('2026-02-13');
  });

  it('counts calendar-day limits (15 日, 60 日) from the next day, a last day off moving to the next working day (民法典 第201、203条)', () => {
    // Monday 2026-03-02 + 15 days: Tuesday 03-17, a working day.
    expect(addCalendarDays('2026-03-02', 15)).toBe('2026-03-17');
    // Friday 2026-03-06 + 15: Saturday 03-21, so Monday 03-23.
    expect(addCalendarDays('2026-03-06', 15)).toBe('2026-03-23');
    // 2025-09-16 + 15: 10-01, in the National Day holiday (10-01 … 10-08), so 10-09.
    expect(addCalendarDays('2025-09-16', 15)).toBe('2025-10-09');
    // 60 days (劳动能力鉴定, 工伤认定) from Monday 2026-01-05: Friday 03-06; from Wednesday 01-07: Sunday 03-08, so Monday 03-09.
    expect(addCalendarDays('2026-01-05', 60)).toBe('2026-03-06');
    expect(addCalendarDays('2026-01-07', 60)).toBe('2026-03-09');
    expect(addCalendarDays('2026-03-02', 15, new Set(['2026-03-17']))).toBe('2026-03-18');
  });

  it("reads the same calendar as the package's own isWorkday, every day of 2025 and 2026", () => {
    const differ = datesFrom('2025-01-01', '2026-12-31').filter((date) => isWorkingDay(date) !== chineseDays.isWorkday(date));
    expect(differ).toEqual([]);
  });

  it('PUBLIC_HOLIDAYS adds holidays over the calendar, also on a worked weekend day', () => {
    const extra = new Set(['2025-10-09', '2025-10-11']);
    expect(isWorkingDay('2025-10-09', extra)).toBe(false);
    expect(isWorkingDay('2025-10-11', extra)).toBe(false);
    expect(isWorkingDay('2025-10-10', extra)).toBe(true);
    expect(addWorkingDays('2025-09-26', 6, extra)).toBe('2025-10-14');
  });

  it('a year without a notice in the package falls back to Monday–Friday, plus PUBLIC_HOLIDAYS', () => {
    expect(hasOfficialCalendar(2025)).toBe(true);
    expect(hasOfficialCalendar(2026)).toBe(true);
    expect(hasOfficialCalendar(2099)).toBe(false);
    expect(hasOfficialCalendar(2003)).toBe(false);
    // 2099-01-01 is a Thursday: a working day unless configured.
    expect(addWorkingDays('2098-12-31', 1)).toBe('2099-01-01');
    expect(addWorkingDays('2098-12-31', 1, new Set(['2099-01-01', '2099-01-02']))).toBe('2099-01-05');
    expect(isWorkingDay('2099-01-03')).toBe(false);
  });

  it('names this year and next when the package lacks their notice, so the services can warn at start-up', () => {
    expect(yearsWithoutNotice('2025-06-01')).toEqual([]);
    expect(yearsWithoutNotice('2098-06-01')).toEqual([2098, 2099]);
    expect(yearsWithoutNotice('2026-12-05')).toEqual(hasOfficialCalendar(2027) ? [] : [2027]);
  });
});
