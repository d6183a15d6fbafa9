/**
 * The merged form (一张表单) as JSON Schema (draft 2020-12), for renderers that build forms from a
 * schema: the same fields, labels, patterns, lengths and enum values (with their labels) that
 * `validateBundle` checks, and each `requiredWhen` both as JSON Schema `if`/`then` when it only
 * looks at fields of its own section, and always as the rule itself (`x-requiredWhen`, the
 * catalog's rule language: `{field, equals}`, `{chosen}`, `{fact}`, `{all}`, `{any}`, `{not}` …).
 * Check digits (GB 11643, GB 32100) and cross-field rules are left to `validateBundle`.
 */
import type { FieldDef, FieldType } from './catalog-types.js';
import type { BundleForm, FormField } from './merged-form.js';
import type { Rule } from './rules.js';

export type JsonSchema = { readonly [keyword: string]: unknown };

/** Bounds and patterns of src/catalog/field-values.ts, the one check of submitted values. */
const TYPE_SCHEMA: Record<Exclude<FieldType, 'ENUM' | 'ENUM_LIST'>, JsonSchema> = {
  STRING: { type: 'string', maxLength: 200 },
  TEXT: { type: 'string', maxLength: 4000 },
  ADDRESS: { type: 'string', maxLength: 300 },
  DATE: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', 'x-format': 'date' },
  BOOLEAN: { type: 'boolean' },
  INT: { type: 'integer', minimum: 0 },
  MONEY: { type: ['string', 'number'], pattern: '^\\d{1,13}(\\.\\d{1,2})?$', minimum: 0 },
  PHONE: { type: 'string', pattern: '^1\\d{10}$' },
  // 居民身份证 numbers are 18 characters with a GB 11643 check digit; other documents 5–30.
  ID_NUMBER: { type: 'string', pattern: '^[A-Za-z0-9()（）-]{5,30}$', 'x-checkDigit': 'GB 11643 for RESIDENT_ID_CARD and HMT_RESIDENCE_PERMIT' },
  BANK_ACCOUNT: { type: 'string', pattern: '^\\d{10,30}$' },
  REGION_CODE: { type: 'string', pattern: '^[1-9]\\d{5}$' },
  CREDIT_CODE: { type: 'string', pattern: '^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{2}\\d{6}[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{10}$', 'x-checkDigit': 'GB 32100' },
};

function fieldSchema(field: FieldDef): JsonSchema {
  const labelled = { title: field.label, ...(field.description ? { description: field.description } : {}), 'x-fieldType': field.type };
  const options = (field.values ?? []).map((v) => ({ const: v.value, title: v.label }));
  if (field.type === 'ENUM') return { ...labelled, type: 'string', oneOf: options };
  if (field.type === 'ENUM_LIST') return { ...labelled, type: 'array', uniqueItems: true, items: { type: 'string', oneOf: options } };
  return { ...labelled, ...TYPE_SCHEMA[field.type] };
}

/** A rule as a JSON Schema condition over the section's own values, or null when it looks elsewhere. */
function condition(rule: Rule): JsonSchema | null {
  if ('field' in rule && !rule.field.includes('.')) {
    if ('equals' in rule) return { properties: { [rule.field]: { const: rule.equals } }, required: [rule.field] };
    return { properties: { [rule.field]: { contains: { const: rule.includes } } }, required: [rule.field] };
  }
  const all = (rules: readonly Rule[]): JsonSchema[] | null => {
    const parts = rules.map(condition);
    return parts.includes(null) ? null : parts.filter((p): p is JsonSchema => p !== null);
  };
  if ('all' in rule) return ((parts) => (parts ? { allOf: parts } : null))(all(rule.all));
  if ('any' in rule) return ((parts) => (parts ? { anyOf: parts } : null))(all(rule.any));
  if ('not' in rule) return ((inner) => (inner ? { not: inner } : null))(condition(rule.not));
  return null;
}

function sectionSchema(title: string, fields: readonly FormField[]): JsonSchema {
  const conditional = fields.filter((f) => !f.required && f.requiredWhen);
  const ifThen = conditional.flatMap((f) => {
    const when = condition(f.requiredWhen!);
    return when ? [{ if: when, then: { required: [f.field.name] } }] : [];
  });
  return {
    title,
    type: 'object',
    properties: Object.fromEntries(
      fields.map((f) => [f.field.name, { ...fieldSchema(f.field), ...(!f.required && f.requiredWhen ? { 'x-requiredWhen': f.requiredWhen } : {}) }]),
    ),
    required: fields.filter((f) => f.required).map((f) => f.field.name),
    additionalProperties: false,
    ...(ifThen.length ? { allOf: ifThen } : {}),
  };
}

/** Codes of the items whose materials a signed 告知承诺 may replace; none: the list stays empty. */
const commitmentsSchema = (codes: readonly string[]): JsonSchema =>
  codes.length
    ? { title: '告知承诺', type: 'array', uniqueItems: true, items: { type: 'string', enum: codes } }
    : { title: '告知承诺', type: 'array', maxItems: 0 };

/**
 * The JSON Schema of the values a `submitBundle` input carries for this form: `sharedFields`, each
 * item's `fields` by item code (`items`), the `materials` and the `commitments`.
 */
export function formJsonSchema(form: BundleForm): JsonSchema {
  const items = form.items.map((item): [string, JsonSchema] => [
    item.code,
    {
      ...sectionSchema(item.name, item.fields),
      'x-selection': item.selection,
      'x-origin': item.origin,
      ...(item.reason ? { 'x-reason': item.reason } : {}),
    },
  ]);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:onething:form:${form.bundleCode}${form.scenario ? `:${form.scenario}` : ''}`,
    title: form.bundleName,
    type: 'object',
    properties: {
      sharedFields: sectionSchema('基本信息', form.sharedFields),
      items: { title: '事项', type: 'object', properties: Object.fromEntries(items), additionalProperties: false },
      materials: form.materials.length
        ? {
            title: '材料',
            type: 'array',
            uniqueItems: true,
            items: { type: 'string', oneOf: form.materials.map((m) => ({ const: m.id, title: m.name, 'x-requiredBy': m.requiredBy })) },
          }
        : { title: '材料', type: 'array', maxItems: 0 },
      commitments: commitmentsSchema([...new Set(form.materials.flatMap((m) => m.commitmentAllowedFor))]),
    },
    required: ['sharedFields'],
  };
}
