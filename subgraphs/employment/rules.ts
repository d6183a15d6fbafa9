import type { Queryable } from '../../src/db/database.js';
import { rejected } from '../../src/subgraph/item-ledger.js';
import type { ItemDispatch, ItemOutcome } from '../../src/contract/item-contract.js';
import { UnemploymentReason } from './generated/items.js';
import { addMonths, ageOn, todayInChina } from '../../src/policy/calendar.js';
import { LONG_TERM_UNEMPLOYED_MIN_MONTHS, OLDER_WORKER_MIN_AGE, workingAge } from './policy.js';
import { employmentWrites } from './writes.js';

/**
 * The rules shared by several employment items. Each returns the rejection when the rule says
 * no, or `null`.
 */

const UNEMPLOYMENT_REASONS: readonly string[] = UnemploymentReason;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isDate = (value: unknown): value is string =>
  typeof value === 'string' && ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

export interface UnemploymentFacts {
  readonly unemploymentType: string;
  readonly formerEmployer: string;
  readonly unemploymentDate: string;
}

/**
 * 失业类型 / 原工作单位 / 失业时间 from the bundle's 基本信息 (dispatch.sharedFields): what a
 * 失业登记 records. A bundle that does not ask them cannot register unemployment.
 */
export function unemploymentFacts(dispatch: ItemDispatch): UnemploymentFacts | ItemOutcome {
  const shared = dispatch.sharedFields ?? {};
  const missing = (field: string, label: string) =>
    rejected(dispatch.itemCode, 'UNEMPLOYMENT_FACTS_MISSING', `失业登记 needs ${label} (${field}) in the shared fields`, field);
  const { unemploymentType, formerEmployer, unemploymentDate } = shared;
  if (typeof unemploymentType !== 'string' || !UNEMPLOYMENT_REASONS.includes(unemploymentType)) return missing('unemploymentType', '失业类型');
  if (typeof formerEmployer !== 'string' || !formerEmployer.trim()) return missing('formerEmployer', '原工作单位');
  if (!isDate(unemploymentDate)) return missing('unemploymentDate', '失业时间 (YYYY-MM-DD)');
  return { unemploymentType, formerEmployer: formerEmployer.trim(), unemploymentDate };
}

export const isOutcome = (value: object): value is ItemOutcome => 'status' in value && 'itemCode' in value;

/** 法定劳动年龄内 (see `workingAge` in policy.ts for the bounds and their basis). */
export function checkWorkingAge(dispatch: ItemDispatch, today: string): ItemOutcome | null {
  const verdict = workingAge(dispatch.applicant, today);
  if (verdict.ok) return null;
  return rejected(
    dispatch.itemCode,
    'NOT_OF_WORKING_AGE',
    verdict.reason === 'UNDER_AGE'
      ? `the applicant is under the minimum working age of 16 until ${verdict.limit} (劳动法 第15条)`
      : `the applicant reached the statutory retirement age on ${verdict.limit} (渐进式延迟法定退休年龄办法)`,
  );
}

/**
 * An employment registration still open, or a hire filed and not ended (劳动用工备案, 劳社部发〔2006〕
 * 46号), means the person is employed (就业服务与就业管理规定 第62条: the employer closes them on
 * termination): not 处于无业状态. A filed contract counts from its start until its agreed end.
 */
export async function checkNotEmployed(tx: Queryable, dispatch: ItemDispatch, today: string = todayInChina()): Promise<ItemOutcome | null> {
  const registrations = await employmentWrites.employmentRegistrationsOf(tx, dispatch.applicant.personId);
  const open = registrations.find((r) => r.ended_on === null);
  if (open) {
    return rejected(
      dispatch.itemCode,
      'CURRENTLY_EMPLOYED',
      `employment registration ${open.registration_number} is still open: the employer files its termination (就业登记注销) first`,
    );
  }
  const hire = (await employmentWrites.hireFilingsInForce(tx, dispatch.applicant.personId)).find(
    (f) => f.contract_start_date !== null && f.contract_start_date <= today && (f.contract_end_date === null || f.contract_end_date >= today),
  );
  return hire
    ? rejected(
        dispatch.itemCode,
        'CURRENTLY_EMPLOYED',
        `hire filing ${hire.filing_number} (劳动用工备案) is in force: the employer files the termination first`,
      )
    : null;
}

