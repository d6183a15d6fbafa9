/**
 * Validates one bundle submission against the catalog: bundle, scenario, items, required items,
 * fields (required, requiredWhen, type, enum, format, unknown), materials and commitments.
 * Reports every problem with a stable code and a path, plus the items the rules add.
 */
import type { Bundle, BundleItem, BundleRoles, Catalog, FieldDef, PersonFields, ServiceItem } from './catalog-types.js';
import { fieldValueProblem, isEmpty } from './field-values.js';
import { validateChineseIdNumber, validateCreditCode } from './identity-documents.js';
import { evaluateRule, type Rule, type RuleContext } from './rules.js';
import { resolveSelection, type RuleAddedItem } from './selection.js';
import { combineTimeLimits, type BundleTimeLimit } from './time-limit.js';
import { sharedFieldNeeds } from './shared-field-needs.js';

export const VALIDATION_ERROR_CODES = [
  'BUNDLE_NOT_FOUND',
  'SCENARIO_REQUIRED',
  'SCENARIO_NOT_FOUND',
  'ITEM_NOT_FOUND',
  'ITEM_NOT_IN_BUNDLE',
  'ITEM_NOT_IN_SCENARIO',
  'ITEM_DUPLICATE',
  'NO_ITEMS_CHOSEN',
  'REQUIRED_ITEM_MISSING',
  'FIELD_REQUIRED',
  'FIELD_INVALID',
  'FIELD_UNKNOWN',
  'MATERIAL_MISSING',
  'MATERIAL_UNKNOWN',
  'COMMITMENT_NOT_ALLOWED',
  'APPLICANT_IS_SUBJECT',
  'EMPLOYER_MISMATCH',
] as const;
export type ValidationErrorCode = (typeof VALIDATION_ERROR_CODES)[number];

export interface BundleInput {
  readonly bundleCode: string;
  readonly scenario?: string | null;
  readonly items: ReadonlyArray<{ readonly code: string; readonly fields: Readonly<Record<string, unknown>> }>;
  readonly sharedFields: Readonly<Record<string, unknown>>;
  /** Ids of the materials submitted. */
  readonly materials: readonly string[];
  /** Codes of the items for which the applicant signed a 告知承诺 instead of a proof. */
  readonly commitments: readonly string[];
  /** Where the application is made: some items take a commitment only at the counter. Unknown: not checked. */
  readonly channel?: string | null;
  /** Facts about the applicant known at submit time (from records), e.g. drawsUnemploymentBenefit. */
  readonly facts?: Readonly<Record<string, boolean>>;
  /** The employer applying (unified social credit code): the subject of an employer's bundle. */
  readonly employerCreditCode?: string | null;
  /** Ids of the materials the person's shared record already holds (免提交): not asked again. */
  readonly materialsOnFile?: readonly string[];
}

/**
 * How one item's need of one material is met: handed in, held on file by a back office (免提交),
 * replaced by a signed commitment (告知承诺), to follow (容缺受理: non-key, time-limited item), or missing.
 */
export type MaterialNeedStatus = 'SUBMITTED' | 'ON_FILE' | 'COMMITTED' | 'DEFERRED' | 'MISSING';

export interface MaterialNeed {
  readonly materialId: string;
  readonly itemCode: string;
  readonly key: boolean;
  readonly status: MaterialNeedStatus;
}

export interface ValidationError {
  readonly code: ValidationErrorCode;
  readonly message: string;
  /** Where: `items.UNEMPLOYMENT_BENEFIT.bankAccount`, `sharedFields.idNumber`, `materials.photo-2inch`, `scenario` … */
  readonly field: string;
}

export interface BundleValidation {
  readonly valid: boolean;
  readonly errors: readonly ValidationError[];
  /** Items the rules add (默认勾选 on a condition, 自动办理), with the reason. */
  readonly addedItems: ReadonlyArray<Pick<RuleAddedItem, 'code' | 'selection' | 'reason'>>;
  /** Items that would be added if a fact not supplied holds. */
  readonly conditionalItems: ReadonlyArray<Pick<RuleAddedItem, 'code' | 'selection' | 'reason'>>;
  /** Time limit of the covered items; null when the bundle or scenario is unknown. */
  readonly timeLimit: BundleTimeLimit | null;
  /** Every material each included item needs, and how the need is met (MISSING ones are also errors). */
  readonly materialNeeds: readonly MaterialNeed[];
}

