/**
 * 职工退休: 正常退休, 提前退休 (every category), 特殊工种提前退休审批, 一次性待遇, and 工伤保险待遇补差
 * for who retires on a disability allowance. Ages follow the gradual reform (src/policy/retirement.ts),
 * the minimum contributions its 办法 第4条 (policy.ts).
 */
import type { Queryable } from '../../../src/db/database.js';
import { rejected } from '../../../src/subgraph/item-ledger.js';
import type { ItemDispatch, ItemOutcome } from '../../../src/contract/item-contract.js';
import { addMonths, todayInChina } from '../../../src/policy/calendar.js';
import { retirementDate, retirementSchedule } from '../../../src/policy/retirement.js';
import {
  FLEXIBLE_EARLY_MAX_MONTHS,
  ILLNESS_RETIREMENT_AGE,
  SPECIAL_WORK_MIN_YEARS,
  SPECIAL_WORK_RETIREMENT_AGE,
  minimumContributionMonths,
} from '../policy.js';
import { InsuranceRejection as R } from '../rejections.js';
import { insuranceWrites as db, type SchemeFact } from '../writes.js';
import { benefitChanges, retirements } from '../records.js';
import { applyingEmployer } from './common.js';
import type { InsuranceItemHandlers } from '../generated/items.js';

const PENSION_SCHEMES = ['ENTERPRISE_PENSION', 'INSTITUTION_PENSION'];

/** What every retirement rule looks at, or the rejection that stops it. */
interface RetirementFacts {
  readonly today: string;
  readonly scheme: SchemeFact;
  readonly statutoryDate: string;
  /** The birthday of the age before the reform (弹性提前退休 never goes below it). */
  readonly formerAgeDate: string;
  readonly contributionMonths: number;
  readonly minimumMonths: number;
}

const isMonths = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/**
 * The person's employee pension record, statutory retirement date and months of contributions.
 * A woman's age depends on her post (干部 55, 工人 50 before the reform); a woman in flexible
 * employment retires as the former 55-year group (the national practice for 灵活就业人员).
 * Months are 视同 + 实际 as declared in 基本信息; without them, the months on record here.
 */
async function retirementFacts(tx: Queryable, dispatch: ItemDispatch): Promise<RetirementFacts | ItemOutcome> {
  const code = dispatch.itemCode;
  const personKey = dispatch.applicant.personId;
  const schemes = (await db.schemesOf(tx, personKey)).filter((s) => PENSION_SCHEMES.includes(s.scheme));
  const scheme = schemes.find((s) => s.status === 'CONTRIBUTING') ?? schemes[0];
  if (!scheme)
    return rejected(
      code,
      R.NO_PENSION_INSURANCE,
      'the applicant has no employee pension insurance record here: apply where the pension relationship is (or transfer it in first)',
    );
  const shared = dispatch.sharedFields ?? {};
  const identity = shared.retireeIdentity;
  if (dispatch.applicant.gender === 'FEMALE' && typeof identity !== 'string') {
    return rejected(
      code,
      R.RETIREE_IDENTITY_REQUIRED,
      "a woman's retirement age depends on her post: give 身份 (干部, 工人 or 灵活就业人员)",
      'retireeIdentity',
    );
  }
  const schedule = retirementSchedule(dispatch.applicant.gender, identity === 'WORKER' ? 'WORKER' : 'CADRE');
  const { birthDate } = dispatch.applicant;
  let contributionMonths = schemes.reduce((sum, s) => sum + s.contribution_months, 0);
  if (shared.deemedContributionMonths !== undefined || shared.actualContributionMonths !== undefined) {
    const { deemedContributionMonths: deemed = 0, actualContributionMonths: actual } = shared;
    if (!isMonths(deemed)) return rejected(code, R.CONTRIBUTION_MONTHS_INVALID, '视同缴费年限 must be a whole number of months', 'deemedContributionMonths');
    if (!isMonths(actual)) return rejected(code, R.CONTRIBUTION_MONTHS_INVALID, '实际缴费年限 must be a whole number of months', 'actualContributionMonths');
    contributionMonths = deemed + actual;
  }
  const today = todayInChina();
  return {
    today,
    scheme,
    statutoryDate: retirementDate(birthDate, schedule),
    formerAgeDate: addMonths(birthDate, schedule.baseYears * 12),
    contributionMonths,
    minimumMonths: minimumContributionMonths(Number(today.slice(0, 4))),
  };
}

