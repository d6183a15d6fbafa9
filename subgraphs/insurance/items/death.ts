/**
 * After a death: the survivors' claims and the settling of the deceased's relationships. The
 * dispatch's applicant is the deceased (the person whose records the item settles); the payee
 * or heir is in the item's fields, the death date in 基本信息 (deathDate) when the bundle asks it.
 */
import type { Queryable } from '../../../src/db/database.js';
import { rejected } from '../../../src/subgraph/item-ledger.js';
import type { ItemDispatch, ItemOutcome } from '../../../src/contract/item-contract.js';
import { todayInChina } from '../../../src/policy/calendar.js';
import { InsuranceRejection as R } from '../rejections.js';
import { insuranceWrites as db, type SchemeFact } from '../writes.js';
import { deathClaims } from '../records.js';
import type { InsuranceItemHandlers } from '../generated/items.js';

type DeathKind =
  | 'UNEMPLOYMENT_DEATH'
  | 'RESIDENT_CANCELLATION'
  | 'RESIDENT_ACCOUNT_LUMP_SUM'
  | 'RESIDENT_FUNERAL'
  | 'WORK_DEATH_GRANTS'
  | 'DEPENDANT_PENSION'
  | 'BENEFIT_ACCOUNT_CHANGE'
  | 'SURVIVOR_BENEFITS'
  | 'PERSONAL_ACCOUNT_LUMP_SUM';

const EMPLOYEE_PENSIONS = ['ENTERPRISE_PENSION', 'INSTITUTION_PENSION'];

/**
 * Settled once and for all: the relationship ends and its account is paid out (社会保险法 第14、17条;
 * 国发〔2014〕8号 第九条), the one-time grants are one-time (工伤保险条例 第39条). A second claim after
 * the first was completed would pay twice. (A dependant's pension is per dependant, an account change
 * may be repeated.)
 */
const PAID_ONCE: ReadonlySet<DeathKind> = new Set([
  'UNEMPLOYMENT_DEATH',
  'RESIDENT_CANCELLATION',
  'RESIDENT_ACCOUNT_LUMP_SUM',
  'RESIDENT_FUNERAL',
  'WORK_DEATH_GRANTS',
  'SURVIVOR_BENEFITS',
  'PERSONAL_ACCOUNT_LUMP_SUM',
]);

/**
 * The checks every death claim shares (a death date not in the future, one open claim of a kind),
 * then `rule`, which names the record's agency or refuses.
 */
async function deathClaim(
  tx: Queryable,
  dispatch: ItemDispatch,
  kind: DeathKind,
  columns: { reason?: string; payee_relationship?: string; details?: object },
  rule: (schemes: SchemeFact[]) => Promise<string | ItemOutcome> | string | ItemOutcome,
): Promise<ItemOutcome> {
  const personKey = dispatch.applicant.personId;
  const deathDate = typeof dispatch.sharedFields?.deathDate === 'string' ? dispatch.sharedFields.deathDate : null;
  if (deathDate && deathDate > todayInChina()) {
    return rejected(dispatch.itemCode, R.DEATH_DATE_IN_FUTURE, `the date of death ${deathDate} has not come yet`, 'deathDate');
  }
  if (PAID_ONCE.has(kind) && (await db.settledDeathClaim(tx, personKey, kind))) {
    return rejected(dispatch.itemCode, R.ALREADY_SETTLED, 'this claim for the deceased was already settled: it is paid once');
  }
  const region = await rule(await db.schemesOf(tx, personKey));
  if (typeof region !== 'string') return region;
  if (await deathClaims.hasOpen(tx, personKey, kind)) {
    return rejected(dispatch.itemCode, R.APPLICATION_IN_PROGRESS, 'the same claim for the deceased is still being handled');
  }
  const number = await deathClaims.insert(tx, dispatch, {
    person_key: personKey,
    kind,
    death_date: deathDate,
    reason: columns.reason ?? null,
    payee_relationship: columns.payee_relationship ?? null,
    details: JSON.stringify(columns.details ?? {}),
    region_code: region,
  });
  return deathClaims.accepted(dispatch, number);
}

const schemeRegion = (schemes: SchemeFact[], names: readonly string[]) => schemes.find((s) => names.includes(s.scheme))?.region_code;

/**
 * A completed 城乡居民养老保险注销 for the person's death that stopped a pension they drew (a
 * contributor who never drew one had no pension to stop: no funeral grant).
 */
