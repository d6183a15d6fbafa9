/**
 * Resolves one bundle (scenarios, shared fields, item entries, rules) and checks its references:
 * items, rules, scenarios, and that lead + participants are exactly the items' owners.
 */
import type { Faults } from './catalog-error.js';
import type { RawBundle, RawRoles } from './catalog-schema.js';
import type {
  ApplicantKind,
  Bundle,
  BundleItem,
  BundleRoles,
  BundleSharedField,
  FactDef,
  FieldDef,
  FieldType,
  Mode,
  PersonFields,
  Scenario,
  ServiceItem,
} from './catalog-types.js';
import { checkRuleValue, strip } from './resolve-item.js';
import { narrowFields } from './narrow-fields.js';
import { ruleReferences, type Rule } from './rules.js';

export interface BundleScope {
  items: ReadonlyMap<string, ServiceItem>;
  sharedFields: ReadonlyMap<string, FieldDef>;
  facts: ReadonlyMap<string, FactDef>;
  faults: Faults;
}

export function ownerName(item: ServiceItem): string {
  return item.owner.kind === 'subgraph' ? item.owner.subgraph : item.owner.department;
}

export function resolveBundle(b: RawBundle, file: string, s: BundleScope): Bundle | null {
  const { faults } = s;
  // scenarios and modes
  const scenarioCodes = new Set<string>();
  const scenarios: Scenario[] = [];
  (b.scenarios ?? []).forEach((sc, i) => {
    if (scenarioCodes.has(sc.code)) faults.add(file, `scenarios[${i}].code`, `duplicate scenario "${sc.code}"`);
    scenarioCodes.add(sc.code);
    const mode: Mode | undefined = sc.mode ?? b.mode;
    if (!mode) faults.add(file, `scenarios[${i}].mode`, 'a scenario needs a mode when the bundle has none');
    scenarios.push({ code: sc.code, name: sc.name, applicantKind: sc.applicantKind ?? b.applicantKind, mode: mode ?? 'PARALLEL', roles: DEFAULT_ROLES });
  });
  if (!b.scenarios && !b.mode) faults.add(file, 'mode', 'a bundle without scenarios needs a mode');

  // items (first pass: which codes are in the bundle)
  const inBundle = new Map<string, ServiceItem>();
  b.items.forEach((e) => {
    const item = s.items.get(e.item);
    if (item) inBundle.set(e.item, item);
  });

  // shared fields
  const sharedFields: BundleSharedField[] = [];
  const sharedNames = new Map<string, FieldDef>();
  b.sharedFields.forEach((entry, i) => {
    const name = typeof entry === 'string' ? entry : entry.name;
    const def = s.sharedFields.get(name);
    if (!def) {
      faults.add(file, `sharedFields[${i}]`, `unknown shared field "${name}"`);
      return;
    }
    if (sharedNames.has(name)) faults.add(file, `sharedFields[${i}]`, `shared field "${name}" listed twice`);
    sharedNames.set(name, def);
    const required = typeof entry === 'string' ? def.required : (entry.required ?? (entry.requiredWhen ? false : def.required));
    sharedFields.push(strip({ field: def, required, requiredWhen: typeof entry === 'string' ? undefined : entry.requiredWhen }));
  });

  // each entry's fields: those its source lists (only / omit / derive / fieldValues)
  const sharedByName = new Map(sharedFields.map((f) => [f.field.name, f]));
  const narrowed = b.items.map((e, i) => {
    const item = s.items.get(e.item);
    return item ? narrowFields(e, item, sharedByName, file, `items[${i}]`, faults) : null;
  });
  const asks = (code: string, fieldName: string) => b.items.some((e, i) => e.item === code && narrowed[i]?.fields.some((f) => f.name === fieldName));

  // roles: every field they name is one of the bundle's shared fields, of the right type
  const roles = resolveRoles(b.roles, 'roles', sharedNames, file, faults);
  (b.scenarios ?? []).forEach((sc, i) => {
    const own = sc.roles ? resolveRoles(sc.roles, `scenarios[${i}].roles`, sharedNames, file, faults) : roles;
    scenarios[i] = { ...scenarios[i]!, roles: own };
  });

  const checkBundleRule = (rule: Rule, path: string, self?: string): void => {
    const refs = ruleReferences(rule);
    for (const c of refs.chosen) {
      if (!s.items.has(c)) faults.add(file, path, `rule names a missing item "${c}"`);
      else if (!inBundle.has(c)) faults.add(file, path, `rule names item "${c}", which is not in this bundle`);
      else if (c === self) faults.add(file, path, `item "${c}" cannot depend on being chosen itself`);
    }
    for (const f of refs.facts) if (!s.facts.has(f)) faults.add(file, path, `unknown fact "${f}"`);
    for (const sc of refs.scenarios) if (!scenarioCodes.has(sc)) faults.add(file, path, `unknown scenario "${sc}"`);
    for (const { path: fp, value } of refs.fields) {
      const dot = fp.indexOf('.');
      if (dot < 0) {
        const target = sharedNames.get(fp);
        if (!target) faults.add(file, path, `rule names a missing shared field "${fp}" (not in this bundle's sharedFields)`);
        else checkRuleValue(target, value, file, path, faults);
        continue;
      }
      const code = fp.slice(0, dot);
      const fieldName = fp.slice(dot + 1);
      const item = inBundle.get(code);
      if (!item) {
        faults.add(file, path, s.items.has(code) ? `rule names item "${code}", which is not in this bundle` : `rule names a missing item "${code}"`);
        continue;
      }
      const target = item.fields.find((f) => f.name === fieldName);
      if (!target) faults.add(file, path, `rule names a missing field "${fieldName}" of item ${code}`);
      else if (!asks(code, fieldName)) faults.add(file, path, `rule names field "${fieldName}" of item ${code}, which this bundle does not ask`);
      else checkRuleValue(target, value, file, path, faults);
    }
  };
  b.sharedFields.forEach((entry, i) => {
    if (typeof entry !== 'string' && entry.requiredWhen) checkBundleRule(entry.requiredWhen, `sharedFields[${i}].requiredWhen`);
  });

  const entries: BundleItem[] = [];
  const coverage = new Map<string, Array<string[] | null>>();
  b.items.forEach((e, i) => {
    const p = `items[${i}]`;
    const item = s.items.get(e.item);
    if (!item) {
      faults.add(file, `${p}.item`, `unknown item "${e.item}"`);
      return;
    }
    if (e.scenarios && !b.scenarios) faults.add(file, `${p}.scenarios`, 'this bundle has no scenarios');
    (e.scenarios ?? []).forEach((sc, j) => {
      if (b.scenarios && !scenarioCodes.has(sc)) faults.add(file, `${p}.scenarios[${j}]`, `unknown scenario "${sc}"`);
    });
    const previous = coverage.get(e.item) ?? [];
    const overlaps = previous.some((prev) => prev === null || !e.scenarios || prev.some((x) => e.scenarios!.includes(x)));
    if (overlaps) faults.add(file, `${p}.item`, `item "${e.item}" is listed twice for the same scenario`);
    coverage.set(e.item, [...previous, e.scenarios ?? null]);
    if (e.when && e.selection !== 'PRESELECTED' && e.selection !== 'AUTOMATIC') {
      faults.add(file, `${p}.when`, `when is for PRESELECTED or AUTOMATIC items, not ${e.selection}`);
    }
    if (e.when) checkBundleRule(e.when, `${p}.when`, e.item);
    const { fields, omitted, derived } = narrowed[i]!;
    entries.push(
      strip({
        code: e.item,
        item,
        selection: e.selection,
        when: e.when,
        scenarios: e.scenarios ?? null,
        section: e.section,
        reason: e.reason,
        fields,
        omitted,
        derived,
      }),
    );
  });
  for (const sc of scenarios) {
    if (!entries.some((e) => e.scenarios === null || e.scenarios.includes(sc.code))) {
      faults.add(file, 'scenarios', `scenario "${sc.code}" has no items`);
    }
  }

  // lead and participants must be exactly the owners of the items
  const owners = new Set(entries.map((e) => ownerName(e.item)));
  const named = [b.lead, ...b.participants];
  for (const o of owners) {
    if (!named.includes(o)) faults.add(file, 'participants', `"${o}" owns an item of this bundle but is neither lead nor participant`);
  }
  named.forEach((n, i) => {
    if (!owners.has(n)) faults.add(file, i === 0 ? 'lead' : `participants[${i - 1}]`, `"${n}" owns no item of this bundle`);
  });

  const applicantKind: ApplicantKind[] = b.applicantKind;
  return strip({
    code: b.code,
    name: b.name,
    source: b.source,
    basis: b.basis,
    applicantKind,
    lead: b.lead,
    participants: b.participants,
    mode: b.mode ?? null,
    scenarios,
    sharedFieldsSource: b.sharedFieldsSource ?? (b.source.document === 'JIANGSU_PLAN' ? 'derived' : 'national-notice'),
    sharedFields,
    roles,
    items: entries,
    notes: b.notes ?? [],
    guide: b.guide,
    file,
  });
}

