/**
 * Resolves one item (and its fields, enums, materials, handling) and checks its references.
 */
import type { Faults } from './catalog-error.js';
import type { RawItem, RawItemField, RawSharedField } from './catalog-schema.js';
import type { EnumDef, FactDef, FieldDef, Handling, LocalPolicyValue, Material, MaterialRequirement, ServiceItem } from './catalog-types.js';
import { mutationInputTypeName } from './graphql-type.js';
import { qualifyFields, ruleReferences, type Rule, type Scalar } from './rules.js';

export const EXTERNAL_FILE = 'external';
export const strip = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function checkEnumValues(values: ReadonlyArray<{ value: string }>, file: string, path: string, faults: Faults): void {
  const seen = new Set<string>();
  values.forEach((v, j) => {
    if (seen.has(v.value)) faults.add(file, `${path}[${j}].value`, `duplicate enum value "${v.value}"`);
    seen.add(v.value);
  });
}

export interface FieldScope {
  file: string;
  path: string;
  enums: Map<string, EnumDef>;
  inlineEnums: Map<string, EnumDef>;
  faults: Faults;
}

export function resolveField(f: RawSharedField | RawItemField, requiredWhen: Rule | undefined, s: FieldScope): FieldDef {
  let values: EnumDef['values'] | undefined;
  if (f.enum) {
    if (f.values) {
      const clash = s.enums.get(f.enum) ?? s.inlineEnums.get(f.enum);
      if (clash) {
        s.faults.add(
          s.file,
          `${s.path}.enum`,
          `enum "${f.enum}" is already defined in ${clash.file}; define a shared enum once in enums.yaml and refer to it by name`,
        );
      } else {
        checkEnumValues(f.values, s.file, `${s.path}.values`, s.faults);
        s.inlineEnums.set(f.enum, { name: f.enum, values: f.values.map(strip), file: s.file });
      }
      values = f.values.map(strip);
    } else {
      const def = s.enums.get(f.enum);
      if (def) values = def.values;
      else if (s.inlineEnums.has(f.enum)) {
        s.faults.add(s.file, `${s.path}.enum`, `enum "${f.enum}" is defined inline in ${s.inlineEnums.get(f.enum)!.file}; move it to enums.yaml to share it`);
      } else s.faults.add(s.file, `${s.path}.enum`, `unknown enum "${f.enum}"`);
    }
  }
  return strip({
    name: f.name,
    label: f.label,
    type: f.type,
    required: f.required,
    requiredWhen,
    enum: f.enum,
    values,
    description: f.description,
    idTypeField: f.idTypeField,
    derived: 'derived' in f ? f.derived === true : false,
    whenAbsent: 'whenAbsent' in f ? f.whenAbsent : undefined,
  });
}

export function checkIdTypeField(name: string, fields: ReadonlyMap<string, FieldDef>, file: string, path: string, faults: Faults): void {
  const target = fields.get(name);
  if (!target) faults.add(file, path, `idTypeField names a missing field "${name}"`);
  else if (target.enum !== 'IdType') faults.add(file, path, `idTypeField "${name}" must be an ENUM of IdType`);
}

/** Checks a `{field, equals|includes}` value against the field it names. */
export function checkRuleValue(target: FieldDef, value: Scalar | undefined, file: string, path: string, faults: Faults): void {
  if (value === undefined) return;
  if (target.values && !target.values.some((v) => v.value === value)) {
    faults.add(file, path, `value ${JSON.stringify(value)} is not one of ${target.enum}'s values (${target.values.map((v) => v.value).join(', ')})`);
  } else if (target.type === 'BOOLEAN' && typeof value !== 'boolean') {
    faults.add(file, path, `field "${target.name}" is BOOLEAN; compare it with true or false`);
  }
}

export interface ItemScope {
  enums: Map<string, EnumDef>;
  inlineEnums: Map<string, EnumDef>;
  sharedFields: ReadonlyMap<string, FieldDef>;
  materials: ReadonlyMap<string, Material>;
  facts: ReadonlyMap<string, FactDef>;
  localPolicy: ReadonlyMap<string, LocalPolicyValue>;
  localPolicyUnset?: ReadonlyMap<string, unknown>;
  faults: Faults;
  mutations: Map<string, string>;
}

