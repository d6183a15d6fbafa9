/**
 * What completing an accepted insurance item does (the records' `onDecision`, in records.ts):
 * each returns the columns to set with the COMPLETED status.
 */
import { GraphQLError } from 'graphql';
import type { Queryable } from '../../../src/db/database.js';
import type { ClaimRow, RegistrationRow, SupplementRow, TransferRow } from '../store.js';
import { insuranceWrites as db } from '../writes.js';
import { addDays, addMonths, todayInChina } from '../../../src/policy/calendar.js';

/** The last day of a run of `months` months starting on `start` (YYYY-MM-DD). */
export function lastDayOf(start: string, months: number): string {
  const end = addMonths(start, months);
  // A start on the 31st of a longer month clamps to the end of the target month: that day is the last.
  return end.slice(8) === start.slice(8) ? addDays(end, -1) : end;
}

/** 失业保险金 is paid from the claim's acceptance for the months the contributions entitle to. */
export async function completeClaim(tx: Queryable, claim: ClaimRow): Promise<Record<string, unknown>> {
  const startedOn = todayInChina();
  const benefitId = await db.insertBenefit(tx, {
    personKey: claim.person_key, kind: 'UNEMPLOYMENT_BENEFIT', monthlyAmount: claim.monthly_amount,
    startedOn, endsOn: lastDayOf(startedOn, claim.entitled_months),
  });
  return { benefit_id: benefitId };
}

/** 代缴医疗保险费 and 价格临时补贴 run alongside a benefit being paid, and end with it. */
export async function completeSupplement(tx: Queryable, supplement: SupplementRow): Promise<Record<string, unknown>> {
  const benefit = await db.payingBenefit(tx, supplement.person_key, ['UNEMPLOYMENT_BENEFIT']);
  if (!benefit) {
    throw new GraphQLError('complete the unemployment benefit claim first: this item is paid only while the benefit is paid',
      { extensions: { code: 'UNEMPLOYMENT_BENEFIT_NOT_PAYING', field: 'idempotencyKey' } });
  }
  if (supplement.kind === 'PRICE_SUBSIDY') {
    // The amount is set per month by the local linkage mechanism (发改价格〔2021〕1553号).
    await db.insertBenefit(tx, { personKey: supplement.person_key, kind: 'PRICE_SUBSIDY', monthlyAmount: null, startedOn: todayInChina(), endsOn: benefit.ends_on });
  }
  return { benefit_id: benefit.benefit_id, ends_on: benefit.ends_on };
}

export async function completeRegistration(tx: Queryable, registration: RegistrationRow): Promise<void> {
  for (const scheme of registration.schemes) {
    await db.activateScheme(tx, {
      personKey: registration.person_key, scheme, since: registration.start_date ?? todayInChina(),
      employerCreditCode: registration.employer_credit_code, regionCode: registration.region_code,
    });
  }
}

export async function completeTransfer(tx: Queryable, transfer: TransferRow): Promise<void> {
  await db.moveSchemeHere(tx, { personKey: transfer.person_key, scheme: transfer.scheme, regionCode: transfer.region_code });
}
