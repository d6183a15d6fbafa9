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

/**
 * The grades of each post category (事业单位岗位设置管理试行办法, 国人部发〔2006〕70号, 第十二条 to
 * 第十四条): 管理岗位 一级至十级职员; 专业技术岗位 一级至十三级; 工勤技能岗位 技术工 一级至五级, and
 * 普通工 without a grade.
 */
const GRADE_FORMS: Readonly<Record<PostCategory, { readonly pattern: RegExp; readonly top: number; readonly example: string }>> = {
  MANAGEMENT: { pattern: /^(?:管理(?:岗位)?)?(\d{1,2}|[一二三四五六七八九十]{1,3})级(?:职员)?$/, top: 10, example: '管理九级 / 九级职员' },
  PROFESSIONAL_TECHNICAL: { pattern: /^(?:专业技术(?:岗位)?)?(\d{1,2}|[一二三四五六七八九十]{1,3})级$/, top: 13, example: '专业技术十二级' },
  SKILLED_WORKER: { pattern: /^(?:技术工(?:岗位)?)?(\d{1,2}|[一二三四五六七八九十]{1,3})级$/, top: 5, example: '技术工三级 / 普通工' },
};
const DIGITS = '一二三四五六七八九';

/** 一 … 十三 (or 1 … 13) as a number; NaN for anything else. */
function gradeNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const match = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!match || (!match[2] && match[3])) return NaN;
  const tens = match[2] ? (match[1] ? DIGITS.indexOf(match[1]) + 1 : 1) : 0;
  const units = match[2] ? (match[3] ? DIGITS.indexOf(match[3]) + 1 : 0) : match[1] ? DIGITS.indexOf(match[1]) + 1 : NaN;
  return tens * 10 + units;
}

/**
 * Whether `grade` is a grade of `category`: null when it is, else what it should look like (a
 * 专业技术 grade on a 管理 post, 十四级, or 普通工 on a 管理 post are not).
 */
export function postGradeFault(category: PostCategory, grade: string): string | null {
  const text = grade.replace(/\s+/g, '');
  if (category === 'SKILLED_WORKER' && /^普通工(?:岗位)?$/.test(text)) return null;
  const form = GRADE_FORMS[category];
  const match = form.pattern.exec(text);
  const level = match ? gradeNumber(match[1]!) : NaN;
  return level >= 1 && level <= form.top ? null : `a ${category} post has grades 1–${form.top} (e.g. ${form.example})`;
}