/** Checks a rule written inside an item: it may only test the item's own fields and facts. */
function checkItemRule(rule: Rule, fields: ReadonlyMap<string, FieldDef>, self: string | null, file: string, path: string, s: ItemScope): void {
  const refs = ruleReferences(rule);
  for (const c of refs.chosen) s.faults.add(file, path, `an item rule cannot test whether "${c}" is chosen; put that rule in the bundle`);
  for (const sc of refs.scenarios) s.faults.add(file, path, `an item rule cannot test the scenario "${sc}"; put that rule in the bundle`);
  for (const f of refs.facts) if (!s.facts.has(f)) s.faults.add(file, path, `unknown fact "${f}"`);
  for (const { path: fp, value } of refs.fields) {
    const target = fields.get(fp);
    if (fp.includes('.')) s.faults.add(file, path, `an item rule may only name the item's own fields, not "${fp}"`);
    else if (!target) s.faults.add(file, path, `rule names a missing field "${fp}"`);
    else if (fp === self) s.faults.add(file, path, `field "${fp}" cannot depend on itself`);
    else checkRuleValue(target, value, file, path, s.faults);
  }
}

export function resolveItem(it: RawItem, file: string, stem: string, p: string, s: ItemScope): ServiceItem | null {
  const { faults } = s;
  if (it.subgraph && it.department) faults.add(file, p, `item "${it.code}" has both subgraph and department; give one`);
  if (!it.subgraph && !it.department) faults.add(file, p, `item "${it.code}" has neither subgraph nor department`);
  if (it.subgraph && stem !== it.subgraph) faults.add(file, `${p}.subgraph`, `item of subgraph "${it.subgraph}" belongs in items/${it.subgraph}.yaml`);
  if (it.department && stem !== EXTERNAL_FILE) faults.add(file, `${p}.department`, `items of other departments belong in items/${EXTERNAL_FILE}.yaml`);
  if (it.subgraph && !it.mutation) faults.add(file, p, `item "${it.code}" of subgraph "${it.subgraph}" needs a mutation name`);
  if (!it.subgraph && it.mutation) faults.add(file, `${p}.mutation`, 'only items of a subgraph have a mutation');
  if (!it.subgraph && it.implemented) faults.add(file, `${p}.implemented`, 'only items of a subgraph are implemented here; other departments handle theirs');
  if (it.subgraph && it.mutation) {
    const key = `${it.subgraph}.${it.mutation}`;
    const prev = s.mutations.get(key);
    if (prev) faults.add(file, `${p}.mutation`, `mutation "${it.mutation}" is already used by ${prev} in subgraph ${it.subgraph}`);
    else s.mutations.set(key, it.code);
  }

  const fieldScope: FieldScope = { file, path: '', enums: s.enums, inlineEnums: s.inlineEnums, faults };
  const fields = new Map<string, FieldDef>();
  it.fields.forEach((f, j) => {
    const fp = `${p}.fields[${j}]`;
    if (fields.has(f.name)) faults.add(file, `${fp}.name`, `duplicate field "${f.name}" in item ${it.code}`);
    if (s.sharedFields.has(f.name)) {
      faults.add(file, `${fp}.name`, `"${f.name}" is a shared 基本信息 field; list it under the item's sharedFields instead of repeating it`);
    }
    fields.set(f.name, resolveField(f, f.requiredWhen, { ...fieldScope, path: fp }));
  });
  it.fields.forEach((f, j) => {
    const fp = `${p}.fields[${j}]`;
    if (f.requiredWhen) checkItemRule(f.requiredWhen, fields, f.name, file, `${fp}.requiredWhen`, s);
    if (f.idTypeField) checkIdTypeField(f.idTypeField, fields, file, `${fp}.idTypeField`, faults);
  });

  const materials: MaterialRequirement[] = [];
  const seenMaterials = new Set<string>();
  it.materials.forEach((m, j) => {
    const id = typeof m === 'string' ? m : m.id;
    const mp = `${p}.materials[${j}]`;
    const material = s.materials.get(id);
    if (!material) faults.add(file, mp, `unknown material "${id}"`);
    if (seenMaterials.has(id)) faults.add(file, mp, `material "${id}" listed twice`);
    seenMaterials.add(id);
    if (typeof m !== 'string' && m.when) checkItemRule(m.when, fields, null, file, `${mp}.when`, s);
    const key = (typeof m === 'string' ? undefined : m.key) ?? material?.key ?? true;
    if (material) materials.push(strip({ material, when: typeof m === 'string' ? undefined : m.when, key }));
  });

  const shared: FieldDef[] = [];
  (it.sharedFields ?? []).forEach((entry, j) => {
    const name = typeof entry === 'string' ? entry : entry.name;
    const def = s.sharedFields.get(name);
    if (!def) faults.add(file, `${p}.sharedFields[${j}]`, `unknown shared field "${name}"`);
    else if (typeof entry === 'string') shared.push(def);
    else {
      // Needed only when the rule on the item's fields holds: the bundle reads it as ITEM_CODE.field.
      checkItemRule(entry.requiredWhen, fields, null, file, `${p}.sharedFields[${j}].requiredWhen`, s);
      shared.push({ ...def, required: false, requiredWhen: qualifyFields(entry.requiredWhen, it.code) });
    }
  });

  const h = it.handling;
  let handling: Handling;
  if (h.kind === 'INSTANT') {
    handling = strip({ kind: 'INSTANT', workingDays: 0, calendarDays: null, figure: 'NATIONAL', basis: h.basis, applicantDeadline: h.applicantDeadline });
  } else if (h.calendarDays !== undefined) {
    handling = strip({
      kind: 'TIME_LIMITED',
      workingDays: null,
      calendarDays: h.calendarDays,
      figure: 'NATIONAL',
      basis: h.basis,
      applicantDeadline: h.applicantDeadline,
    });
  } else if (h.workingDays && typeof h.workingDays === 'object') {
    const key = h.workingDays.localPolicy;
    const lp = s.localPolicy.get(key);
    if (!lp && s.localPolicyUnset?.has(key))
      faults.add(file, `${p}.handling.workingDays.localPolicy`, `local-policy "${key}" has no figure: write workingDays: null, basis: set by local policy`);
    else if (!lp) faults.add(file, `${p}.handling.workingDays.localPolicy`, `unknown local-policy key "${key}"`);
    else if (lp.unit !== 'WORKING_DAYS') faults.add(file, `${p}.handling.workingDays.localPolicy`, `local-policy "${key}" is in ${lp.unit}, not WORKING_DAYS`);
    handling = strip({
      kind: 'TIME_LIMITED',
      workingDays: lp?.value ?? null,
      calendarDays: null,
      figure: 'LOCAL_POLICY',
      localPolicyKey: key,
      basis: h.basis,
      applicantDeadline: h.applicantDeadline,
    });
  } else {
    const wd = h.workingDays ?? null;
    handling = strip({
      kind: 'TIME_LIMITED',
      workingDays: wd,
      calendarDays: null,
      figure: wd === null ? 'NONE' : 'NATIONAL',
      basis: h.basis,
      applicantDeadline: h.applicantDeadline,
    });
  }

  const owner: ServiceItem['owner'] = it.subgraph ? { kind: 'subgraph', subgraph: it.subgraph } : { kind: 'department', department: it.department ?? '' };
  return strip({
    code: it.code,
    name: it.name,
    aliases: it.aliases ?? [],
    owner,
    subgraph: it.subgraph,
    department: it.department,
    applicantKind: it.applicantKind,
    handling,
    commitmentAllowed: it.commitmentAllowed,
    commitmentChannels: it.commitmentChannels,
    materials,
    mutation: it.mutation,
    inputTypeName: it.mutation ? mutationInputTypeName(it.mutation) : undefined,
    implemented: it.implemented === true,
    fieldsSource: it.fieldsSource,
    notes: it.notes ?? [],
    sharedFields: shared,
    fields: [...fields.values()],
    file,
  });
}
