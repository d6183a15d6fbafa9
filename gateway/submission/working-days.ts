/**
 * Due dates in working days (工作日): Monday to Friday, skipping the dates listed as public
 * holidays. The holiday calendar is published yearly by the State Council, so it is configuration
 * (`holidays`), not code; adjusted working weekends are not modelled.
 */
export function addWorkingDays(fromDate: string, workingDays: number, holidays: ReadonlySet<string> = new Set()): string {
  const date = new Date(`${fromDate}T00:00:00Z`);
  let left = workingDays;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const day = date.getUTCDay();
    if (day !== 0 && day !== 6 && !holidays.has(date.toISOString().slice(0, 10))) left -= 1;
  }
  return date.toISOString().slice(0, 10);
}

/** The calendar date in China (UTC+8) of an instant: agencies count days by Beijing time. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