const isOutcome = (value: RetirementFacts | ItemOutcome): value is ItemOutcome => 'status' in value;

/** 视同 + 实际 ≥ the year's minimum (渐进式延迟法定退休年龄办法 第4条). */
const shortOfMinimum = (dispatch: ItemDispatch, facts: RetirementFacts) =>
  rejected(
    dispatch.itemCode,
    R.INSUFFICIENT_CONTRIBUTION_YEARS,
    `${facts.contributionMonths} months of contributions (视同 + 实际); a monthly pension needs ${facts.minimumMonths} in ${facts.today.slice(0, 4)}: contribute on, transfer to 城乡居民养老保险, or apply for 一次性待遇`,
    'actualContributionMonths',
  );

async function drawingOrOpen(tx: Queryable, dispatch: ItemDispatch): Promise<ItemOutcome | null> {
  const personKey = dispatch.applicant.personId;
  if (await db.payingBenefit(tx, personKey, ['PENSION']))
    return rejected(dispatch.itemCode, R.ALREADY_DRAWING_PENSION, 'the applicant already draws a basic pension');
  for (const kind of ['NORMAL', 'EARLY', 'LUMP_SUM'] as const) {
    if (await retirements.hasOpen(tx, personKey, kind)) {
      return rejected(dispatch.itemCode, R.APPLICATION_IN_PROGRESS, 'a retirement application of the applicant is still being handled');
    }
  }
  return null;
}

const ageReached = (birthDate: string, years: number, today: string) => addMonths(birthDate, years * 12) <= today;

