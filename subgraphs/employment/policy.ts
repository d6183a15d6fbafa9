/**
 * Rule figures of the employment items, each with its legal basis. National figures are
 * constants here; figures only a local rule fixes come from `schema/catalog/local-policy.yaml`
 * through the catalog (none of the five items' rules needs one today: the catalog's
 * `employmentDifficultyReviewDays` is a time limit, applied by the gateway's guide).
 */

/** 劳动法 第15条: no one under 16 may be employed, so working age starts at 16. */
export const MIN_WORKING_AGE_YEARS = 16;

/**
 * Statutory retirement age from 2025-01-01 (全国人民代表大会常务委员会关于实施渐进式延迟法定
 * 退休年龄的决定 and its 办法): from a baseline age, one month later per `stepMonths` months of
 * birth from `firstBirthMonth` (the first cohort reaching the baseline in 2025-01), up to
 * `maxDelayMonths`.
 */
interface RetirementSchedule {
  readonly baseYears: number;
  readonly firstBirthMonth: string;
  readonly stepMonths: number;
  readonly maxDelayMonths: number;
}

/** Men: 60 → 63, one month later every four months (born 1965-01 on; 63 from births of 1976-09). */
export const MEN_RETIREMENT: RetirementSchedule = { baseYears: 60, firstBirthMonth: '1965-01', stepMonths: 4, maxDelayMonths: 36 };
/** Women in cadre (管理和专业技术) posts: 55 → 58, one month later every four months (born 1970-01 on). */
export const WOMEN_CADRE_RETIREMENT: RetirementSchedule = { baseYears: 55, firstBirthMonth: '1970-01', stepMonths: 4, maxDelayMonths: 36 };
/** Women workers: 50 → 55, one month later every two months (born 1975-01 on; 55 from births of 1984-11). */
export const WOMEN_WORKER_RETIREMENT: RetirementSchedule = { baseYears: 50, firstBirthMonth: '1975-01', stepMonths: 2, maxDelayMonths: 60 };

/**
 * 就业困难人员 categories whose condition the records can check (the enum's own wording,
 * 大龄失业人员（女40周岁、男50周岁以上）; 就业促进法 第52条 leaves the range to each province).
 */
export const OLDER_WORKER_MIN_AGE = { FEMALE: 40, MALE: 50 } as const;
/** 连续失业一年以上人员 (就业促进法 第52条: 连续失业一定时间仍未能实现就业). */
export const LONG_TERM_UNEMPLOYED_MIN_MONTHS = 12;

const monthIndex = (yyyyMm: string) => Number(yyyyMm.slice(0, 4)) * 12 + Number(yyyyMm.slice(5, 7)) - 1;

/** `date` (YYYY-MM-DD) plus whole months, clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const index = monthIndex(date) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Months of delay over the baseline for someone born on `birthDate`. */
export function retirementDelayMonths(birthDate: string, schedule: RetirementSchedule): number {
  const since = monthIndex(birthDate) - monthIndex(schedule.firstBirthMonth);
  if (since < 0) return 0;
  return Math.min(schedule.maxDelayMonths, Math.floor(since / schedule.stepMonths) + 1);
}

/** The day the person reaches the statutory retirement age. */
export function retirementDate(birthDate: string, schedule: RetirementSchedule): string {
  return addMonths(birthDate, schedule.baseYears * 12 + retirementDelayMonths(birthDate, schedule));
}

/** Whole years of age on `today`. */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

export type WorkingAge = { readonly ok: true } | { readonly ok: false; readonly reason: 'UNDER_AGE' | 'RETIREMENT_AGE'; readonly limit: string };

/**
 * 法定劳动年龄内 (就业服务与就业管理规定 第63条 for 失业登记): at least 16 and not yet at the
 * statutory retirement age. The form does not say whether a woman holds a worker's or a
 * cadre's post, so her upper limit is the later one (cadre, 55 → 58): only someone surely
 * past the age is refused; the counter checks the post for the rest.
 */
export function workingAge(applicant: { birthDate: string; gender: 'MALE' | 'FEMALE' }, today: string): WorkingAge {
  if (ageOn(applicant.birthDate, today) < MIN_WORKING_AGE_YEARS) {
    return { ok: false, reason: 'UNDER_AGE', limit: addMonths(applicant.birthDate, MIN_WORKING_AGE_YEARS * 12) };
  }
  const schedule = applicant.gender === 'MALE' ? MEN_RETIREMENT : WOMEN_CADRE_RETIREMENT;
  const retiresOn = retirementDate(applicant.birthDate, schedule);
  return today >= retiresOn ? { ok: false, reason: 'RETIREMENT_AGE', limit: retiresOn } : { ok: true };
}

/** Today's date where the services run (China Standard Time), YYYY-MM-DD. */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
