/** The counter's decision on an accepted insurance item, with the domain effect of completion. */
import { GraphQLError } from 'graphql';
import type { Queryable } from '../../../src/db/database.js';
import { decisionMutation, type LedgerEntry } from '../../../src/subgraph/item-ledger.js';
import type { ClaimRow, RegistrationRow, SupplementRow, TransferRow } from '../store.js';
import { insuranceWrites as db, isRecordType } from '../writes.js';
import { addDays, addMonths, todayInChina } from '../../../src/policy/calendar.js';

/** The last day of a run of `months` months starting on `start` (YYYY-MM-DD). */
export function lastDayOf(start: string, months: number): string {
  const end = addMonths(start, months);
  // A start on the 31st of a longer month clamps to the end of the target month: that day is the last.
  return end.slice(8) === start.slice(8) ? addDays(end, -1) : end;
}

/** 失业保险金 is paid from the claim's acceptance for the months the contributions entitle to. */
async function completeClaim(tx: Queryable, claimNumber: string): Promise<void> {
  const claim = await db.record<ClaimRow>(tx, 'UnemploymentBenefitClaim', claimNumber);
  const startedOn = todayInChina();
  const benefitId = await db.insertBenefit(tx, {
    personKey: claim.person_key, kind: 'UNEMPLOYMENT_BENEFIT', monthlyAmount: claim.monthly_amount,
    startedOn, endsOn: lastDayOf(startedOn, claim.entitled_months),
  });
  await db.setStatus(tx, 'UnemploymentBenefitClaim', claimNumber, 'COMPLETED', { benefit_id: benefitId });
}

/** 代缴医疗保险费 and 价格临时补贴 run alongside a benefit being paid, and end with it. */
async function completeSupplement(tx: Queryable, supplementNumber: string): Promise<void> {
  const supplement = await db.record<SupplementRow>(tx, 'UnemploymentSupplement', supplementNumber);
  const benefit = await db.payingBenefit(tx, supplement.person_key, ['UNEMPLOYMENT_BENEFIT']);
  if (!benefit) {
    throw new GraphQLError('complete the unemployment benefit claim first: this item is paid only while the benefit is paid',
      { extensions: { code: 'UNEMPLOYMENT_BENEFIT_NOT_PAYING', field: 'idempotencyKey' } });
  }
  if (supplement.kind === 'PRICE_SUBSIDY') {
    // The amount is set per month by the local linkage mechanism (发改价格〔2021〕1553号).
    await db.insertBenefit(tx, { personKey: supplement.person_key, kind: 'PRICE_SUBSIDY', monthlyAmount: null, startedOn: todayInChina(), endsOn: benefit.ends_on });
  }
  await db.setStatus(tx, 'UnemploymentSupplement', supplementNumber, 'COMPLETED', { benefit_id: benefit.benefit_id, ends_on: benefit.ends_on });
}

async function completeRegistration(tx: Queryable, registrationNumber: string): Promise<void> {
  const registration = await db.record<RegistrationRow>(tx, 'InsuranceRegistration', registrationNumber);
  for (const scheme of registration.schemes) {
    await db.activateScheme(tx, {
      personKey: registration.person_key, scheme, since: registration.start_date ?? todayInChina(),
      employerCreditCode: registration.employer_credit_code, regionCode: registration.region_code,
    });
  }
  await db.setStatus(tx, 'InsuranceRegistration', registrationNumber, 'COMPLETED');
}

async function completeTransfer(tx: Queryable, transferNumber: string): Promise<void> {
  const transfer = await db.record<TransferRow>(tx, 'InsuranceTransferIn', transferNumber);
  await db.moveSchemeHere(tx, { personKey: transfer.person_key, scheme: transfer.scheme, regionCode: transfer.region_code });
  await db.setStatus(tx, 'InsuranceTransferIn', transferNumber, 'COMPLETED');
}

async function onDecision(tx: Queryable, entry: LedgerEntry, decision: { outcome: 'COMPLETE' | 'REJECT' }): Promise<void> {
  if (!isRecordType(entry.recordType) || !entry.recordId) return;
  if (decision.outcome === 'REJECT') {
    await db.setStatus(tx, entry.recordType, entry.recordId, 'REJECTED');
    return;
  }
  switch (entry.recordType) {
    case 'UnemploymentBenefitClaim': return completeClaim(tx, entry.recordId);
    case 'UnemploymentSupplement': return completeSupplement(tx, entry.recordId);
    case 'InsuranceRegistration': return completeRegistration(tx, entry.recordId);
    case 'InsuranceTransferIn': return completeTransfer(tx, entry.recordId);
  }
}

export const decideInsuranceItem = decisionMutation(onDecision);
