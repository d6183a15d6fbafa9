import type { Queryable } from '../../../src/db/database.js';
import { rejected } from '../../../src/subgraph/item-ledger.js';
import type { ItemDispatch, ItemOutcome } from '../../../src/contract/item-contract.js';
import { InsuranceRejection } from '../rejections.js';
import type { EmployerRow } from '../store.js';
import { insuranceWrites, type SchemeFact } from '../writes.js';

export const contributing = (schemes: readonly SchemeFact[], scheme: string) => schemes.find((s) => s.scheme === scheme && s.status === 'CONTRIBUTING');

/**
 * The agency handling a person: the one of their most recently changed scheme; for someone
 * with no record yet, the agency of the region their resident ID card was issued in, if any.
 */
export async function handlingRegion(tx: Queryable, dispatch: ItemDispatch, schemes: readonly SchemeFact[]): Promise<string | null> {
  if (schemes[0]) return schemes[0].region_code;
  if (dispatch.applicant.idType !== 'RESIDENT_ID_CARD') return null;
  const region = dispatch.applicant.idNumber.slice(0, 6);
  return (await insuranceWrites.agency(tx, region)) ? region : null;
}

export const noAgency = (dispatch: ItemDispatch) =>
  rejected(
    dispatch.itemCode,
    InsuranceRejection.NO_HANDLING_AGENCY,
    'no social insurance agency here handles the applicant: apply where the person is insured or registered',
  );

/**
 * The employer applying (dispatch.employerCreditCode), which must have registered here: the
 * insurance subgraph owns employers (单位参保登记 comes first). `required` when only a 单位 applies.
 */
export async function applyingEmployer(
  tx: Queryable,
  dispatch: ItemDispatch,
  required: boolean,
): Promise<{ employer: EmployerRow | null } | { rejection: ItemOutcome }> {
  const code = dispatch.employerCreditCode;
  if (!code) {
    return required
      ? {
          rejection: rejected(
            dispatch.itemCode,
            InsuranceRejection.EMPLOYER_REQUIRED,
            'this item is applied for by the employer: the dispatch names no employer',
            'employerCreditCode',
          ),
        }
      : { employer: null };
  }
  const employer = await insuranceWrites.employer(tx, code);
  if (!employer) {
    return {
      rejection: rejected(
        dispatch.itemCode,
        InsuranceRejection.EMPLOYER_NOT_REGISTERED,
        `the employer ${code} has no social insurance registration here: 单位参保登记 comes first`,
        'employerCreditCode',
      ),
    };
  }
  return { employer };
}