export const retirementHandlers = {
  // 社会保险法 第16条; 全国人大常委会关于实施渐进式延迟法定退休年龄的决定 and its 办法 第1、4条; 经办条例 第18条.
  RETIREMENT_APPLICATION: async (tx, _input, dispatch) => {
    const facts = await retirementFacts(tx, dispatch);
    if (isOutcome(facts)) return facts;
    const busy = await drawingOrOpen(tx, dispatch);
    if (busy) return busy;
    if (facts.statutoryDate > facts.today) {
      return rejected(
        dispatch.itemCode,
        R.RETIREMENT_AGE_NOT_REACHED,
        `the statutory retirement age is reached on ${facts.statutoryDate}: apply then (or for 弹性提前退休 under 提前退休申请)`,
        'birthDate',
      );
    }
    if (facts.contributionMonths < facts.minimumMonths) return shortOfMinimum(dispatch, facts);
    const applying = await applyingEmployer(tx, dispatch, false);
    if ('rejection' in applying) return applying.rejection;
    const number = await retirements.insert(tx, dispatch, {
      person_key: dispatch.applicant.personId,
      kind: 'NORMAL',
      retiree_identity: dispatch.sharedFields?.retireeIdentity ?? null,
      statutory_date: facts.statutoryDate,
      contribution_months: facts.contributionMonths,
      minimum_months: facts.minimumMonths,
      scheme: facts.scheme.scheme,
      employer_credit_code: applying.employer?.credit_code ?? null,
      region_code: facts.scheme.region_code,
    });
    return retirements.accepted(dispatch, number);
  },

  // 国发〔1978〕104号 (特殊工种, 因病或非因工致残); 渐进式延迟法定退休年龄办法 第2条 (弹性提前退休).
  RETIREMENT_EARLY: async (tx, input, dispatch) => {
    const code = dispatch.itemCode;
    const { birthDate, gender } = dispatch.applicant;
    const facts = await retirementFacts(tx, dispatch);
    if (isOutcome(facts)) return facts;
    const busy = await drawingOrOpen(tx, dispatch);
    if (busy) return busy;
    if (facts.statutoryDate <= facts.today) {
      return rejected(
        code,
        R.STATUTORY_AGE_REACHED,
        `the statutory retirement age was reached on ${facts.statutoryDate}: apply for 正常退休`,
        'earlyRetirementCategory',
      );
    }
    switch (input.earlyRetirementCategory) {
      case 'SPECIAL_WORK': {
        for (const field of ['specialWorkName', 'specialWorkNature', 'specialWorkYears', 'specialWorkEmployer'] as const) {
          const value = input[field];
          if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) {
            return rejected(code, R.EARLY_RETIREMENT_FIELD_REQUIRED, 'special-work early retirement needs the work, its nature, years and employer', field);
          }
        }
        if (!ageReached(birthDate, SPECIAL_WORK_RETIREMENT_AGE[gender], facts.today)) {
          return rejected(
            code,
            R.EARLY_RETIREMENT_AGE_NOT_REACHED,
            `special-work early retirement is from the age of ${SPECIAL_WORK_RETIREMENT_AGE[gender]}`,
            'birthDate',
          );
        }
        const needed = SPECIAL_WORK_MIN_YEARS[input.specialWorkNature!]!;
        if (input.specialWorkYears! < needed) {
          return rejected(
            code,
            R.SPECIAL_WORK_YEARS_INSUFFICIENT,
            `${input.specialWorkYears} years in this special work; its nature needs ${needed}`,
            'specialWorkYears',
          );
        }
        break;
      }
      case 'ILLNESS_OR_NON_WORK_DISABILITY':
        // The complete loss of working ability is confirmed by the appraisal (劳动能力鉴定), preselected with this item.
        if (!ageReached(birthDate, ILLNESS_RETIREMENT_AGE[gender], facts.today)) {
          return rejected(
            code,
            R.EARLY_RETIREMENT_AGE_NOT_REACHED,
            `early retirement for illness or non-work disability is from the age of ${ILLNESS_RETIREMENT_AGE[gender]}`,
            'birthDate',
          );
        }
        break;
      case 'FLEXIBLE_EARLY': {
        const earliest = [addMonths(facts.statutoryDate, -FLEXIBLE_EARLY_MAX_MONTHS), facts.formerAgeDate].sort().at(-1)!;
        if (earliest > facts.today) {
          return rejected(
            code,
            R.EARLY_RETIREMENT_AGE_NOT_REACHED,
            `弹性提前退休 is at most ${FLEXIBLE_EARLY_MAX_MONTHS} months before the statutory age and never below the former age: from ${earliest}`,
            'birthDate',
          );
        }
        break;
      }
    }
    if (facts.contributionMonths < facts.minimumMonths) return shortOfMinimum(dispatch, facts);
    const applying = await applyingEmployer(tx, dispatch, false);
    if ('rejection' in applying) return applying.rejection;
    const number = await retirements.insert(tx, dispatch, {
      person_key: dispatch.applicant.personId,
      kind: 'EARLY',
      early_category: input.earlyRetirementCategory,
      special_work_name: input.specialWorkName ?? null,
      special_work_nature: input.specialWorkNature ?? null,
      special_work_years: input.specialWorkYears ?? null,
      special_work_employer: input.specialWorkEmployer ?? null,
      retiree_identity: dispatch.sharedFields?.retireeIdentity ?? null,
      statutory_date: facts.statutoryDate,
      contribution_months: facts.contributionMonths,
      minimum_months: facts.minimumMonths,
      scheme: facts.scheme.scheme,
      employer_credit_code: applying.employer?.credit_code ?? null,
      region_code: facts.scheme.region_code,
    });
    return retirements.accepted(dispatch, number);
  },

  // 国发〔1978〕104号: the employer asks the approval of its worker's years in special work (企业职工基本养老保险).
  SPECIAL_WORK_EARLY_RETIREMENT_APPROVAL: async (tx, input, dispatch) => {
    const code = dispatch.itemCode;
    const personKey = dispatch.applicant.personId;
    const applying = await applyingEmployer(tx, dispatch, true);
    if ('rejection' in applying) return applying.rejection;
    const scheme = (await db.schemesOf(tx, personKey)).find((s) => s.scheme === 'ENTERPRISE_PENSION');
    if (!scheme)
      return rejected(code, R.NO_PENSION_INSURANCE, 'special-work early retirement is a rule of 企业职工基本养老保险, where the applicant has no record here');
    const needed = SPECIAL_WORK_MIN_YEARS[input.specialWorkNature]!;
    if (input.specialWorkYears < needed) {
      return rejected(
        code,
        R.SPECIAL_WORK_YEARS_INSUFFICIENT,
        `${input.specialWorkYears} years in this special work; its nature needs ${needed}`,
        'specialWorkYears',
      );
    }
    // Work starts at 16 at the earliest (劳动法 第15条): more years than that leaves is a mistake.
    const workingYears = Number(todayInChina().slice(0, 4)) - Number(dispatch.applicant.birthDate.slice(0, 4)) - 16;
    if (input.specialWorkYears > workingYears) {
      return rejected(
        code,
        R.SPECIAL_WORK_YEARS_IMPOSSIBLE,
        `${input.specialWorkYears} years in special work is more than the applicant's working life since 16 (${workingYears})`,
        'specialWorkYears',
      );
    }
    if (await retirements.hasOpen(tx, personKey, 'SPECIAL_WORK_APPROVAL')) {
      return rejected(code, R.APPLICATION_IN_PROGRESS, 'a special-work approval for the applicant is still being handled');
    }
    const number = await retirements.insert(tx, dispatch, {
      person_key: personKey,
      kind: 'SPECIAL_WORK_APPROVAL',
      special_work_name: input.specialWorkName,
      special_work_nature: input.specialWorkNature,
      special_work_years: input.specialWorkYears,
      special_work_employer: input.specialWorkEmployer,
      scheme: 'ENTERPRISE_PENSION',
      employer_credit_code: applying.employer!.credit_code,
      region_code: scheme.region_code,
    });
    return retirements.accepted(dispatch, number);
  },

  // 社会保险法 第16条; 实施《中华人民共和国社会保险法》若干规定 (人社部令第13号) 第3条: at the statutory age
  // without the minimum contributions, on written application, the individual account is paid out
  // at once and the relationship ends.
  RETIREMENT_LUMP_SUM: async (tx, _input, dispatch) => {
    const facts = await retirementFacts(tx, dispatch);
    if (isOutcome(facts)) return facts;
    const busy = await drawingOrOpen(tx, dispatch);
    if (busy) return busy;
    if (facts.statutoryDate > facts.today) {
      return rejected(
        dispatch.itemCode,
        R.RETIREMENT_AGE_NOT_REACHED,
        `the one-off payment is made at the statutory retirement age, reached on ${facts.statutoryDate}`,
        'birthDate',
      );
    }
    // 人社部令第13号 第3条: the account is paid out and the relationship ends: once.
    if (await db.retirementOf(tx, dispatch.applicant.personId, ['LUMP_SUM'])) {
      return rejected(dispatch.itemCode, R.ALREADY_SETTLED, 'the individual account was already paid out at once and the relationship ended');
    }
    if (facts.contributionMonths >= facts.minimumMonths) {
      return rejected(
        dispatch.itemCode,
        R.PENSION_DUE_INSTEAD,
        `${facts.contributionMonths} months of contributions reach the minimum of ${facts.minimumMonths}: a monthly pension is due, apply for 正常退休`,
        'actualContributionMonths',
      );
    }
    const number = await retirements.insert(tx, dispatch, {
      person_key: dispatch.applicant.personId,
      kind: 'LUMP_SUM',
      statutory_date: facts.statutoryDate,
      contribution_months: facts.contributionMonths,
      minimum_months: facts.minimumMonths,
      scheme: facts.scheme.scheme,
      region_code: facts.scheme.region_code,
    });
    return retirements.accepted(dispatch, number);
  },

  // 工伤保险条例 第35条: a grade 1–4 worker on 伤残津贴 who retires draws the basic pension, and the
  // work-injury fund pays the difference when the pension is lower.
  WORK_INJURY_BENEFIT_TOP_UP: async (tx, _input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    const benefit = await db.payingBenefit(tx, personKey, ['WORK_INJURY']);
    if (!benefit)
      return rejected(dispatch.itemCode, R.NO_WORK_INJURY_BENEFIT, 'the applicant draws no long-term work-injury benefit: there is nothing to top up');
    if (await benefitChanges.hasOpen(tx, personKey, 'WORK_INJURY_TOP_UP')) {
      return rejected(dispatch.itemCode, R.APPLICATION_IN_PROGRESS, 'a work-injury top-up of the applicant is still being handled');
    }
    const number = await benefitChanges.insert(tx, dispatch, { person_key: personKey, kind: 'WORK_INJURY_TOP_UP', benefit_id: benefit.benefit_id });
    return benefitChanges.accepted(dispatch, number);
  },
} satisfies Partial<InsuranceItemHandlers>;
