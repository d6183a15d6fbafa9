/**
 * An item reused in several bundles asks, in each, only the fields that bundle's source lists
 * (人社部发〔2021〕23号 附件1 lists every field of every item per bundle). A bundle's entry narrows
 * the item's fields with `only` or `omit`, fills some from the form with `derive`, and offers only
 * some values of an ENUM with `fieldValues`. Checked here, at load:
 * - every field named is the item's, and `only`/`omit` are not both given;
 * - a required field may be left out only if the item says what it does without it (`whenAbsent`)
 *   or the bundle derives it; a derivation fits the field (a value of its type, or a shared field
 *   of the bundle of the same type, required when the item field is);
 * - a field still asked cannot depend (`requiredWhen`) on one that is not.
 */
import type { Faults } from './catalog-error.js';
import type { RawDerivation } from './catalog-schema.js';
import type { BundleSharedField, DerivedField, FieldDef, ServiceItem } from './catalog-types.js';
import { fieldValueProblem } from './field-values.js';
import { strip } from './resolve-item.js';
import { ruleReferences } from './rules.js';

export interface RawNarrowing {
  readonly only?: readonly string[] | undefined;
  readonly omit?: readonly string[] | undefined;
  readonly derive?: Readonly<Record<string, RawDerivation>> | undefined;
  readonly fieldValues?: Readonly<Record<string, readonly string[]>> | undefined;
}

export interface NarrowedFields {
  /** The fields the bundle asks, in the item's order (with `fieldValues` applied). */
  readonly fields: readonly FieldDef[];
  readonly omitted: readonly string[];
  readonly derived: readonly DerivedField[];
}

export function narrowFields(
  e: RawNarrowing,
  item: ServiceItem,
  shared: ReadonlyMap<string, BundleSharedField>,
  file: string,
  p: string,
  faults: Faults,
): NarrowedFields {
  const byName = new Map(item.fields.map((f) => [f.name, f]));
  const known = (names: readonly string[], at: string) =>
    names.forEach((name, j) => {
      if (!byName.has(name)) faults.add(file, `${p}.${at}[${j}]`, `item ${item.code} has no field "${name}"`);
    });
  if (e.only && e.omit) faults.add(file, `${p}.only`, 'give only or omit, not both');
  known(e.only ?? [], 'only');
  known(e.omit ?? [], 'omit');

  const derived: DerivedField[] = [];
  for (const [name, from] of Object.entries(e.derive ?? {})) {
    const at = `${p}.derive.${name}`;
    const field = byName.get(name);
    if (!field) {
      faults.add(file, at, `item ${item.code} has no field "${name}"`);
      continue;
    }
    if (e.only?.includes(name) || e.omit?.includes(name)) faults.add(file, at, `"${name}" is derived: do not list it in only or omit as well`);
    checkDerivation(field, from, shared, file, at, faults);
    derived.push({ field, from: strip({ ...from }) });
  }
  const derivedNames = new Set(derived.map((d) => d.field.name));
  const asked = (f: FieldDef) => !derivedNames.has(f.name) && (e.only ? e.only.includes(f.name) : !e.omit?.includes(f.name));

  const omitted: string[] = [];
  item.fields.forEach((f) => {
    if (asked(f) || derivedNames.has(f.name)) return;
    omitted.push(f.name);
    if (f.required && !f.whenAbsent) {
      faults.add(
        file,
        `${p}.${e.only ? 'only' : 'omit'}`,
        `${item.code}.${f.name} is required by the item: leave it out only if the item says what it does without it (whenAbsent) or the bundle derives it (derive)`,
      );
    }
  });

  const fields = item.fields.filter(asked).map((f) => {
    for (const { path } of f.requiredWhen ? ruleReferences(f.requiredWhen).fields : []) {
      if (!item.fields.some((x) => x.name === path && asked(x))) {
        faults.add(file, p, `${item.code}.${f.name} is required when a rule on "${path}" holds, which this bundle does not ask: leave ${f.name} out too`);
      }
    }
    const only = e.fieldValues?.[f.name];
    if (!only) return f;
    const unknown = only.filter((v) => !f.values?.some((x) => x.value === v));
    if (unknown.length) faults.add(file, `${p}.fieldValues.${f.name}`, `${f.name} has no value ${unknown.join(', ')}`);
    return { ...f, values: (f.values ?? []).filter((x) => only.includes(x.value)) };
  });
  for (const name of Object.keys(e.fieldValues ?? {})) {
    const f = byName.get(name);
    if (!f) faults.add(file, `${p}.fieldValues.${name}`, `item ${item.code} has no field "${name}"`);
    else if (f.type !== 'ENUM' && f.type !== 'ENUM_LIST') faults.add(file, `${p}.fieldValues.${name}`, `${name} is ${f.type}, not an ENUM or ENUM_LIST`);
    else if (!asked(f)) faults.add(file, `${p}.fieldValues.${name}`, `${name} is not asked in this bundle`);
  }
  return { fields, omitted, derived };
}

function checkDerivation(field: FieldDef, from: RawDerivation, shared: ReadonlyMap<string, BundleSharedField>, file: string, at: string, faults: Faults): void {
  if ('value' in from) {
    const problem = fieldValueProblem(field, from.value, {});
    if (problem) faults.add(file, `${at}.value`, `${field.name}: ${problem}`);
    return;
  }
  const source = shared.get(from.sharedField);
  if (!source) {
    faults.add(file, `${at}.sharedField`, `"${from.sharedField}" is not one of this bundle's sharedFields`);
    return;
  }
  if (source.field.type !== field.type || source.field.enum !== field.enum) {
    const kind = (f: FieldDef) => (f.enum ? `${f.type} of ${f.enum}` : f.type);
    faults.add(file, `${at}.sharedField`, `"${from.sharedField}" is ${kind(source.field)}; ${field.name} is ${kind(field)}`);
  }
  if (field.required && !field.whenAbsent && !source.required) {
    faults.add(file, `${at}.sharedField`, `${field.name} is required by the item, but "${from.sharedField}" is not required in this bundle`);
  }
}
