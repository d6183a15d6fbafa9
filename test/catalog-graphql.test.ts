/**
 * The catalog through the gateway: bundles, items, the merged form, the guide and the dry-run
 * validation, as clients reach them (one real stack for the file).
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse, type ObjectTypeDefinitionNode } from 'graphql';
import { SUPERGRAPH_FILE } from '../gateway/composition.js';
import { loadCatalog, type Catalog } from '../src/catalog/index.js';
import { TestStack } from './support/stack.js';

let stack: TestStack;
let catalog: Catalog;
beforeAll(async () => {
  catalog = loadCatalog();
  stack = await TestStack.start();
});
afterAll(async () => {
  await stack?.stop();
});

type Errors = Awaited<ReturnType<TestStack['graphql']>>['errors'];

/** Posts the operation and fails on any error. */
async function query<Data = Record<string, any>>(text: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const { data, errors } = await stack.graphql<Data>(text, variables);
  expect(errors).toBeUndefined();
  return data!;
}

const sorted = (codes: Iterable<string>) => [...codes].sort();

const UNEMPLOYED = {
  name: '张三',
  gender: 'FEMALE', // as the ID number says (its 17th digit is even)
  idType: 'RESIDENT_ID_CARD',
  idNumber: '11010519491231002X',
  idValidUntil: '2036-05-01',
  phone: '13800138000',
  unemploymentType: 'CONTRACT_EXPIRED',
  formerEmployer: '某某机械有限公司',
  unemploymentDate: '2026-10-31',
  householdAddress: '江苏省南京市玄武区某路1号',
  residenceAddress: '江苏省南京市鼓楼区某路2号',
};