async function cancelledOnDeath(tx: Queryable, personKey: string): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM insurance.death_claim c
      WHERE c.person_key = $1 AND c.kind = 'RESIDENT_CANCELLATION' AND c.status = 'COMPLETED' AND c.reason = 'DEATH'
        AND EXISTS (SELECT 1 FROM insurance.benefit b WHERE b.person_key = c.person_key AND b.kind = 'RESIDENT_PENSION')`,
    [personKey],
  );
  return rows.length > 0;
}

export const deathHandlers = {
  // 失业保险条例 第20条: who dies while drawing the benefit leaves a funeral grant and a survivors' payment.
  UNEMPLOYMENT_DEATH_BENEFITS: (tx, input, dispatch) =>
    deathClaim(
      tx,
      dispatch,
      'UNEMPLOYMENT_DEATH',
      { payee_relationship: input.payeeRelationship, details: { payeeName: input.payeeName, payeeBankAccount: input.payeeBankAccount } },
      async (schemes) =>
        ((await db.payingBenefit(tx, dispatch.applicant.personId, ['UNEMPLOYMENT_BENEFIT'])) && schemeRegion(schemes, ['UNEMPLOYMENT'])) ||
        rejected(
          dispatch.itemCode,
          R.NOT_DRAWING_UNEMPLOYMENT_BENEFIT,
          'the deceased drew no unemployment benefit: 失业保险丧葬补助金 is for who died while drawing it',
        ),
    ),

  // 国发〔2014〕8号 第九、十条: the relationship ends on death, emigration, or another basic pension.
  RESIDENT_PENSION_CANCELLATION: (tx, input, dispatch) =>
    deathClaim(tx, dispatch, 'RESIDENT_CANCELLATION', { reason: input.cancellationReason }, async (schemes) => {
      const region = schemeRegion(schemes, ['RESIDENT_PENSION']);
      if (!region) return rejected(dispatch.itemCode, R.NO_RESIDENT_PENSION, 'there is no 城乡居民基本养老保险 record here to cancel');
      if (
        input.cancellationReason === 'OTHER_PENSION' &&
        !schemeRegion(schemes, EMPLOYEE_PENSIONS) &&
        !(await db.payingBenefit(tx, dispatch.applicant.personId, ['PENSION']))
      ) {
        return rejected(dispatch.itemCode, R.NO_OTHER_PENSION, 'no other basic pension of the applicant is on record', 'cancellationReason');
      }
      return region;
    }),

  // 国发〔2014〕8号 第九条: the individual account's balance is inherited.
  RESIDENT_PENSION_ACCOUNT_LUMP_SUM: (tx, input, dispatch) =>
    deathClaim(
      tx,
      dispatch,
      'RESIDENT_ACCOUNT_LUMP_SUM',
      { payee_relationship: input.heirRelationship, details: { heirName: input.heirName, heirBankAccount: input.heirBankAccount } },
      (schemes) =>
        // 依法继承: the balance goes to an heir at law (民法典 第1127、1128条: spouse, children, parents,
        // siblings, grandparents, grandchildren by representation); 其他 (no relative) is none.
        input.heirRelationship === 'OTHER'
          ? rejected(
              dispatch.itemCode,
              R.HEIR_NOT_ENTITLED,
              'the account balance is inherited by an heir at law: a person of no kinship is none',
              'heirRelationship',
            )
          : (schemeRegion(schemes, ['RESIDENT_PENSION']) ??
            rejected(dispatch.itemCode, R.NO_RESIDENT_PENSION, 'the deceased had no 城乡居民基本养老保险 account here')),
    ),

  // Local policy (the grant and its amount are the province's): for who died drawing the resident pension.
  RESIDENT_FUNERAL_GRANT: (tx, input, dispatch) =>
    deathClaim(
      tx,
      dispatch,
      'RESIDENT_FUNERAL',
      { details: { payeeName: input.payeeName, payeeBankAccount: input.payeeBankAccount } },
      async (schemes) =>
        // Drawing it when they died: still paid, or stopped by the cancellation for this death (a
        // serial 一件事 completes the cancellation before the grant is sent).
        (((await db.payingBenefit(tx, dispatch.applicant.personId, ['RESIDENT_PENSION'])) || (await cancelledOnDeath(tx, dispatch.applicant.personId))) &&
          schemeRegion(schemes, ['RESIDENT_PENSION'])) ||
        rejected(dispatch.itemCode, R.NOT_A_RESIDENT_PENSIONER, 'the deceased drew no 城乡居民养老保险待遇: the funeral grant is for its pensioners'),
    ),

  // 工伤保险条例 第39条: death from a recognised work injury. A grade 1–4 worker dying after the paid
  // leave leaves the funeral grant and the dependants' pension, not the one-time death grant (第3款).
  WORK_DEATH_GRANTS: (tx, input, dispatch) =>
    deathClaim(
      tx,
      dispatch,
      'WORK_DEATH_GRANTS',
      {
        details: {
          // The three checkboxes of 附件1 八(三)2, kept under the words the records have always used.
          deathCircumstances: [
            ...(input.diedDuringPaidLeave ? ['DIED_DURING_PAID_LEAVE'] : []),
            ...(input.diedAfterPaidLeaveGrade1To4 ? ['DIED_AFTER_LEAVE_GRADE_1_TO_4'] : []),
            ...(input.declaredDeadByCourt ? ['DECLARED_DEAD_BY_COURT'] : []),
          ],
          oneTimeDeathGrant: !input.diedAfterPaidLeaveGrade1To4,
        },
      },
      async () =>
        (await db.injuryClaim(tx, dispatch.applicant.personId, 'RECOGNITION', ['COMPLETED']))?.region_code ??
        rejected(dispatch.itemCode, R.INJURY_NOT_RECOGNISED, 'the death is not of a recognised work injury: 工伤认定 comes first'),
    ),

  // 工伤保险条例 第39条: 配偶 40 %, others 30 % each (+10 % for a lone elder or orphan), in all ≤ the wage.
  DEPENDANT_PENSION: (tx, input, dispatch) =>
    deathClaim(
      tx,
      dispatch,
      'DEPENDANT_PENSION',
      { details: { dependantAccount: input.dependantAccount ?? null } },
      async () =>
        (await db.injuryClaim(tx, dispatch.applicant.personId, 'RECOGNITION', ['COMPLETED']))?.region_code ??
        rejected(dispatch.itemCode, R.INJURY_NOT_RECOGNISED, 'the death is not of a recognised work injury: 工伤认定 comes first'),
    ),

  // 人社部发〔2021〕23号 附件1: the deceased's benefit account is changed to the heir's for what is still due.
  BENEFIT_ACCOUNT_CHANGE: (tx, input, dispatch) =>
    deathClaim(
      tx,
      dispatch,
      'BENEFIT_ACCOUNT_CHANGE',
      { details: { deceasedBenefitAccount: input.deceasedBenefitAccount ?? null, heirBankAccount: input.heirBankAccount ?? null } },
      async (schemes) =>
        ((await db.payingBenefit(tx, dispatch.applicant.personId, ['PENSION', 'RESIDENT_PENSION', 'UNEMPLOYMENT_BENEFIT', 'WORK_INJURY'])) &&
          schemes[0]?.region_code) ||
        rejected(dispatch.itemCode, R.NO_BENEFIT_PAID, 'the deceased was paid no benefit: there is no benefit account to change'),
    ),

  // 社会保险法 第17条: who was insured in basic pension insurance and died of illness or not at work
  // leaves a funeral grant and a survivors' pension.
  SURVIVOR_BENEFITS: (tx, input, dispatch) =>
    deathClaim(
      tx,
      dispatch,
      'SURVIVOR_BENEFITS',
      { payee_relationship: input.heirRelationship, details: { heirName: input.heirName } },
      (schemes) =>
        schemeRegion(schemes, EMPLOYEE_PENSIONS) ?? rejected(dispatch.itemCode, R.NO_PENSION_INSURANCE, 'the deceased had no employee pension insurance here'),
    ),

  // 社会保险法 第14条: the individual account's balance is inherited.
  PERSONAL_ACCOUNT_LUMP_SUM: (tx, input, dispatch) =>
    deathClaim(tx, dispatch, 'PERSONAL_ACCOUNT_LUMP_SUM', { details: { heirIdType: input.heirIdType, heirIdNumber: input.heirIdNumber } }, (schemes) => {
      if (input.heirIdType === dispatch.applicant.idType && input.heirIdNumber.trim().toUpperCase() === dispatch.applicant.idNumber.toUpperCase()) {
        return rejected(dispatch.itemCode, R.HEIR_IS_DECEASED, 'the heir named is the deceased', 'heirIdNumber');
      }
      return (
        schemeRegion(schemes, EMPLOYEE_PENSIONS) ?? rejected(dispatch.itemCode, R.NO_PENSION_INSURANCE, 'the deceased had no employee pension account here')
      );
    }),
} satisfies Partial<InsuranceItemHandlers>;
