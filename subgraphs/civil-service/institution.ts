/** What every civil-service item checks first: the applying unit is a public institution. */
import type { ItemDispatch, ItemOutcome } from '../../src/contract/item-contract.js';
import { rejected } from '../../src/subgraph/item-ledger.js';
import { isPublicInstitutionCode } from './policy.js';

/** A shared field's text, trimmed; null when absent or blank. */
export const sharedString = (dispatch: ItemDispatch, name: string): string | null => {
  const value = dispatch.sharedFields?.[name];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
};

/** The institution applying: every civil-service item is a 事业单位's (applicantKind EMPLOYER). */
export function institutionOf(dispatch: ItemDispatch): { creditCode: string } | ItemOutcome {
  const creditCode = dispatch.employerCreditCode;
  if (!creditCode) {
    return rejected(
      dispatch.itemCode,
      'EMPLOYER_REQUIRED',
      'the item is applied for by the hiring public institution: dispatch.employerCreditCode is missing',
      'dispatch.employerCreditCode',
    );
  }
  if (!isPublicInstitutionCode(creditCode)) {
    return rejected(
      dispatch.itemCode,
      'NOT_PUBLIC_INSTITUTION',
      'the applicant unit is not a public institution (事业单位): its credit code does not start with 12 (GB 32100)',
      'dispatch.employerCreditCode',
    );
  }
  return { creditCode };
}