describe('bundles', () => {
  const BUNDLES = `query Bundles($filter: BundleFilter) { bundles(filter: $filter) { code name applicantKinds lead participants
    entries { item { name aliases } } } }`;

  it('lists all 24 bundles of the catalog', async () => {
    const { bundles } = await query(BUNDLES);
    expect(bundles).toHaveLength(24);
    expect(sorted(bundles.map((b: { code: string }) => b.code))).toEqual(sorted(catalog.bundles.keys()));
  });

  it('filters by applicant kind, by subgraph and by a search text', async () => {
    const employer = (await query(BUNDLES, { filter: { applicantKind: 'EMPLOYER' } })).bundles;
    const expectedEmployer = [...catalog.bundles.values()].filter((b) => b.applicantKind.includes('EMPLOYER')).map((b) => b.code);
    expect(expectedEmployer.length).toBeGreaterThan(0);
    expect(sorted(employer.map((b: { code: string }) => b.code))).toEqual(sorted(expectedEmployer));
    expect(expectedEmployer).toContain('national-employer-hiring');

    const archive = (await query(BUNDLES, { filter: { subgraph: 'archive' } })).bundles;
    expect(archive.length).toBeGreaterThan(0);
    expect(archive.length).toBeLessThan(24);
    for (const b of archive) expect([b.lead, ...b.participants]).toContain('archive');
    const expectedArchive = [...catalog.bundles.values()].filter((b) => b.items.some((e) => e.item.subgraph === 'archive')).map((b) => b.code);
    expect(sorted(archive.map((b: { code: string }) => b.code))).toEqual(sorted(expectedArchive));

    const unemployment = (await query(BUNDLES, { filter: { search: '失业' } })).bundles;
    const codes = unemployment.map((b: { code: string }) => b.code);
    expect(codes).toEqual(expect.arrayContaining(['national-unemployment', 'jiangsu-unemployment']));
    expect(codes).not.toContain('national-social-security-card');
    for (const b of unemployment) {
      const texts = [b.name, ...b.entries.flatMap((e: { item: { name: string; aliases: string[] } }) => [e.item.name, ...e.item.aliases])];
      expect(texts.some((t: string) => t.includes('失业'))).toBe(true);
    }

    const both = (await query(BUNDLES, { filter: { search: 'NATIONAL-UNEMPLOYMENT', applicantKind: 'PERSON' } })).bundles;
    expect(both.map((b: { code: string }) => b.code)).toEqual(['national-unemployment']);
  });

  it('refuses an unknown subgraph in the filter with BAD_USER_INPUT', async () => {
    const { errors } = await stack.graphql(BUNDLES, { filter: { subgraph: 'payroll' } });
    expect(errors![0]!.message).toBe('filter.subgraph: expected one of employment, insurance, card, archive, civil-service, got "payroll"');
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.subgraph' });
  });

  it('gives one bundle with its source, items, selections and rules; null for an unknown code', async () => {
    const { bundle, unknown } = await query(`{
      bundle(code: "national-unemployment") {
        code name source { document number } basis applicantKinds lead participants mode scenarios { code }
        sharedFields { name label required } sharedFieldsSource
        entries { item { code name owner { kind name } } selection rule scenarios section reason }
        notes
      }
      unknown: bundle(code: "no-such-bundle") { code }
    }`);
    expect(unknown).toBeNull();
    expect(bundle).toMatchObject({
      code: 'national-unemployment',
      name: '失业“一件事”',
      source: { document: 'NATIONAL_NOTICE_2021_23', number: 3 },
      applicantKinds: ['PERSON'],
      lead: 'employment',
      participants: ['insurance', 'card'],
      mode: 'PARALLEL',
      scenarios: [],
      sharedFieldsSource: 'NATIONAL_NOTICE',
    });
    expect(bundle.basis[0]).toBe('人社部发〔2021〕23号 附件1 三、失业“一件事”');
    expect(bundle.sharedFields.map((f: { name: string }) => f.name)).toEqual([
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
    ]);
    expect(bundle.entries.map((e: { item: { code: string }; selection: string }) => [e.item.code, e.selection])).toEqual([
      ['UNEMPLOYMENT_REGISTRATION', 'PRESELECTED'],
      ['EMPLOYMENT_CERTIFICATE', 'PRESELECTED'],
      ['EMPLOYMENT_DIFFICULTY_RECOGNITION', 'OPTIONAL'],
      ['UNEMPLOYMENT_BENEFIT', 'OPTIONAL'],
      ['UNEMPLOYED_MEDICAL_PREMIUM', 'PRESELECTED'],
      ['PRICE_SUBSIDY', 'AUTOMATIC'],
      ['VOCATIONAL_TRAINING_SUBSIDY', 'OPTIONAL'],
      ['JOB_INTRODUCTION', 'OPTIONAL'],
      ['FLEXIBLE_EMPLOYMENT_INSURANCE', 'OPTIONAL'],
      ['RESIDENT_PENSION_ENROLLMENT', 'OPTIONAL'],
      ['CARD_APPLICATION', 'OPTIONAL'],
    ]);
    const premium = bundle.entries[4];
    expect(premium).toEqual({
      item: { code: 'UNEMPLOYED_MEDICAL_PREMIUM', name: '代缴失业人员医疗保险费', owner: { kind: 'SUBGRAPH', name: 'insurance' } },
      selection: 'PRESELECTED',
      rule: '已勾选“失业保险金申领”',
      scenarios: null,
      section: '待遇补贴申领',
      reason: '如勾选“失业保险金申领”，此项默认勾选（社会保险法 第48条）',
    });
    expect(bundle.entries[5].rule).toBe(`已勾选“失业保险金申领”且${catalog.facts.get('priceSubsidyTriggered')!.label}`);
    expect(bundle.entries[0].rule).toBeNull();
  });

  it('gives each scenario of a bundle with scenarios, and no bundle-wide mode when they differ', async () => {
    const { bundle } = await query(`{ bundle(code: "jiangsu-entrepreneurship") { mode scenarios { code name applicantKinds mode } } }`);
    expect(bundle.scenarios).toEqual([
      { code: 'PERSONAL', name: '个人', applicantKinds: ['PERSON'], mode: 'PARALLEL' },
      { code: 'ENTERPRISE', name: '企业', applicantKinds: ['EMPLOYER'], mode: 'PARALLEL' },
    ]);
    expect(bundle.mode).toBe(catalog.bundles.get('jiangsu-entrepreneurship')!.mode);
  });
});

