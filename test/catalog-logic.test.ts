/**
 * The pure logic over the real catalog: rules, merged form, time limits, bundle validation,
 * identity-document checkers and the GraphQL type mapping.
 */
import { describe, it, expect, beforeAll } from '@jest/globals';
import {
  bundleGuide,
  bundleTimeLimit,
  BundleUsageError,
  combineTimeLimits,
  defaultSelection,
  evaluateRule,
  graphqlTypeOf,
  itemInputFields,
  itemInputSDL,
  loadCatalog,
  mergedForm,
  validateBundle,
  validateChineseIdNumber,
  validateCreditCode,
  type BundleInput,
  type BundleValidation,
  type Catalog,
  type Rule,
} from '../src/catalog/index.js';

let catalog: Catalog;
beforeAll(() => {
  catalog = loadCatalog();
});
const bundle = (code: string) => catalog.bundles.get(code)!;

const VALID_ID = '11010519491231002X';
// The ID number is a woman's (its 17th digit is even): the form must say so.
const PERSON = {
  name: '张三',
  gender: 'FEMALE',
  idType: 'RESIDENT_ID_CARD',
  idNumber: VALID_ID,
  idValidUntil: '2036-05-01',
  phone: '13800138000',
};
/** An employer's handler (经办人), with their own document. */
const HANDLER = { contactName: '王经办', contactPhone: '13700137000', contactIdType: 'RESIDENT_ID_CARD', contactIdNumber: '110105200106010039' };
const SOFTWARE = '91350100M000100Y43';
const UNEMPLOYED = {
  ...PERSON,
  unemploymentType: 'CONTRACT_EXPIRED',
  formerEmployer: '某某机械有限公司',
  unemploymentDate: '2026-10-31',
  householdAddress: '江苏省南京市玄武区某路1号',
  residenceAddress: '江苏省南京市鼓楼区某路2号',
};
const unemployment = (over: Partial<BundleInput> = {}): BundleInput => ({
  bundleCode: 'national-unemployment',
  items: [
    { code: 'UNEMPLOYMENT_REGISTRATION', fields: {} },
    { code: 'UNEMPLOYMENT_BENEFIT', fields: {} },
  ],
  sharedFields: UNEMPLOYED,
  materials: ['termination-proof'],
  commitments: [],
  ...over,
});
const codes = (r: { errors: ReadonlyArray<{ code: string; field: string }> }) => r.errors.map((e) => `${e.code} ${e.field}`);

describe('rules', () => {
  const ctx = (chosen: string[], facts: Record<string, boolean> = {}, values: Record<string, unknown> | null = {}) => ({
    chosen: new Set(chosen),
    facts,
    scenario: null,
    field: (p: string) => (values === null ? { known: false as const } : { known: true as const, value: values[p] }),
  });
  it('evaluates chosen / all / any / not / field / fact with three-valued logic', () => {
    const rule: Rule = { all: [{ chosen: 'A' }, { fact: 'f' }] };
    expect(evaluateRule(rule, ctx(['A'], { f: true }))).toBe(true);
    expect(evaluateRule(rule, ctx(['A'], { f: false }))).toBe(false);
    expect(evaluateRule(rule, ctx(['A']))).toBe('unknown');
    expect(evaluateRule(rule, ctx([]))).toBe(false);
    expect(evaluateRule({ any: [{ chosen: 'A' }, { fact: 'f' }] }, ctx(['A']))).toBe(true);
    expect(evaluateRule({ any: [{ chosen: 'B' }, { fact: 'f' }] }, ctx(['A']))).toBe('unknown');
    expect(evaluateRule({ not: { chosen: 'A' } }, ctx(['A']))).toBe(false);
    expect(evaluateRule({ field: 'x', equals: 'MAIL' }, ctx([], {}, { x: 'MAIL' }))).toBe(true);
    expect(evaluateRule({ field: 'x', equals: 'MAIL' }, ctx([], {}, null))).toBe('unknown');
    expect(evaluateRule({ field: 'x', includes: 'INPATIENT' }, ctx([], {}, { x: ['OUTPATIENT'] }))).toBe(false);
  });
});