/**
 * 就业困难人员 categories the records can check; the others (残疾人, 低保, 零就业家庭, 失地农民,
 * 省级规定) are proved by the category's material (difficulty-category-proof), checked by the
 * counter before it completes the item.
 */
export async function checkDifficultyCategory(tx: Queryable, dispatch: ItemDispatch, category: string, today: string): Promise<ItemOutcome | null> {
  const { applicant } = dispatch;
  if (category === 'OLDER_WORKER') {
    const minAge = OLDER_WORKER_MIN_AGE[applicant.gender];
    return ageOn(applicant.birthDate, today) >= minAge
      ? null
      : rejected(
          dispatch.itemCode,
          'DIFFICULTY_CATEGORY_NOT_MET',
          `大龄失业人员: ${applicant.gender === 'FEMALE' ? 'women' : 'men'} from ${minAge}; the applicant is ${ageOn(applicant.birthDate, today)}`,
          'difficultyCategory',
        );
  }
  if (category === 'LONG_TERM_UNEMPLOYED') {
    const since = await unemployedSince(tx, dispatch);
    if (since && addMonths(since.date, LONG_TERM_UNEMPLOYED_MIN_MONTHS) > today) {
      return rejected(
        dispatch.itemCode,
        'DIFFICULTY_CATEGORY_NOT_MET',
        `连续失业一年以上: unemployed since ${since.date}, less than ${LONG_TERM_UNEMPLOYED_MIN_MONTHS} months`,
        since.field,
      );
    }
  }
  return null;
}

/**
 * Since when the person is unemployed, by the best evidence at hand: the 失业时间 given on the
 * form, else the registration in force, else the end of the last employment registration.
 * Null when nothing says (the counter checks the proof).
 */
async function unemployedSince(tx: Queryable, dispatch: ItemDispatch): Promise<{ date: string; field: string } | null> {
  const given = dispatch.sharedFields?.unemploymentDate;
  if (isDate(given)) return { date: given, field: 'unemploymentDate' };
  const registration = await employmentWrites.currentUnemploymentRegistration(tx, dispatch.applicant.personId);
  if (registration?.status === 'COMPLETED') return { date: registration.unemployment_date ?? registration.registered_on, field: 'difficultyCategory' };
  const [last] = (await employmentWrites.employmentRegistrationsOf(tx, dispatch.applicant.personId))
    .filter((r) => r.ended_on !== null)
    .sort((a, b) => b.ended_on!.localeCompare(a.ended_on!));
  return last ? { date: last.ended_on!, field: 'difficultyCategory' } : null;
}

export const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/**
 * The employer of the labour relation: the 单位 applying (dispatch.employerCreditCode, or the
 * Jiangsu form's 统一社会信用代码), with the name the form gives (单位名称, or in 创业 the founded
 * enterprise's 创办单位名称). A founder's enterprise may have a name and no credit code yet.
 */
export function employerOf(dispatch: ItemDispatch): { creditCode: string | null; name: string | null } {
  const shared = dispatch.sharedFields ?? {};
  return {
    creditCode: dispatch.employerCreditCode ?? text(shared.creditCode),
    name: text(shared.unitName) ?? text(shared.enterpriseName),
  };
}

/** The enterprise applying: its credit code is required (a 单位 item). */
export function enterpriseOf(dispatch: ItemDispatch): { creditCode: string } | { rejection: ItemOutcome } {
  const { creditCode } = employerOf(dispatch);
  return creditCode
    ? { creditCode }
    : {
        rejection: rejected(
          dispatch.itemCode,
          'EMPLOYER_REQUIRED',
          'the enterprise applies for this item: give its unified social credit code',
          'employerCreditCode',
        ),
      };
}