const fail = (errors: ValidationError[]): BundleValidation => ({
  valid: false,
  errors,
  addedItems: [],
  conditionalItems: [],
  timeLimit: null,
  materialNeeds: [],
});

export function validateBundle(catalog: Catalog, input: BundleInput): BundleValidation {
  const errors: ValidationError[] = [];
  const err = (code: ValidationErrorCode, field: string, message: string): void => {
    errors.push({ code, field, message });
  };

  const bundle = catalog.bundles.get(input.bundleCode);
  if (!bundle) {
    err('BUNDLE_NOT_FOUND', 'bundleCode', `unknown bundle "${input.bundleCode}"`);
    return fail(errors);
  }

  // scenario
  let scenario = null as Bundle['scenarios'][number] | null;
  if (bundle.scenarios.length > 0) {
    if (!input.scenario) {
      err('SCENARIO_REQUIRED', 'scenario', `bundle ${bundle.code} needs a scenario: ${bundle.scenarios.map((s) => `${s.code}（${s.name}）`).join(', ')}`);
      return fail(errors);
    }
    scenario = bundle.scenarios.find((s) => s.code === input.scenario) ?? null;
    if (!scenario) {
      err(
        'SCENARIO_NOT_FOUND',
        'scenario',
        `bundle ${bundle.code} has no scenario "${input.scenario}" (expected ${bundle.scenarios.map((s) => s.code).join(', ')})`,
      );
      return fail(errors);
    }
  } else if (input.scenario) {
    err('SCENARIO_NOT_FOUND', 'scenario', `bundle ${bundle.code} has no scenarios, got "${input.scenario}"`);
    return fail(errors);
  }
  const scenarioCode = scenario?.code ?? null;
  const entryFor = (code: string): BundleItem | undefined =>
    bundle.items.find((e) => e.code === code && (e.scenarios === null || (scenarioCode !== null && e.scenarios.includes(scenarioCode))));

  // chosen items
  const values = new Map<string, Readonly<Record<string, unknown>>>();
  input.items.forEach((it) => {
    const at = `items.${it.code}`;
    if (values.has(it.code)) return err('ITEM_DUPLICATE', at, `item ${it.code} is listed more than once`);
    const item = catalog.items.get(it.code);
    if (!item) return err('ITEM_NOT_FOUND', at, `unknown item "${it.code}"`);
    if (!bundle.items.some((e) => e.code === it.code)) return err('ITEM_NOT_IN_BUNDLE', at, `item ${it.code}（${item.name}）is not part of ${bundle.name}`);
    if (!entryFor(it.code)) return err('ITEM_NOT_IN_SCENARIO', at, `item ${it.code}（${item.name}）is not part of scenario ${scenarioCode}`);
    values.set(it.code, it.fields ?? {});
  });

  const shared = input.sharedFields ?? {};
  const fieldGetter =
    (scopeValues: Readonly<Record<string, unknown>>): RuleContext['field'] =>
    (path) => {
      const dot = path.indexOf('.');
      if (dot < 0) return { known: true, value: scopeValues[path] };
      return { known: true, value: values.get(path.slice(0, dot))?.[path.slice(dot + 1)] };
    };
  const sel = resolveSelection(bundle, scenario, values.keys(), { facts: input.facts ?? {}, field: fieldGetter(shared) });
  const included = new Set(sel.included.map((e) => e.code));
  const holds = (rule: Rule, scopeValues: Readonly<Record<string, unknown>>): boolean =>
    evaluateRule(rule, { chosen: included, scenario: scenarioCode, facts: input.facts ?? {}, field: fieldGetter(scopeValues) }) === true;

  if (sel.included.length === 0) err('NO_ITEMS_CHOSEN', 'items', `choose at least one item of ${bundle.name}`);
  for (const e of sel.entries) {
    if (e.selection === 'REQUIRED' && !included.has(e.code)) {
      err('REQUIRED_ITEM_MISSING', `items.${e.code}`, `${e.item.name} is required (必选) in ${bundle.name}`);
    }
  }

  // shared fields: the bundle's, plus those the included items need
  checkFields(
    sharedFieldNeeds(
      bundle,
      sel.included.map((e) => e.item),
    ),
    shared,
    'sharedFields',
    (r) => holds(r, shared),
    err,
  );
  checkRoles(scenario?.roles ?? bundle.roles, scenario?.applicantKind ?? bundle.applicantKind, shared, input.employerCreditCode ?? null, errors, err);

  // each included item's own fields
  for (const e of sel.included) {
    const given = values.get(e.code) ?? {};
    const defs = e.fields.map((f) => ({ field: f, required: f.required, ...(f.requiredWhen ? { requiredWhen: f.requiredWhen } : {}) }));
    checkFields(defs, given, `items.${e.code}`, (r) => holds(r, given), err);
  }

  // materials and commitments
  const submitted = new Set<string>();
  (input.materials ?? []).forEach((id, i) => {
    if (!catalog.materials.has(id)) err('MATERIAL_UNKNOWN', `materials[${i}]`, `unknown material "${id}"`);
    submitted.add(id);
  });
  const committed = new Set<string>();
  for (const code of input.commitments ?? []) {
    const item = catalog.items.get(code);
    if (!item || !included.has(code))
      err('COMMITMENT_NOT_ALLOWED', `commitments.${code}`, `a commitment was signed for "${code}", which is not an item of this submission`);
    else if (!item.commitmentAllowed)
      err('COMMITMENT_NOT_ALLOWED', `commitments.${code}`, `${item.name} does not accept a commitment (告知承诺) in place of its materials`);
    else if (input.channel && item.commitmentChannels && !item.commitmentChannels.some((channel) => channel === input.channel))
      err(
        'COMMITMENT_NOT_ALLOWED',
        `commitments.${code}`,
        `${item.name} takes a commitment (告知承诺) only when applied for at ${item.commitmentChannels.join(', ')}`,
      );
    else committed.add(code);
  }
  const onFile = new Set(input.materialsOnFile ?? []);
  const needs = new Map<string, Array<{ item: ServiceItem; key: boolean }>>();
  for (const e of sel.included) {
    const given = values.get(e.code) ?? {};
    for (const req of e.item.materials) {
      if (req.when && !holds(req.when, given)) continue;
      needs.set(req.material.id, [...(needs.get(req.material.id) ?? []), { item: e.item, key: req.key }]);
    }
  }
  const materialNeeds: MaterialNeed[] = [];
  for (const [id, items] of needs) {
    const statusOf = ({ item, key }: { item: ServiceItem; key: boolean }): MaterialNeedStatus => {
      if (submitted.has(id)) return 'SUBMITTED';
      if (onFile.has(id)) return 'ON_FILE';
      if (committed.has(item.code)) return 'COMMITTED';
      // 容缺受理: a non-key material may follow where the item is accepted first (受理) and finished later.
      if (!key && item.handling.kind === 'TIME_LIMITED') return 'DEFERRED';
      return 'MISSING';
    };
    // A material is asked once (一套材料): if one item cannot go without it, it is missing for all.
    const statuses = items.map(statusOf);
    const anyMissing = statuses.includes('MISSING');
    items.forEach((need, i) =>
      materialNeeds.push({
        materialId: id,
        itemCode: need.item.code,
        key: need.key,
        status: anyMissing && statuses[i] === 'DEFERRED' ? 'MISSING' : statuses[i]!,
      }),
    );
    if (!anyMissing) continue;
    const uncovered = items.filter((_, i) => statuses[i] === 'MISSING').map((n) => n.item);
    const material = catalog.materials.get(id)!;
    const canCommit = uncovered.filter((it) => it.commitmentAllowed).map((it) => it.code);
    err(
      'MATERIAL_MISSING',
      `materials.${id}`,
      `${material.name} is needed for ${uncovered.map((it) => it.name).join('、')}` +
        (canCommit.length ? `; a signed commitment may replace it for ${canCommit.join(', ')}` : ''),
    );
  }

  const brief = (a: RuleAddedItem) => ({ code: a.code, selection: a.selection, reason: a.reason });
  return {
    valid: errors.length === 0,
    errors,
    addedItems: sel.added.map(brief),
    conditionalItems: sel.pending.map(brief),
    timeLimit: combineTimeLimits(
      sel.mode,
      sel.included.map((e) => e.item),
    ),
    materialNeeds,
  };
}