describe('mergedForm', () => {
  it("asks shared fields once, then each item's own fields, and adds 代缴医疗保险费 with its reason", () => {
    const form = mergedForm(bundle('national-unemployment'), null, ['UNEMPLOYMENT_BENEFIT', 'CARD_APPLICATION']);
    expect(form.sharedFields.map((f) => f.field.name)).toEqual([
      'name',
      'gender',
      'idType',
      'idNumber',
      'idValidUntil',
      'phone',
      'unemploymentType',
      'formerEmployer',
      'unemploymentDate',
      'householdAddress',
      'residenceAddress',
      // CARD_APPLICATION's: required only when the card is mailed (邮寄), asked once with the rest.
      'mailingAddress',
      'mailingRecipient',
      'mailingPhone',
    ]);
    expect(form.sharedFields.find((f) => f.field.name === 'mailingAddress')).toMatchObject({
      required: false,
      requiredWhen: { field: 'CARD_APPLICATION.deliveryMethod', equals: 'MAIL' },
    });
    expect(form.items.map((i) => [i.code, i.origin])).toEqual([
      ['UNEMPLOYMENT_BENEFIT', 'CHOSEN'],
      ['UNEMPLOYED_MEDICAL_PREMIUM', 'ADDED'],
      ['PRICE_SUBSIDY', 'CONDITIONAL'],
      ['CARD_APPLICATION', 'CHOSEN'],
    ]);
    expect(form.addedItems).toEqual([
      expect.objectContaining({
        code: 'UNEMPLOYED_MEDICAL_PREMIUM',
        selection: 'PRESELECTED',
        condition: 'MET',
        reason: expect.stringContaining('失业保险金申领'),
      }),
      expect.objectContaining({ code: 'PRICE_SUBSIDY', selection: 'AUTOMATIC', condition: 'DEPENDS' }),
    ]);
    expect(form.items.find((i) => i.code === 'CARD_APPLICATION')!.fields.map((f) => f.field.name)).toEqual(['deliveryMethod']);
  });

  it('asks a material shared by several items once, naming every item that needs it', () => {
    const form = mergedForm(bundle('jiangsu-death'), 'EMPLOYEE', ['SURVIVOR_BENEFITS', 'PERSONAL_ACCOUNT_LUMP_SUM', 'CARD_CANCELLATION']);
    const death = form.materials.filter((m) => m.id === 'death-certificate');
    expect(death).toHaveLength(1);
    expect(death[0]!.requiredBy).toEqual(['SURVIVOR_BENEFITS', 'PERSONAL_ACCOUNT_LUMP_SUM', 'CARD_CANCELLATION']);
    expect(form.materials.map((m) => m.id)).toEqual(['death-certificate', 'kinship-proof']);
  });

  it('moves the shared fields an item needs into the shared section, once', () => {
    // 人才集体户口准入 needs the household address, which 高校毕业一件事 does not ask otherwise.
    const form = mergedForm(bundle('jiangsu-graduate'), null, ['TALENT_COLLECTIVE_HUKOU', 'CARD_APPLICATION']);
    const names = form.sharedFields.map((f) => f.field.name);
    expect(names.filter((n) => n === 'householdAddress')).toEqual(['householdAddress']);
    expect(form.items.find((i) => i.code === 'TALENT_COLLECTIVE_HUKOU')!.fields.map((f) => f.field.name)).not.toContain('householdAddress');
    // Without the item, the address is not asked.
    expect(mergedForm(bundle('jiangsu-graduate'), null, ['CARD_APPLICATION']).sharedFields.map((f) => f.field.name)).not.toContain('householdAddress');
  });

  it('opens with 必选 and unconditional 默认勾选 ticked, and rejects items not in the bundle or scenario', () => {
    expect(defaultSelection(bundle('national-unemployment'))).toEqual(['UNEMPLOYMENT_REGISTRATION', 'EMPLOYMENT_CERTIFICATE']);
    expect(defaultSelection(bundle('jiangsu-retirement'), 'INSTITUTION_STAFF')).toEqual(['INSTITUTION_PENSION_BENEFIT_APPROVAL']);
    expect(() => mergedForm(bundle('national-unemployment'), null, ['CARD_REISSUE'])).toThrow(BundleUsageError);
    expect(() => mergedForm(bundle('jiangsu-retirement'), undefined, [])).toThrow(/needs a scenario/);
    expect(() => mergedForm(bundle('jiangsu-retirement'), 'INSTITUTION_STAFF', ['RESIDENT_PENSION_BENEFIT'])).toThrow(/not in bundle/);
  });
});