/** Without `roles`: the person named by idType/idNumber is the subject and applies themselves. */
export const DEFAULT_ROLES: BundleRoles = Object.freeze({
  subject: Object.freeze({ kind: 'PERSON' as const }),
  person: Object.freeze({ idType: 'idType', idNumber: 'idNumber', name: 'name', gender: 'gender', birthDate: 'birthDate', phone: 'phone' }),
  applicant: Object.freeze({ kind: 'SUBJECT' as const }),
});

type RawPerson = {
  idType?: string | undefined;
  idNumber: string;
  name?: string | undefined;
  gender?: string | undefined;
  birthDate?: string | undefined;
  phone?: string | undefined;
};

const ROLE_FIELD_TYPES: Record<keyof PersonFields | 'relationship' | 'creditCode' | 'unitName', readonly FieldType[]> = {
  idType: ['ENUM'],
  idNumber: ['ID_NUMBER'],
  name: ['STRING'],
  gender: ['ENUM'],
  birthDate: ['DATE'],
  phone: ['PHONE'],
  relationship: ['ENUM'],
  creditCode: ['CREDIT_CODE'],
  unitName: ['STRING'],
};

function resolveRoles(raw: RawRoles | undefined, path: string, shared: ReadonlyMap<string, FieldDef>, file: string, faults: Faults): BundleRoles {
  if (!raw) return DEFAULT_ROLES;
  const field = (name: string | undefined, kind: keyof typeof ROLE_FIELD_TYPES, at: string): string | null => {
    if (name === undefined) return null;
    const def = shared.get(name);
    if (!def) faults.add(file, at, `names "${name}", which is not one of this bundle's sharedFields`);
    else if (!ROLE_FIELD_TYPES[kind].includes(def.type))
      faults.add(file, at, `"${name}" is a ${def.type} field; a role's ${kind} is ${ROLE_FIELD_TYPES[kind].join(' or ')}`);
    return name;
  };
  const person = (p: RawPerson, at: string): PersonFields => ({
    idType: field(p.idType, 'idType', `${at}.idType`),
    idNumber: field(p.idNumber, 'idNumber', `${at}.idNumber`)!,
    name: field(p.name, 'name', `${at}.name`),
    gender: field(p.gender, 'gender', `${at}.gender`),
    birthDate: field(p.birthDate, 'birthDate', `${at}.birthDate`),
    phone: field(p.phone, 'phone', `${at}.phone`),
  });
  const applicant: BundleRoles['applicant'] =
    raw.applicant.kind === 'SUBJECT'
      ? { kind: 'SUBJECT' }
      : {
          kind: raw.applicant.kind,
          person: person(raw.applicant, `${path}.applicant`),
          relationship: field(raw.applicant.relationship, 'relationship', `${path}.applicant.relationship`),
        };
  if (raw.subject.kind === 'PERSON') {
    if (applicant.kind === 'EMPLOYER_HANDLER') faults.add(file, `${path}.applicant.kind`, "an employer's handler applies only for an EMPLOYER subject");
    return { subject: { kind: 'PERSON' }, person: person(raw.subject, `${path}.subject`), applicant };
  }
  const subjectPerson = raw.subject.person ? person(raw.subject.person, `${path}.subject.person`) : null;
  if (!subjectPerson && applicant.kind === 'SUBJECT')
    faults.add(file, `${path}.applicant`, 'an EMPLOYER subject needs a person: subject.person, or an applicant with a document');
  return {
    subject: {
      kind: 'EMPLOYER',
      creditCode: field(raw.subject.creditCode, 'creditCode', `${path}.subject.creditCode`),
      name: field(raw.subject.name, 'unitName', `${path}.subject.name`),
    },
    person: subjectPerson ?? (applicant.kind === 'SUBJECT' ? DEFAULT_ROLES.person : applicant.person),
    applicant,
  };
}