function checkFields(
  defs: ReadonlyArray<{ field: FieldDef; required: boolean; requiredWhen?: Rule }>,
  given: Readonly<Record<string, unknown>>,
  prefix: string,
  holds: (rule: Rule) => boolean,
  err: (code: ValidationErrorCode, field: string, message: string) => void,
): void {
  const known = new Set(defs.map((d) => d.field.name));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) err('FIELD_UNKNOWN', `${prefix}.${key}`, `unknown field "${key}"`);
  }
  for (const d of defs) {
    const value = given[d.field.name];
    const at = `${prefix}.${d.field.name}`;
    if (isEmpty(value)) {
      if (d.required || (d.requiredWhen && holds(d.requiredWhen))) err('FIELD_REQUIRED', at, `${d.field.label}（${d.field.name}）is required`);
      continue;
    }
    const problem = fieldValueProblem(d.field, value, given);
    if (problem) err('FIELD_INVALID', at, `${d.field.label}（${d.field.name}）: ${problem}`);
  }
}

/** What a GB 11643 number says of its holder, when the field holds one (null otherwise). */
function documentOf(person: PersonFields, shared: Readonly<Record<string, unknown>>): { idNumber: string; birthDate?: string; gender?: string } | null {
  const idNumber = shared[person.idNumber];
  if (typeof idNumber !== 'string') return null;
  const idType = person.idType ? shared[person.idType] : 'RESIDENT_ID_CARD';
  const normalised = idNumber.trim().toUpperCase();
  if (idType !== 'RESIDENT_ID_CARD' && idType !== 'HMT_RESIDENCE_PERMIT') return { idNumber: normalised };
  const check = validateChineseIdNumber(normalised);
  return check.ok ? { idNumber: normalised, birthDate: check.birthDate, gender: check.gender } : null;
}