describe('bundleTimeLimit', () => {
  it('takes the longest item for a parallel bundle', () => {
    const t = bundleTimeLimit(bundle('jiangsu-insurance-transfer-in'), null, ['PENSION_TRANSFER_IN_ENTERPRISE', 'CARD_APPLICATION']);
    expect(t).toMatchObject({ mode: 'PARALLEL', workingDays: 45, determinate: true, localPolicyDefaults: ['CARD_APPLICATION'] });
  });

  it('adds the items up for a serial bundle', () => {
    const t = bundleTimeLimit(bundle('jiangsu-retirement'), 'RURAL_URBAN_RESIDENT', ['RESIDENT_PENSION_BENEFIT', 'CARD_APPLICATION']);
    expect(t).toMatchObject({ mode: 'SERIAL', workingDays: 30, determinate: true });
  });

  it('takes the longest for a merged bundle', () => {
    const t = bundleTimeLimit(bundle('jiangsu-insurance-registration'), null, ['EMPLOYER_HIRING_INSURANCE_REGISTRATION', 'FLEXIBLE_EMPLOYMENT_INSURANCE']);
    expect(t).toMatchObject({ mode: 'MERGED', workingDays: 10, determinate: true });
  });

  it("says so honestly when an item's limit is set by local policy", () => {
    const t = bundleTimeLimit(bundle('jiangsu-unemployment'), null, ['UNEMPLOYMENT_REGISTRATION', 'UNEMPLOYMENT_BENEFIT']);
    expect(t).toMatchObject({ mode: 'SERIAL', workingDays: 10, determinate: false, setByLocalPolicy: ['UNEMPLOYMENT_REGISTRATION'] });
    expect(t.summary).toContain('由地方规定');
    const none = bundleTimeLimit(bundle('national-retiree-death'), null, ['SURVIVOR_BENEFITS']);
    expect(none).toMatchObject({ workingDays: null, calendarDays: null, determinate: false });
  });

  it('keeps calendar days apart from working days and reports instant bundles', () => {
    const items = ['WORK_INJURY_RECOGNITION', 'INJURY_MEDICAL_EXPENSES'].map((c) => catalog.items.get(c)!);
    expect(combineTimeLimits('PARALLEL', items)).toMatchObject({ workingDays: 20, calendarDays: 60 });
    expect(combineTimeLimits('SERIAL', [...items, items[1]!])).toMatchObject({ workingDays: 40, calendarDays: 60 });
    const card = bundleTimeLimit(bundle('national-social-security-card'), null, ['CARD_ENABLE', 'CARD_PIN_RESET']);
    expect(card).toMatchObject({ instant: true, summary: '即时办结' });
  });

  it('builds a guide with derived materials and the bundle-wide limit', () => {
    const g = bundleGuide(bundle('national-unemployment'));
    expect(g.materials.map((m) => m.id)).toEqual(['termination-proof', 'photo-2inch', 'difficulty-category-proof', 'training-certificate']);
    expect(g.materials[0]!.requiredBy).toEqual(['UNEMPLOYMENT_REGISTRATION', 'UNEMPLOYMENT_BENEFIT']);
    expect(g.fees).toBe('不收费');
    expect(g.timeLimit.mode).toBe('PARALLEL');
  });

  it('the guide lists, per item, the fields the bundle asks and what stands for those it does not', () => {
    const item = (code: string, c: string) => bundleGuide(bundle(code)).items.find((i) => i.code === c)!;
    expect(item('national-work-death-benefits', 'CONTRIBUTOR_REDUCTION')).toMatchObject({ fields: [], notAsked: ['减员原因：因工死亡', '减员时间：死亡时间'] });
    expect(item('national-employer-termination', 'CONTRIBUTOR_REDUCTION')).toMatchObject({ fields: ['减员原因', '减员时间'], notAsked: [] });
    expect(item('national-institution-hiring', 'EMPLOYEE_INSURANCE_REGISTRATION').notAsked).toEqual([expect.stringMatching(/^申报缴费基数：缴费基数待核定/)]);
    expect(item('national-graduate-employment', 'EMPLOYMENT_CERTIFICATE')).toMatchObject({ fields: [], notAsked: ['需纸质《就业创业证》'] });
  });
});

