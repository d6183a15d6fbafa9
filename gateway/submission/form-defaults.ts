import type { Bundle, BundleItem, FieldDef } from '../../src/catalog/index.js';
import type { SharedRecord } from './shared-record.js';

/**
 * What the back offices already know fills the form, so nobody is asked twice: a field left
 * empty takes its value from the applicant's shared record. By field type or name, as data.
 */
const DEFAULTS: ReadonlyArray<{ readonly applies: (field: FieldDef) => boolean; readonly from: (record: SharedRecord) => string | null | undefined }> = [
  // "默认为社保卡银行账户" (人社部发〔2021〕23号 附件1): every bank account defaults to the card's.
  { applies: (f) => f.type === 'BANK_ACCOUNT', from: (r) => r.socialSecurityCard?.bankAccount?.accountNumber },
  // Not 转出地 (transferOutAgencyName): the agency handling the person now is where the relationship
  // is going (the 转入地), so it would make every transfer SAME_AGENCY; no record says where it comes from.
  // The archive comes from whoever holds it now.
  { applies: (f) => f.name === 'originalArchiveAgency', from: (r) => r.personnelArchive?.holder },
];

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

function fill(fields: readonly FieldDef[], values: Record<string, unknown>, record: SharedRecord, filled: string[], path: string): Record<string, unknown> {
  const result = { ...values };
  for (const field of fields) {
    if (!isEmpty(result[field.name])) continue;
    for (const rule of DEFAULTS) {
      const value = rule.applies(field) ? rule.from(record) : undefined;
      if (!isEmpty(value)) {
        result[field.name] = value;
        filled.push(`${path}.${field.name}`);
        break;
      }
    }
  }
  return result;
}

export interface FilledForm {
  readonly sharedFields: Record<string, unknown>;
  readonly items: ReadonlyArray<{ code: string; fields: Record<string, unknown> }>;
  /** Paths of the values taken from the record (`items.UNEMPLOYMENT_BENEFIT.bankAccount`). */
  readonly filled: readonly string[];
}

/**
 * `entries`: the bundle's item entries for the scenario; an item field is filled only where the
 * bundle asks it (a field the bundle leaves out stays out: the form would refuse it).
 */
export function fillDefaults(
  bundle: Pick<Bundle, 'sharedFields'>,
  entries: readonly Pick<BundleItem, 'code' | 'fields'>[],
  form: { sharedFields: Record<string, unknown>; items: ReadonlyArray<{ code: string; fields: Record<string, unknown> }> },
  record: SharedRecord | null,
): FilledForm {
  if (!record) return { ...form, filled: [] };
  const filled: string[] = [];
  const sharedFields = fill(
    bundle.sharedFields.map((s) => s.field),
    form.sharedFields,
    record,
    filled,
    'sharedFields',
  );
  const filledItems = form.items.map((entry) => {
    const asked = entries.find((e) => e.code === entry.code);
    return asked ? { code: entry.code, fields: fill(asked.fields, entry.fields, record, filled, `items.${entry.code}`) } : entry;
  });
  return { sharedFields, items: filledItems, filled };
}
