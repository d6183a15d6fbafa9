/**
 * Rule figures and calculations of the civil-service subgraph, each with its basis.
 */

/** 岗位类别 as the catalog's PostCategory enum names them. */
export type PostCategory = 'MANAGEMENT' | 'PROFESSIONAL_TECHNICAL' | 'SKILLED_WORKER';

interface RetirementSchedule {
  /** The age before the reform. */
  readonly baseYears: number;
  /** First birth month whose retirement is delayed (year, month 1-12). */
  readonly firstDelayed: readonly [number, number];
  /** One month more for every `stepMonths` of later birth. */
  readonly stepMonths: number;
  readonly maxDelayMonths: number;
}

/**
 * 法定退休年龄 from 2025-01-01 (全国人大常委会关于实施渐进式延迟法定退休年龄的决定, and its 办法 附件):
 * men 60 → 63 and women cadres 55 → 58, one month later every four months of birth from 1965-01
 * and 1970-01; women workers 50 → 55, one month later every two months of birth from 1975-01.
 * In a public institution, women in 管理 / 专业技术 posts are cadres and those in 工勤技能 posts workers.
 */
const MEN: RetirementSchedule = { baseYears: 60, firstDelayed: [1965, 1], stepMonths: 4, maxDelayMonths: 36 };
const WOMEN_CADRES: RetirementSchedule = { baseYears: 55, firstDelayed: [1970, 1], stepMonths: 4, maxDelayMonths: 36 };
const WOMEN_WORKERS: RetirementSchedule = { baseYears: 50, firstDelayed: [1975, 1], stepMonths: 2, maxDelayMonths: 60 };

function scheduleFor(gender: 'MALE' | 'FEMALE', postCategory: PostCategory): RetirementSchedule {
  if (gender === 'MALE') return MEN;
  return postCategory === 'SKILLED_WORKER' ? WOMEN_WORKERS : WOMEN_CADRES;
}

const parts = (date: string): [number, number, number] => {
  const [y, m, d] = date.split('-').map(Number);
  return [y!, m!, d!];
};

/** Adds whole months to a YYYY-MM-DD date, clamping the day to the target month's length. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The day the person reaches the statutory retirement age for this post. */
export function retirementDate(birthDate: string, gender: 'MALE' | 'FEMALE', postCategory: PostCategory): string {
  const schedule = scheduleFor(gender, postCategory);
  const [y, m] = parts(birthDate);
  const sinceFirst = (y * 12 + m) - (schedule.firstDelayed[0] * 12 + schedule.firstDelayed[1]);
  const delay = sinceFirst < 0 ? 0 : Math.min(schedule.maxDelayMonths, Math.floor(sinceFirst / schedule.stepMonths) + 1);
  return addMonths(birthDate, schedule.baseYears * 12 + delay);
}

/** Whole months from `from` to `to` (the day after the term's last day). */
function wholeMonths(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/**
 * 合同年限 of a term from its first to its last day, in years rounded to the nearest whole year
 * (a term 2024-09-01 … 2029-08-31 is 5 years). 事业单位人事管理条例 art. 12 (期限一般不低于3年: a
 * guideline, not enforced here).
 */
export function termYears(termStart: string, termEnd: string): number {
  const dayAfterEnd = new Date(Date.parse(`${termEnd}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return Math.round(wholeMonths(termStart, dayAfterEnd) / 12);
}

/**
 * A public institution (事业单位) by its unified social credit code (GB 32100-2015): registration
 * authority 1 (机构编制) and organisation kind 2 (事业单位), i.e. the code starts with "12".
 */
export function isPublicInstitutionCode(creditCode: string): boolean {
  return creditCode.startsWith('12');
}