describe('validateBundle', () => {
  it('national 失业: choosing 失业保险金申领 adds 代缴失业人员医疗保险费, and a complete submission is valid', () => {
    const r = validateBundle(catalog, unemployment());
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.addedItems).toEqual([{ code: 'UNEMPLOYED_MEDICAL_PREMIUM', selection: 'PRESELECTED', reason: expect.stringContaining('失业保险金申领') }]);
    expect(r.conditionalItems.map((i) => i.code)).toEqual(['PRICE_SUBSIDY']);
    expect(r.timeLimit).toMatchObject({ mode: 'PARALLEL', workingDays: 10 });
  });

  it('adds 价格临时补贴 automatically when the fact holds', () => {
    const r = validateBundle(catalog, unemployment({ facts: { priceSubsidyTriggered: true } }));
    expect(r.addedItems.map((i) => i.code)).toEqual(['UNEMPLOYED_MEDICAL_PREMIUM', 'PRICE_SUBSIDY']);
  });

  it('reports a missing required field by its name, and requiredWhen (邮寄 needs an address)', () => {
    const shared: Record<string, unknown> = { ...UNEMPLOYED };
    delete shared.residenceAddress;
    const r = validateBundle(
      catalog,
      unemployment({
        sharedFields: { ...shared, mailingRecipient: '张三' },
        items: [
          { code: 'UNEMPLOYMENT_BENEFIT', fields: {} },
          { code: 'CARD_APPLICATION', fields: { deliveryMethod: 'MAIL' } },
        ],
        materials: ['termination-proof', 'photo-2inch'],
      }),
    );
    expect(r.valid).toBe(false);
    // The mailing address is asked once, in the shared fields; the item has no address of its own.
    expect(codes(r)).toEqual([
      'FIELD_REQUIRED sharedFields.residenceAddress',
      'FIELD_REQUIRED sharedFields.mailingAddress',
      'FIELD_REQUIRED sharedFields.mailingPhone',
    ]);
    expect(r.errors[0]!.message).toContain('常住地址');
    const pickup = validateBundle(
      catalog,
      unemployment({
        items: [
          { code: 'UNEMPLOYMENT_BENEFIT', fields: {} },
          { code: 'CARD_APPLICATION', fields: { deliveryMethod: 'PICKUP' } },
        ],
        materials: ['termination-proof', 'photo-2inch'],
      }),
    );
    expect(pickup.errors).toEqual([]);
  });

  it('checks types, enum values and formats, and rejects unknown fields', () => {
    const r = validateBundle(
      catalog,
      unemployment({
        sharedFields: { ...UNEMPLOYED, idNumber: '110105194912310021', phone: '23800138000', unemploymentDate: '2026-02-30', gender: 'M', nickname: 'x' },
        items: [
          { code: 'UNEMPLOYMENT_BENEFIT', fields: { bankAccount: '6222-0000' } },
          { code: 'JOB_INTRODUCTION', fields: { desiredJob: '车工', expectedMonthlySalary: 'lots', desiredRegion: '南京', resumeVisibility: 'PUBLIC' } },
        ],
      }),
    );
    expect(codes(r).sort()).toEqual([
      'FIELD_INVALID items.JOB_INTRODUCTION.expectedMonthlySalary',
      'FIELD_INVALID items.JOB_INTRODUCTION.resumeVisibility',
      'FIELD_INVALID items.UNEMPLOYMENT_BENEFIT.bankAccount',
      'FIELD_INVALID sharedFields.gender',
      'FIELD_INVALID sharedFields.idNumber',
      'FIELD_INVALID sharedFields.phone',
      'FIELD_INVALID sharedFields.unemploymentDate',
      'FIELD_UNKNOWN sharedFields.nickname',
    ]);
    expect(r.errors.find((e) => e.field === 'sharedFields.idNumber')!.message).toContain('check character');
  });

  it('does not require the bank account of 失业保险金申领 (the social security card account is the default)', () => {
    const r = validateBundle(catalog, unemployment());
    expect(r.errors.filter((e) => e.field.endsWith('bankAccount'))).toEqual([]);
    expect(validateBundle(catalog, unemployment({ items: [{ code: 'UNEMPLOYMENT_BENEFIT', fields: { bankAccount: '6222021234567890123' } }] })).valid).toBe(
      true,
    );
  });

  it('reports unknown bundles, scenarios and items, items outside the bundle or scenario, and missing 必选 items', () => {
    expect(codes(validateBundle(catalog, unemployment({ bundleCode: 'nope' })))).toEqual(['BUNDLE_NOT_FOUND bundleCode']);
    const retire = { bundleCode: 'jiangsu-retirement', sharedFields: { ...PERSON }, materials: [], commitments: [] };
    expect(codes(validateBundle(catalog, { ...retire, items: [] }))).toEqual(['SCENARIO_REQUIRED scenario']);
    expect(codes(validateBundle(catalog, { ...retire, scenario: 'FARMER', items: [] }))).toEqual(['SCENARIO_NOT_FOUND scenario']);
    const wrong = validateBundle(catalog, {
      ...retire,
      scenario: 'INSTITUTION_STAFF',
      items: [
        { code: 'RESIDENT_PENSION_BENEFIT', fields: {} },
        { code: 'FOO', fields: {} },
        { code: 'CARD_REISSUE', fields: {} },
      ],
    });
    expect(codes(wrong)).toEqual(
      expect.arrayContaining([
        'ITEM_NOT_IN_SCENARIO items.RESIDENT_PENSION_BENEFIT',
        'ITEM_NOT_FOUND items.FOO',
        'ITEM_NOT_IN_BUNDLE items.CARD_REISSUE',
        'REQUIRED_ITEM_MISSING items.INSTITUTION_PENSION_BENEFIT_APPROVAL',
        'NO_ITEMS_CHOSEN items',
      ]),
    );
    const { idValidUntil, householdAddress, residenceAddress, ...jsShared } = UNEMPLOYED;
    const js = validateBundle(catalog, {
      bundleCode: 'jiangsu-unemployment',
      items: [{ code: 'UNEMPLOYMENT_BENEFIT', fields: {} }],
      sharedFields: jsShared,
      materials: ['termination-proof'],
      commitments: [],
    });
    expect(codes(js)).toEqual(['REQUIRED_ITEM_MISSING items.UNEMPLOYMENT_REGISTRATION']);
    const extra = validateBundle(catalog, {
      bundleCode: 'jiangsu-unemployment',
      items: [{ code: 'UNEMPLOYMENT_REGISTRATION', fields: {} }],
      sharedFields: { ...jsShared, idValidUntil },
      materials: ['termination-proof'],
      commitments: [],
    });
    expect(codes(extra)).toEqual(['FIELD_UNKNOWN sharedFields.idValidUntil']);
    expect([householdAddress, residenceAddress].every(Boolean)).toBe(true);
  });

  it('企业招用员工: choosing 劳动用工备案 makes the employee details required', () => {
    const base: BundleInput = {
      bundleCode: 'national-employer-hiring',
      employerCreditCode: SOFTWARE,
      items: [{ code: 'CONTRIBUTOR_ADDITION', fields: { insuranceTypes: ['ENTERPRISE_PENSION', 'WORK_INJURY', 'UNEMPLOYMENT'] } }],
      sharedFields: { ...PERSON, ...HANDLER },
      materials: [],
      commitments: [],
    };
    expect(validateBundle(catalog, base).errors).toEqual([]);
    const r = validateBundle(catalog, { ...base, items: [...base.items, { code: 'LABOR_FILING_HIRE', fields: { contractType: 'FIXED_TERM' } }] });
    expect(codes(r)).toEqual([
      'FIELD_REQUIRED items.LABOR_FILING_HIRE.contractStartDate',
      'FIELD_REQUIRED items.LABOR_FILING_HIRE.contractEndDate',
      'FIELD_REQUIRED items.LABOR_FILING_HIRE.jobTitle',
      'FIELD_REQUIRED items.LABOR_FILING_HIRE.workLocation',
      'FIELD_REQUIRED items.LABOR_FILING_HIRE.monthlyWage',
    ]);
  });

  it('asks for a material unless a commitment is signed for an item that allows it', () => {
    const archive = { code: 'ARCHIVE_TRANSFER_IN', fields: { originalArchiveAgency: '某市人才服务中心', deliveryMethod: 'PICKUP' } };
    const base: BundleInput = {
      bundleCode: 'national-employer-hiring',
      employerCreditCode: SOFTWARE,
      items: [archive],
      sharedFields: { ...PERSON, ...HANDLER },
      materials: [],
      commitments: [],
    };
    expect(codes(validateBundle(catalog, base))).toEqual(['MATERIAL_MISSING materials.archive-reception-proof']);
    expect(validateBundle(catalog, { ...base, commitments: ['ARCHIVE_TRANSFER_IN'] }).errors).toEqual([]);
    expect(validateBundle(catalog, { ...base, materials: ['archive-reception-proof'] }).errors).toEqual([]);
    const card = validateBundle(catalog, {
      ...base,
      items: [archive, { code: 'CARD_APPLICATION', fields: { deliveryMethod: 'PICKUP' } }],
      commitments: ['ARCHIVE_TRANSFER_IN', 'CARD_APPLICATION'],
    });
    expect(codes(card)).toEqual(['COMMITMENT_NOT_ALLOWED commitments.CARD_APPLICATION', 'MATERIAL_MISSING materials.photo-2inch']);
    expect(codes(validateBundle(catalog, { ...base, materials: ['archive-reception-proof', 'selfie'] }))).toEqual(['MATERIAL_UNKNOWN materials[1]']);
  });

  it("uses scenario rules for shared fields (企业 creators give the unit's credit code)", () => {
    const input: BundleInput = {
      bundleCode: 'jiangsu-entrepreneurship',
      scenario: 'ENTERPRISE',
      employerCreditCode: SOFTWARE,
      items: [{ code: 'STARTUP_JOB_CREATION_SUBSIDY', fields: { hiredCount: 3, unitBankAccount: '32001234567890123' } }],
      sharedFields: { name: '李四', idType: 'RESIDENT_ID_CARD', idNumber: VALID_ID, phone: '13900139000' },
      materials: ['business-license'],
      commitments: [],
    };
    expect(codes(validateBundle(catalog, input))).toEqual(['FIELD_REQUIRED sharedFields.unitName', 'FIELD_REQUIRED sharedFields.creditCode']);
    const ok = validateBundle(catalog, { ...input, sharedFields: { ...input.sharedFields, unitName: '某某科技有限公司', creditCode: '91350100M000100Y43' } });
    expect(ok.errors).toEqual([]);
    const bad = validateBundle(catalog, { ...input, sharedFields: { ...input.sharedFields, unitName: '某某科技有限公司', creditCode: '91350100M000100Y44' } });
    expect(codes(bad)).toEqual(['FIELD_INVALID sharedFields.creditCode']);
  });
});