describe('items', () => {
  const ITEMS = `query Items($filter: ItemFilter) { items(filter: $filter) { code subgraph department mutation available availability } }`;

  it('marks available exactly the items whose mutation the supergraph has', async () => {
    const supergraph = parse(await readFile(SUPERGRAPH_FILE, 'utf8'));
    const mutation = supergraph.definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === 'ObjectTypeDefinition' && d.name.value === 'Mutation');
    const mutations = new Set(mutation?.fields?.map((f) => f.name.value) ?? []);
    const expected = [...catalog.items.values()].filter((i) => i.owner.kind === 'department' || (i.mutation && mutations.has(i.mutation))).map((i) => i.code);
    expect(expected.length).toBeGreaterThan(0);

    const available = (await query(ITEMS, { filter: { available: true } })).items;
    expect(sorted(available.map((i: { code: string }) => i.code))).toEqual(sorted(expected));
    for (const i of available) {
      expect(i.availability).toBe(
        i.department
          ? `handled by another department (${i.department}): a related service (可拓展关联服务) referred there by submitBundle, with what was sent recorded and its answer recorded by recordDepartmentAnswer`
          : `handled by ${i.subgraph} through ${i.mutation}`,
      );
    }

    const all = (await query(ITEMS)).items;
    expect(all).toHaveLength(catalog.items.size);
    const unavailable = (await query(ITEMS, { filter: { available: false } })).items;
    expect(available.length + unavailable.length).toBe(catalog.items.size);
    for (const i of unavailable) {
      expect(i.available).toBe(false);
      expect(i.availability).toBe(`its subgraph (${i.subgraph}) does not handle it yet: the supergraph has no mutation ${i.mutation}`);
    }
    // Issues #10 and #11: every item of the catalog is handled (a subgraph's service or a tracked referral).
    expect(unavailable).toEqual([]);
  });

  it('filters by subgraph, by department or external, and by a search text', async () => {
    const archive = (await query(ITEMS, { filter: { subgraph: 'archive' } })).items;
    expect(sorted(archive.map((i: { code: string }) => i.code))).toEqual(sorted(catalog.itemsBySubgraph.get('archive')!.map((i) => i.code)));

    const external = (await query(ITEMS, { filter: { external: true } })).items;
    expect(sorted(external.map((i: { code: string }) => i.code))).toEqual(sorted(catalog.externalItems.map((i) => i.code)));
    for (const i of external) expect(i).toMatchObject({ subgraph: null, mutation: null, available: true });

    const fund = (await query(ITEMS, { filter: { department: '住房公积金管理中心' } })).items;
    expect(fund.map((i: { code: string }) => i.code)).toEqual(['HOUSING_FUND_REGISTRATION']);

    const byAlias = (await query(ITEMS, { filter: { search: '社会保障卡申领' } })).items;
    expect(byAlias.map((i: { code: string }) => i.code)).toContain('CARD_APPLICATION');
    const byCode = (await query(ITEMS, { filter: { search: 'unemployment_benefit', subgraph: 'insurance' } })).items;
    const expectedByCode = catalog.itemsBySubgraph
      .get('insurance')!
      .filter((i) => [i.code, i.name, ...i.aliases].some((t) => t.toLowerCase().includes('unemployment_benefit')))
      .map((i) => i.code);
    expect(byCode.map((i: { code: string }) => i.code)).toEqual(expectedByCode);
    expect(expectedByCode).toContain('UNEMPLOYMENT_BENEFIT');
    expect(expectedByCode).not.toContain('UNEMPLOYMENT_REGISTRATION');
  });

  it('gives one item with its handling, materials and fields; null for an unknown code', async () => {
    const { card, benefit, unknown } = await query(`{
      card: item(code: "CARD_APPLICATION") {
        code name aliases owner { kind name } applicantKinds commitmentAllowed mutation fieldsSource
        handling { kind workingDays calendarDays figure localPolicyKey basis applicantDeadline }
        materials { id name condition }
        fields { name label type graphqlType required requiredWhen enum values { value label } derived }
        sharedFields { name type required requiredWhen }
      }
      benefit: item(code: "UNEMPLOYMENT_BENEFIT") { handling { kind workingDays figure } fields { name type graphqlType required description } }
      unknown: item(code: "NO_SUCH_ITEM") { code }
    }`);
    expect(unknown).toBeNull();
    expect(card).toMatchObject({
      code: 'CARD_APPLICATION',
      aliases: ['社会保障卡申领'],
      owner: { kind: 'SUBGRAPH', name: 'card' },
      applicantKinds: ['PERSON', 'EMPLOYER'],
      commitmentAllowed: false,
      mutation: 'applySocialSecurityCard',
      fieldsSource: 'NATIONAL_NOTICE',
      handling: { kind: 'TIME_LIMITED', figure: 'LOCAL_POLICY', localPolicyKey: 'cardProductionDays' },
    });
    expect(card.handling.workingDays).toBe(catalog.localPolicy.get('cardProductionDays')!.value);
    expect(card.materials[0]).toMatchObject({ id: 'photo-2inch' });
    const delivery = card.fields.find((f: { name: string }) => f.name === 'deliveryMethod');
    expect(delivery).toMatchObject({ type: 'ENUM', graphqlType: 'DeliveryMethod!', required: true, enum: 'DeliveryMethod', requiredWhen: null });
    expect(delivery.values.map((v: { value: string }) => v.value)).toContain('MAIL');
    // The mailing address is a shared field (asked once per form), needed when the card is mailed.
    expect(card.fields.map((f: { name: string }) => f.name)).toEqual(['deliveryMethod']);
    expect(card.sharedFields.find((f: { name: string }) => f.name === 'mailingAddress')).toEqual({
      name: 'mailingAddress',
      type: 'ADDRESS',
      required: false,
      requiredWhen: 'CARD_APPLICATION.deliveryMethod 为 MAIL',
    });
    expect(benefit).toEqual({
      handling: { kind: 'TIME_LIMITED', workingDays: 10, figure: 'NATIONAL' },
      fields: [
        {
          name: 'bankAccount',
          type: 'BANK_ACCOUNT',
          graphqlType: 'String',
          required: false,
          description: '默认为社保卡银行账户，确需修改账户的提供本人银行账户信息',
        },
      ],
    });
  });
});

