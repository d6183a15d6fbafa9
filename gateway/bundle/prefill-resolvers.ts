/**
 * `prefill` (schema/bundle-prefill.graphql): what the records already hold for the subject of a
 * bundle's form, from the same shared record and the same default rules `submitBundle` uses
 * (gateway/submission/form-defaults.ts, materials-on-file.ts), under the `person` rule.
 */
import { entriesFor, mergedForm, scenarioOf, type Bundle, type BundleForm, type PersonFields } from '../../src/catalog/index.js';
import type { GatewayContext } from '../context.js';
import type { IdDocumentType } from '../identity/id-document.js';
import { fillDefaults } from '../submission/form-defaults.js';
import { materialsOnFile } from '../submission/materials-on-file.js';
import type { SharedRecord } from '../submission/shared-record.js';
import { bundleOrThrow, usingBundle } from './catalog-resolvers.js';
import { personOf } from './materials-resolvers.js';

/** The concrete GraphQL type of a value: what kind of personal data it is, for masking. */
type ValueType = 'PrefilledText' | 'PrefilledName' | 'PrefilledPhone' | 'PrefilledBankAccount';

interface PrefilledValue {
  readonly type: ValueType;
  readonly field: string;
  readonly value: string;
}

interface PrefillArgs {
  readonly bundleCode: string;
  readonly scenario?: string | null;
  readonly idType: IdDocumentType;
  readonly idNumber: string;
}

/** The subject's identity fields (by the form's role names) and where the record holds each. */
const IDENTITY: ReadonlyArray<{ role: keyof Omit<PersonFields, 'idType' | 'idNumber'>; type: ValueType; from: (r: SharedRecord) => string | null }> = [
  { role: 'name', type: 'PrefilledName', from: (r) => r.name },
  { role: 'gender', type: 'PrefilledText', from: (r) => r.gender },
  { role: 'birthDate', type: 'PrefilledText', from: (r) => r.birthDate },
  { role: 'phone', type: 'PrefilledPhone', from: (r) => r.phone },
];

/** The form of every item of the scenario: a renderer may tick any of them. */
function wholeForm(bundle: Bundle, scenario: string | null): BundleForm {
  return usingBundle(() =>
    mergedForm(
      bundle,
      scenario,
      entriesFor(bundle, scenarioOf(bundle, scenario)).map((e) => e.code),
    ),
  );
}

/** The values the record holds for the fields `form` asks. Pure: the record is fetched by the caller. */
export function prefillValues(bundle: Bundle, form: BundleForm, record: SharedRecord | null) {
  if (!record) return { sharedFields: [], items: [] };
  const roles = (scenarioOf(bundle, form.scenario) ?? bundle).roles;
  const asked = new Map(form.sharedFields.map((f) => [f.field.name, f.field]));
  const sharedFields: PrefilledValue[] = [];
  for (const { role, type, from } of IDENTITY) {
    const field = roles.person[role];
    const value = field && asked.has(field) ? from(record) : null;
    if (field && value) sharedFields.push({ type, field, value });
  }
  // The defaults submitBundle fills in, from an empty form: what is filled is what the record holds.
  const filled = fillDefaults(
    form,
    form.items.map((item) => ({ code: item.code, fields: item.fields.map((f) => f.field) })),
    { sharedFields: {}, items: form.items.map((item) => ({ code: item.code, fields: {} })) },
    record,
  );
  const typed = (fields: Record<string, unknown>, defs: ReadonlyArray<{ field: { name: string; type: string } }>): PrefilledValue[] =>
    Object.entries(fields).map(([field, value]) => ({
      type: defs.find((d) => d.field.name === field)?.field.type === 'BANK_ACCOUNT' ? 'PrefilledBankAccount' : 'PrefilledText',
      field,
      value: String(value),
    }));
  sharedFields.push(...typed(filled.sharedFields, form.sharedFields).filter((v) => !sharedFields.some((s) => s.field === v.field)));
  const items = filled.items
    .map((item) => ({ code: item.code, fields: typed(item.fields, form.items.find((i) => i.code === item.code)?.fields ?? []) }))
    .filter((item) => item.fields.length > 0);
  return { sharedFields, items };
}

export const prefillResolvers = {
  Query: {
    prefill: async (_: unknown, args: PrefillArgs, context: GatewayContext) => {
      // The catalog first (public): an unknown bundle or scenario says so before any person is read.
      const bundle = bundleOrThrow(context.catalog, args.bundleCode);
      const form = wholeForm(bundle, args.scenario ?? null);
      const person = await personOf(context, args, 'prefill');
      const record = await context.submissions.sharedRecords.get(person.key, args.idType, person.idNumber);
      const values = prefillValues(bundle, form, record);
      const formMaterials = new Set(form.materials.map((m) => m.id));
      return {
        bundleCode: bundle.code,
        scenario: form.scenario,
        ...values,
        materialsOnFile: materialsOnFile(context.catalog, record)
          .map((m) => m.material.id)
          .filter((id) => formMaterials.has(id)),
      };
    },
  },
  PrefilledValue: {
    __resolveType: (value: PrefilledValue) => value.type,
  },
};