describe('validateBundle: the subject and the applicant (roles)', () => {
  const DECEASED = { deceasedName: '赵老', deceasedGender: 'FEMALE', deceasedIdType: 'RESIDENT_ID_CARD', deceasedIdNumber: VALID_ID, deathDate: '2026-11-02' };
  const AGENT = { agentName: '刘洋', agentIdNumber: '110105200106010039', agentPhone: '13600136000', agentRelationship: 'GRANDCHILD' };
  const death = (shared: Record<string, unknown>): BundleInput => ({
    bundleCode: 'national-retiree-death',
    items: [{ code: 'CARD_CANCELLATION', fields: {} }],
    sharedFields: shared,
    materials: ['death-certificate'],
    commitments: [],
  });

  it('a death bundle: the deceased is the subject, the family member applies with their own document', () => {
    const valid = validateBundle(catalog, death({ ...DECEASED, ...AGENT }));
    expect(codes(valid).filter((c) => !c.startsWith('MATERIAL') && !c.includes('items.'))).toEqual([]);
    expect(codes(validateBundle(catalog, death({ ...DECEASED, ...AGENT, agentIdNumber: VALID_ID })))).toContain(
      'APPLICANT_IS_SUBJECT sharedFields.agentIdNumber',
    );
    // The deceased's document is the subject's: its gender and check digit hold as anyone's.
    expect(codes(validateBundle(catalog, death({ ...DECEASED, ...AGENT, deceasedGender: 'MALE' })))).toContain('FIELD_INVALID sharedFields.deceasedGender');
    expect(codes(validateBundle(catalog, death({ ...DECEASED, ...AGENT, agentIdNumber: '110105200106010038' })))).toContain(
      'FIELD_INVALID sharedFields.agentIdNumber',
    );
    const { deceasedIdNumber: _n, ...nameless } = DECEASED;
    expect(codes(validateBundle(catalog, death({ ...nameless, ...AGENT })))).toContain('FIELD_REQUIRED sharedFields.deceasedIdNumber');
  });

  it("an employer's bundle: the employer is the subject (its credit code, the same wherever the form repeats it), its handler applies", () => {
    const hiring = (over: Partial<BundleInput>): BundleInput => ({
      bundleCode: 'jiangsu-employer-hiring',
      employerCreditCode: SOFTWARE,
      items: [{ code: 'EMPLOYMENT_REGISTRATION', fields: {} }],
      sharedFields: { ...PERSON, ...HANDLER, unitName: '某某科技有限公司', creditCode: SOFTWARE },
      materials: [],
      commitments: [],
      ...over,
    });
    const roleFaults = (r: BundleValidation) => codes(r).filter((c) => /employerCreditCode|contact|creditCode|APPLICANT|EMPLOYER/.test(c));
    expect(roleFaults(validateBundle(catalog, hiring({})))).toEqual([]);
    expect(roleFaults(validateBundle(catalog, hiring({ employerCreditCode: null })))).toEqual(['FIELD_REQUIRED employerCreditCode']);
    expect(roleFaults(validateBundle(catalog, hiring({ employerCreditCode: '91320102MA1X2Y3W3M' })))).toEqual(['EMPLOYER_MISMATCH sharedFields.creditCode']);
    expect(
      roleFaults(validateBundle(catalog, hiring({ sharedFields: { ...PERSON, ...HANDLER, unitName: '某', creditCode: SOFTWARE, contactIdNumber: 'x1' } }))),
    ).toEqual(['FIELD_INVALID sharedFields.contactIdNumber']);
  });
});

