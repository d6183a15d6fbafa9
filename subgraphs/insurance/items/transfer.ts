/**
 * 社保关系转入 (企业职工养老, 机关事业单位养老, 军人退役养老, 随军配偶养老, 失业): the 转入地 accepts and
 * sends the 联系函, the 转出地 transfers, the 转入地 completes — three steps of 15 working days
 * (国办发〔2009〕66号), so every transfer is TIME_LIMITED and completed by the counter.
 */
import { rejected } from '../../../src/subgraph/item-ledger.js';
import { InsuranceRejection as R } from '../rejections.js';
import type { EmployerRow } from '../store.js';
import { insuranceWrites as db } from '../writes.js';
import { transfers } from '../records.js';
import type { ItemHandler } from '../../../src/subgraph/item-handlers.js';
import type { InsuranceItemHandlers, TransferInEnterprisePensionInput as TransferInInput } from '../generated/items.js';
import { applyingEmployer, handlingRegion, noAgency } from './common.js';

type TransferKind = 'ENTERPRISE_PENSION' | 'INSTITUTION_PENSION' | 'MILITARY_PENSION' | 'MILITARY_SPOUSE_PENSION' | 'UNEMPLOYMENT' | 'RESIDENT_PENSION';

/**
 * The scheme the relationship joins here. Military and military-spouse pensions join the
 * scheme of the new job: 机关事业单位 for a public employer, else the enterprise scheme
 * (军人退役基本养老保险关系转移接续暂行办法; 未就业随军配偶 likewise).
 */
function schemeFor(kind: TransferKind, employer: EmployerRow | null): string {
  switch (kind) {
    case 'ENTERPRISE_PENSION':
    case 'INSTITUTION_PENSION':
    case 'UNEMPLOYMENT':
    case 'RESIDENT_PENSION':
      return kind;
    case 'MILITARY_PENSION':
    case 'MILITARY_SPOUSE_PENSION':
      return employer && employer.kind !== 'ENTERPRISE' ? 'INSTITUTION_PENSION' : 'ENTERPRISE_PENSION';
  }
}

function transferIn(kind: TransferKind): ItemHandler<TransferInInput> {
  return async (tx, input, dispatch) => {
    const { itemCode } = dispatch;
    const personKey = dispatch.applicant.personId;
    const transferOut = input.transferOutAgencyName.trim();
    if (!transferOut) {
      return rejected(itemCode, R.TRANSFER_OUT_AGENCY_REQUIRED, 'name the 转出地 social insurance agency the relationship comes from', 'transferOutAgencyName');
    }
    // The person applies, or the new employer for its hire (it must be registered here).
    const applying = await applyingEmployer(tx, dispatch, false);
    if ('rejection' in applying) return applying.rejection;
    const { employer } = applying;
    const region = employer ? employer.region_code : await handlingRegion(tx, dispatch, await db.schemesOf(tx, personKey));
    const agency = region ? await db.agency(tx, region) : undefined;
    if (!agency) return noAgency(dispatch);
    if (agency.name === transferOut) {
      return rejected(itemCode, R.SAME_AGENCY, `${transferOut} is the 转入地 itself: there is nothing to transfer`, 'transferOutAgencyName');
    }
    if (await transfers.hasOpen(tx, personKey, kind)) {
      return rejected(itemCode, R.TRANSFER_IN_PROGRESS, 'a transfer of the same relationship for the applicant is already in progress');
    }
    const number = await transfers.insert(tx, dispatch, {
      person_key: personKey,
      kind,
      scheme: schemeFor(kind, employer),
      transfer_out_agency_name: transferOut,
      region_code: agency.region_code,
      employer_credit_code: employer?.credit_code ?? null,
    });
    return transfers.accepted(dispatch, number);
  };
}

export const transferHandlers = {
  PENSION_TRANSFER_IN_ENTERPRISE: transferIn('ENTERPRISE_PENSION'),
  PENSION_TRANSFER_IN_INSTITUTION: transferIn('INSTITUTION_PENSION'),
  PENSION_TRANSFER_IN_MILITARY: transferIn('MILITARY_PENSION'),
  PENSION_TRANSFER_IN_MILITARY_SPOUSE: transferIn('MILITARY_SPOUSE_PENSION'),
  UNEMPLOYMENT_INSURANCE_TRANSFER_IN: transferIn('UNEMPLOYMENT'),
  // 城乡居民基本养老保险经办规程 (人社部发〔2019〕84号) 第四章: transferred between agencies, from the one it leaves.
  PENSION_TRANSFER_IN_RESIDENT: transferIn('RESIDENT_PENSION'),
} satisfies Partial<InsuranceItemHandlers>;