/**
 * The two roles of the form (BundleRoles): the person the submission is for must be named by a
 * document (it keys everything), and the form must agree with what the document says; a family
 * member applies with their own document, not the subject's; an employer's bundle names the
 * employer by its unified social credit code, the same wherever the form repeats it.
 */
function checkRoles(
  roles: BundleRoles,
  applicantKinds: readonly string[],
  shared: Readonly<Record<string, unknown>>,
  employerCreditCode: string | null,
  errors: readonly ValidationError[],
  err: (code: ValidationErrorCode, field: string, message: string) => void,
): void {
  const reported = (field: string) => errors.some((e) => e.field === field);
  const consistent = (person: PersonFields) => {
    const doc = documentOf(person, shared);
    if (!doc) return;
    if (person.gender && doc.gender && shared[person.gender] !== undefined && shared[person.gender] !== doc.gender) {
      err('FIELD_INVALID', `sharedFields.${person.gender}`, `the ID number is of a ${doc.gender === 'MALE' ? '男' : '女'} holder; the form says otherwise`);
    }
    if (person.birthDate && doc.birthDate && shared[person.birthDate] !== undefined && shared[person.birthDate] !== doc.birthDate) {
      err('FIELD_INVALID', `sharedFields.${person.birthDate}`, `the ID number gives birth date ${doc.birthDate}; the form says otherwise`);
    }
  };
  for (const field of [roles.person.idType, roles.person.idNumber]) {
    if (field && isEmpty(shared[field]) && !reported(`sharedFields.${field}`)) {
      err('FIELD_REQUIRED', `sharedFields.${field}`, `the document of the person this application is for is required (${field})`);
    }
  }
  consistent(roles.person);
  if (roles.applicant.kind !== 'SUBJECT') {
    const applicant = roles.applicant.person;
    if (applicant !== roles.person) consistent(applicant);
    const mine = documentOf(applicant, shared);
    const theirs = documentOf(roles.person, shared);
    if (roles.applicant.kind === 'FAMILY_MEMBER' && mine && theirs && mine.idNumber === theirs.idNumber) {
      err('APPLICANT_IS_SUBJECT', `sharedFields.${applicant.idNumber}`, 'the family member applies with their own ID document, not the subject’s');
    }
  }
  const employerSubject = roles.subject.kind === 'EMPLOYER' || (applicantKinds.length === 1 && applicantKinds[0] === 'EMPLOYER');
  if (employerSubject && !employerCreditCode) {
    err('FIELD_REQUIRED', 'employerCreditCode', 'an employer (单位) applies for this bundle: give its unified social credit code');
  }
  if (employerCreditCode) {
    const check = validateCreditCode(employerCreditCode);
    if (!check.ok) err('FIELD_INVALID', 'employerCreditCode', check.reason);
  }
  if (roles.subject.kind === 'EMPLOYER' && roles.subject.creditCode && employerCreditCode) {
    const repeated = shared[roles.subject.creditCode];
    const at = `sharedFields.${roles.subject.creditCode}`;
    if (typeof repeated === 'string' && !reported(at) && repeated.trim().toUpperCase() !== employerCreditCode.trim().toUpperCase()) {
      err('EMPLOYER_MISMATCH', at, 'the form names another employer than the one applying (employerCreditCode)');
    }
  }
}