describe('identity documents', () => {
  it('accepts a valid GB 11643 number and reads birth date and gender', () => {
    expect(validateChineseIdNumber(VALID_ID)).toEqual({ ok: true, birthDate: '1949-12-31', gender: 'FEMALE' });
    expect(validateChineseIdNumber('11010519491231002x')).toMatchObject({ ok: true });
  });
  it('rejects a bad check digit', () => {
    expect(validateChineseIdNumber('110105194912310021')).toEqual({ ok: false, reason: 'check character is 1, expected X' });
  });
  it('rejects a wrong length, bad characters and impossible birth dates', () => {
    expect(validateChineseIdNumber('1101051949123100')).toEqual({ ok: false, reason: 'expected 18 characters, got 16' });
    expect(validateChineseIdNumber('11010519491231002Y')).toMatchObject({ ok: false });
    expect(validateChineseIdNumber('110105194902300021')).toMatchObject({ ok: false, reason: expect.stringContaining('not a valid date') });
  });
  it('a birth date is in the future by the date in China, not in UTC', () => {
    const bornOn20261205 = '320102202612050016';
    // 07:30 on 5 December in Beijing is still 4 December in UTC: the child is born today, not tomorrow.
    expect(validateChineseIdNumber(bornOn20261205, new Date('2026-12-04T23:30:00Z'))).toMatchObject({ ok: true, birthDate: '2026-12-05' });
    expect(validateChineseIdNumber(bornOn20261205, new Date('2026-12-04T15:00:00Z'))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('in the future'),
    });
  });
  it('checks unified social credit codes (GB 32100)', () => {
    expect(validateCreditCode('91350100M000100Y43')).toEqual({ ok: true });
    expect(validateCreditCode('91350100M000100Y44')).toEqual({ ok: false, reason: 'check character is 4, expected 3' });
    expect(validateCreditCode('91350100M000100Y4')).toMatchObject({ ok: false });
    expect(validateCreditCode('91350100M000100I43')).toMatchObject({ ok: false, reason: expect.stringContaining('"I"') });
  });
});