describe('form, guide and validateBundle', () => {
  const FORM = `query Form($bundleCode: String!, $scenario: String, $items: [String!]) {
    form(bundleCode: $bundleCode, scenario: $scenario, items: $items) {
      bundleCode bundleName scenario mode
      sharedFields { name required }
      items { code origin reason fields { name } }
      addedItems { code name selection reason condition }
      materials { id name requiredBy conditional commitmentAllowedFor }
      timeLimit { mode workingDays instant determinate setByLocalPolicy summary }
    }
  }`;

  it('merges national 失业 with 失业保险金申领 chosen: shared fields once, the added premium, each material once', async () => {
    const { form } = await query(FORM, { bundleCode: 'national-unemployment', items: ['UNEMPLOYMENT_REGISTRATION', 'UNEMPLOYMENT_BENEFIT'] });
    expect(form).toMatchObject({ bundleCode: 'national-unemployment', bundleName: '失业“一件事”', scenario: null, mode: 'PARALLEL' });
    const sharedNames = form.sharedFields.map((f: { name: string }) => f.name);
    expect(new Set(sharedNames).size).toBe(sharedNames.length);
    expect(sharedNames).toEqual(expect.arrayContaining(['name', 'idNumber', 'unemploymentDate']));
    // item fields never repeat a shared field
    for (const item of form.items) for (const f of item.fields) expect(sharedNames).not.toContain(f.name);

    const reason = '如勾选“失业保险金申领”，此项默认勾选（社会保险法 第48条）';
    expect(form.items.map((i: { code: string; origin: string }) => [i.code, i.origin])).toEqual(
      expect.arrayContaining([
        ['UNEMPLOYMENT_REGISTRATION', 'CHOSEN'],
        ['UNEMPLOYMENT_BENEFIT', 'CHOSEN'],
        ['UNEMPLOYED_MEDICAL_PREMIUM', 'ADDED'],
        ['PRICE_SUBSIDY', 'CONDITIONAL'],
      ]),
    );
    expect(form.items.find((i: { code: string }) => i.code === 'UNEMPLOYED_MEDICAL_PREMIUM').reason).toBe(reason);
    expect(form.addedItems).toContainEqual({
      code: 'UNEMPLOYED_MEDICAL_PREMIUM',
      name: '代缴失业人员医疗保险费',
      selection: 'PRESELECTED',
      reason,
      condition: 'MET',
    });
    expect(form.addedItems).toContainEqual(expect.objectContaining({ code: 'PRICE_SUBSIDY', selection: 'AUTOMATIC', condition: 'DEPENDS' }));

    const ids = form.materials.map((m: { id: string }) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(form.materials.find((m: { id: string }) => m.id === 'termination-proof')).toMatchObject({
      requiredBy: ['UNEMPLOYMENT_REGISTRATION', 'UNEMPLOYMENT_BENEFIT'],
      conditional: false,
      commitmentAllowedFor: [],
    });
    expect(form.timeLimit).toMatchObject({ mode: 'PARALLEL', workingDays: 10, instant: false, determinate: false });
    expect(form.timeLimit.setByLocalPolicy).toEqual(expect.arrayContaining(['UNEMPLOYMENT_REGISTRATION', 'UNEMPLOYED_MEDICAL_PREMIUM']));
  });

  it('opens the form with the default selection when no items are given', async () => {
    const { form } = await query(FORM, { bundleCode: 'national-unemployment' });
    expect(form.items.map((i: { code: string; origin: string }) => [i.code, i.origin])).toEqual([
      ['UNEMPLOYMENT_REGISTRATION', 'CHOSEN'],
      ['EMPLOYMENT_CERTIFICATE', 'CHOSEN'],
    ]);
    expect(form.addedItems).toEqual([]);
  });

  it('gives the one-time notice (一次告知) of a bundle', async () => {
    const { guide } = await query(`{ guide(bundleCode: "national-unemployment") {
      bundleCode name scenario mode basis conditions process where fees notes
      items { code name selection owner basis applicantDeadline }
      materials { id name requiredBy conditional commitmentAllowed }
      timeLimit { mode workingDays determinate summary }
    } }`);
    expect(guide).toMatchObject({ bundleCode: 'national-unemployment', name: '失业“一件事”', scenario: null, mode: 'PARALLEL', fees: '不收费' });
    expect(guide.items).toHaveLength(11);
    expect(guide.items[3]).toMatchObject({ code: 'UNEMPLOYMENT_BENEFIT', name: '失业保险金申领', selection: 'OPTIONAL', owner: 'insurance' });
    expect(guide.process[0]).toBe('本人一次提交申请表单和材料');
    expect(guide.where).toContain('电子社保卡');
    const ids = guide.materials.map((m: { id: string }) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(guide.materials.find((m: { id: string }) => m.id === 'termination-proof').requiredBy).toEqual(
      expect.arrayContaining(['UNEMPLOYMENT_REGISTRATION', 'UNEMPLOYMENT_BENEFIT']),
    );
    expect(guide.timeLimit.summary).toMatch(/^并联办理，不超过最长单项时限/);
  });

  const VALIDATE = `query Validate($input: ValidateBundleInput!) { validateBundle(input: $input) {
    valid errors { code message field } addedItems { code name selection reason condition } conditionalItems { code selection reason }
    timeLimit { mode workingDays calendarDays instant determinate setByLocalPolicy localPolicyDefaults summary }
  } }`;

  it('validates national 失业 with 失业保险金申领 chosen: the premium is added, a missing shared field is named, nothing is stored', async () => {
    const { unemploymentDate: _left, ...shared } = UNEMPLOYED;
    const { validateBundle } = await query(VALIDATE, {
      input: {
        bundleCode: 'national-unemployment',
        sharedFields: shared,
        items: [{ code: 'UNEMPLOYMENT_BENEFIT', fields: {} }],
        materials: ['termination-proof'],
      },
    });
    expect(validateBundle.valid).toBe(false);
    expect(validateBundle.errors).toEqual([
      { code: 'FIELD_REQUIRED', message: '失业时间（unemploymentDate）is required', field: 'sharedFields.unemploymentDate' },
    ]);
    expect(validateBundle.addedItems).toEqual([
      {
        code: 'UNEMPLOYED_MEDICAL_PREMIUM',
        name: '代缴失业人员医疗保险费',
        selection: 'PRESELECTED',
        reason: '如勾选“失业保险金申领”，此项默认勾选（社会保险法 第48条）',
        condition: null,
      },
    ]);
    expect(validateBundle.conditionalItems).toEqual([expect.objectContaining({ code: 'PRICE_SUBSIDY', selection: 'AUTOMATIC' })]);
    expect(validateBundle.timeLimit).toMatchObject({ mode: 'PARALLEL', workingDays: 10, determinate: false, setByLocalPolicy: ['UNEMPLOYED_MEDICAL_PREMIUM'] });

    const rows = await stack.databases.get('gateway')!.query<{ n: string }>('SELECT count(*)::text AS n FROM gateway.submission');
    expect(rows[0]!.n).toBe('0');
  });

  it('answers valid for a complete form, and reports unknown bundles and items in its errors', async () => {
    const ok = (
      await query(VALIDATE, {
        input: { bundleCode: 'national-unemployment', sharedFields: UNEMPLOYED, items: [{ code: 'UNEMPLOYMENT_BENEFIT' }], materials: ['termination-proof'] },
      })
    ).validateBundle;
    expect(ok).toMatchObject({ valid: true, errors: [] });

    const unknown = (await query(VALIDATE, { input: { bundleCode: 'no-such-bundle', sharedFields: {}, items: [] } })).validateBundle;
    expect(unknown).toEqual({
      valid: false,
      errors: [{ code: 'BUNDLE_NOT_FOUND', message: 'unknown bundle "no-such-bundle"', field: 'bundleCode' }],
      addedItems: [],
      conditionalItems: [],
      timeLimit: null,
    });

    const wrongItem = (
      await query(VALIDATE, {
        input: { bundleCode: 'national-unemployment', sharedFields: UNEMPLOYED, items: [{ code: 'CARD_REISSUE' }, { code: 'NO_SUCH_ITEM' }] },
      })
    ).validateBundle;
    expect(wrongItem.errors.map((e: { code: string; field: string }) => [e.code, e.field])).toEqual(
      expect.arrayContaining([['ITEM_NOT_FOUND', 'items.NO_SUCH_ITEM']]),
    );
  });

  it('refuses sharedFields that are not a JSON object with BAD_USER_INPUT', async () => {
    const { errors } = await stack.graphql(VALIDATE, { input: { bundleCode: 'national-unemployment', sharedFields: ['x'], items: [] } });
    expect(errors![0]!.message).toContain('JSON: expected an object, got ["x"]');
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('errors of form and guide', () => {
  const expectError = (errors: Errors, code: string, field: string, message: string) => {
    expect(errors).toHaveLength(1);
    expect(errors![0]!.message).toBe(message);
    expect(errors![0]!.extensions).toMatchObject({ code, field });
  };

  it.each([
    ['an unknown bundle', { bundleCode: 'no-such-bundle' }, 'BUNDLE_NOT_FOUND', 'bundleCode', 'unknown bundle "no-such-bundle"'],
    [
      'a bundle with scenarios and none chosen',
      { bundleCode: 'jiangsu-entrepreneurship' },
      'SCENARIO_REQUIRED',
      'scenario',
      'bundle jiangsu-entrepreneurship needs a scenario: PERSONAL, ENTERPRISE',
    ],
    [
      'an unknown scenario',
      { bundleCode: 'jiangsu-entrepreneurship', scenario: 'RETIRED' },
      'SCENARIO_NOT_FOUND',
      'scenario',
      'bundle jiangsu-entrepreneurship has no scenario "RETIRED" (expected PERSONAL, ENTERPRISE)',
    ],
    [
      'a scenario for a bundle without scenarios',
      { bundleCode: 'national-unemployment', scenario: 'PERSONAL' },
      'SCENARIO_NOT_FOUND',
      'scenario',
      'bundle national-unemployment has no scenarios, got "PERSONAL"',
    ],
  ])('form and guide refuse %s', async (_case, variables, code, field, message) => {
    const form = await stack.graphql(
      `query F($bundleCode: String!, $scenario: String) { form(bundleCode: $bundleCode, scenario: $scenario) { bundleCode } }`,
      variables,
    );
    expect(form.data ?? null).toBeNull();
    expectError(form.errors, code, field, message);
    const guide = await stack.graphql(
      `query G($bundleCode: String!, $scenario: String) { guide(bundleCode: $bundleCode, scenario: $scenario) { bundleCode } }`,
      variables,
    );
    expectError(guide.errors, code, field, message);
  });

  it('form refuses an item that is not in the bundle', async () => {
    const { errors } = await stack.graphql(`{ form(bundleCode: "national-unemployment", items: ["UNEMPLOYMENT_BENEFIT", "CARD_REISSUE"]) { bundleCode } }`);
    expectError(errors, 'ITEM_NOT_IN_BUNDLE', 'items', 'item "CARD_REISSUE" is not in bundle national-unemployment');
  });
});
