/**
 * Rule figures and calculations of the civil-service subgraph, each with its basis.
 */
import { addDays } from '../../src/policy/calendar.js';
import { retirementDate as retirementDateBySchedule, retirementSchedule } from '../../src/policy/retirement.js';

/** 岗位类别 as the catalog's PostCategory enum names them. */
export type PostCategory = 'MANAGEMENT' | 'PROFESSIONAL_TECHNICAL' | 'SKILLED_WORKER';

/**
 * 法定退休年龄 (src/policy/retirement.ts): in a public institution, women in 管理 / 专业技术 posts
 * are cadres and those in 工勤技能 posts workers.
 */
export function retirementDate(birthDate: string, gender: 'MALE' | 'FEMALE', postCategory: PostCategory): string {
  return retirementDateBySchedule(birthDate, retirementSchedule(gender, postCategory === 'SKILLED_WORKER' ? 'WORKER' : 'CADRE'));
}

const parts = (date: string): [number, number, number] => {
  const [y, m, d] = date.split('-').map(Number);
  return [y!, m!, d!];
};

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
  return Math.round(wholeMonths(termStart, addDays(termEnd, 1)) / 12);
}

/**
 * A public institution (事业单位) by its unified social credit code (GB 32100-2015): registration
 * authority 1 (机构编制) and organisation kind 2 (事业单位), i.e. the code starts with "12".
 */
export function isPublicInstitutionCode(creditCode: string): boolean {
  return creditCode.startsWith('12');
}
