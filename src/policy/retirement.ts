/**
 * Statutory retirement age (法定退休年龄) from 2025-01-01: 全国人民代表大会常务委员会关于实施渐进式
 * 延迟法定退休年龄的决定 (2024-09-13) and its 办法 (附件 1–3). From a baseline age, one month later
 * per `stepMonths` months of birth from `firstBirthMonth` (the first cohort reaching the baseline in
 * 2025-01), up to `maxDelayMonths`. Flexible retirement (弹性退休, up to 3 years earlier but never
 * below the old age, or later with the employer's consent) and 特殊工种 early retirement are
 * decided on application and not modelled here.
 */
import { addMonths, monthsBetween } from './calendar.js';

export interface RetirementSchedule {
  /** The age before the reform, in years. */
  readonly baseYears: number;
  /** First birth month (YYYY-MM) whose retirement is delayed. */
  readonly firstBirthMonth: string;
  /** One month more for every `stepMonths` months of later birth. */
  readonly stepMonths: number;
  readonly maxDelayMonths: number;
}

/** Men: 60 → 63, one month later every four months (born 1965-01 on; 63 from births of 1976-09). */
export const MEN_RETIREMENT: RetirementSchedule = { baseYears: 60, firstBirthMonth: '1965-01', stepMonths: 4, maxDelayMonths: 36 };
/** Women in cadre (管理和专业技术) posts: 55 → 58, one month later every four months (born 1970-01 on; 58 from births of 1981-09). */
export const WOMEN_CADRE_RETIREMENT: RetirementSchedule = { baseYears: 55, firstBirthMonth: '1970-01', stepMonths: 4, maxDelayMonths: 36 };
/** Women workers (工人): 50 → 55, one month later every two months (born 1975-01 on; 55 from births of 1984-11). */
export const WOMEN_WORKER_RETIREMENT: RetirementSchedule = { baseYears: 50, firstBirthMonth: '1975-01', stepMonths: 2, maxDelayMonths: 60 };

/** The schedule of a man, or of a woman in a cadre's or a worker's post. */
export function retirementSchedule(gender: 'MALE' | 'FEMALE', post: 'CADRE' | 'WORKER'): RetirementSchedule {
  if (gender === 'MALE') return MEN_RETIREMENT;
  return post === 'WORKER' ? WOMEN_WORKER_RETIREMENT : WOMEN_CADRE_RETIREMENT;
}

/** Months of delay over the baseline for someone born on `birthDate`. */
export function retirementDelayMonths(birthDate: string, schedule: RetirementSchedule): number {
  const since = monthsBetween(`${schedule.firstBirthMonth}-01`, birthDate);
  if (since < 0) return 0;
  return Math.min(schedule.maxDelayMonths, Math.floor(since / schedule.stepMonths) + 1);
}

/** The day the person reaches the statutory retirement age (the birthday's day, clamped to the month). */
export function retirementDate(birthDate: string, schedule: RetirementSchedule): string {
  return addMonths(birthDate, schedule.baseYears * 12 + retirementDelayMonths(birthDate, schedule));
}