describe('graphqlTypeOf', () => {
  it('maps every catalog type to its GraphQL input type', () => {
    const cases: Array<[string, boolean, string]> = [
      ['STRING', true, 'String!'],
      ['TEXT', false, 'String'],
      ['PHONE', true, 'String!'],
      ['ID_NUMBER', true, 'String!'],
      ['BANK_ACCOUNT', false, 'String'],
      ['ADDRESS', true, 'String!'],
      ['REGION_CODE', true, 'String!'],
      ['CREDIT_CODE', true, 'String!'],
      ['DATE', true, 'Date!'],
      ['BOOLEAN', false, 'Boolean'],
      ['INT', true, 'Int!'],
      ['MONEY', true, 'Decimal!'],
    ];
    for (const [type, required, expected] of cases) expect(graphqlTypeOf({ type: type as never, required })).toBe(expected);
    expect(graphqlTypeOf({ type: 'ENUM', required: true, enum: 'DeliveryMethod' })).toBe('DeliveryMethod!');
    expect(graphqlTypeOf({ type: 'ENUM_LIST', required: true, enum: 'InsuranceType' })).toBe('[InsuranceType!]!');
    expect(() => graphqlTypeOf({ type: 'ENUM', required: true })).toThrow(TypeError);
  });
  it('gives each item its mutation input', () => {
    expect(itemInputFields(catalog.items.get('CARD_APPLICATION')!)).toEqual([{ name: 'deliveryMethod', type: 'DeliveryMethod!' }]);
    expect(itemInputSDL(catalog.items.get('UNEMPLOYMENT_BENEFIT')!)).toBe('input ClaimUnemploymentBenefitInput {\n  bankAccount: String\n}');
  });
});
