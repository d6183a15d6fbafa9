/**
 * The one mapping from catalog field types to GraphQL input types. The subgraphs build their
 * mutation inputs from it and the contract test compares against it.
 */
import type { FieldDef, FieldType, ServiceItem } from './catalog-types.js';

const SCALARS: Record<Exclude<FieldType, 'ENUM' | 'ENUM_LIST'>, string> = {
  STRING: 'String',
  TEXT: 'String',
  PHONE: 'String',
  ID_NUMBER: 'String',
  BANK_ACCOUNT: 'String',
  ADDRESS: 'String',
  REGION_CODE: 'String',
  CREDIT_CODE: 'String',
  DATE: 'Date',
  BOOLEAN: 'Boolean',
  INT: 'Int',
  MONEY: 'Decimal',
};

/** Custom scalars the mapping uses: Date (YYYY-MM-DD) and Decimal (string of yuan). */
export const CUSTOM_SCALARS = ['Date', 'Decimal'] as const;

/**
 * GraphQL type of a field: `String!`, `Date`, `Decimal!`, `DeliveryMethod!`, `[InsuranceType!]!` …
 * `required: true` makes it non-null; a field required only under `requiredWhen` stays nullable.
 */
export function graphqlTypeOf(field: Pick<FieldDef, 'type' | 'required' | 'enum'>): string {
  let base: string;
  if (field.type === 'ENUM' || field.type === 'ENUM_LIST') {
    if (!field.enum) throw new TypeError(`field of type ${field.type} has no enum name`);
    base = field.type === 'ENUM' ? field.enum : `[${field.enum}!]`;
  } else {
    base = SCALARS[field.type];
  }
  return field.required ? `${base}!` : base;
}

/** `RegisterUnemploymentInput` for mutation `registerUnemployment`. */
export function mutationInputTypeName(mutation: string): string {
  return `${mutation.charAt(0).toUpperCase()}${mutation.slice(1)}Input`;
}

/**
 * A field as the item's mutation takes it: a required field that a bundle may leave out (it has
 * `whenAbsent`) is optional there, and the handler does without it.
 */
export const inputFieldOf = (field: FieldDef): FieldDef => (field.whenAbsent ? { ...field, required: false } : field);

/** The input fields the item's mutation must accept: name → GraphQL type. */
export function itemInputFields(item: ServiceItem): Array<{ name: string; type: string }> {
  return item.fields.map((f) => ({ name: f.name, type: graphqlTypeOf(inputFieldOf(f)) }));
}

/** SDL of the item's mutation input type (empty items get no input type: returns null). */
export function itemInputSDL(item: ServiceItem): string | null {
  if (!item.mutation || item.fields.length === 0) return null;
  const lines = itemInputFields(item).map((f) => `  ${f.name}: ${f.type}`);
  return `input ${mutationInputTypeName(item.mutation)} {\n${lines.join('\n')}\n}`;
}

/** SDL of an enum type. */
export function enumSDL(name: string, values: ReadonlyArray<{ value: string; label: string }>): string {
  return `enum ${name} {\n${values.map((v) => `  "${v.label}"\n  ${v.value}`).join('\n')}\n}`;
}
