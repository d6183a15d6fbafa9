/**
 * An item reused in several bundles asks, in each, only the fields that bundle's source lists
 * (人社部发〔2021〕23号 附件1), through the gateway: the form, its JSON Schema and submitBundle
 * follow the bundle's list; a field left out reaches the item absent (the item does without it)
 * and a derived one with the value the bundle derives.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { loadCatalog } from '../src/catalog/index.js';
import { DEMO_EMPLOYERS, DEMO_PEOPLE, type DemoPerson } from '../src/demo/demo-data.js';
import { personKey } from '../src/identity/person-key.js';
import { addDays, todayInChina } from '../src/policy/calendar.js';
import { newcomerIdNumber } from './support/items.js';
import { institutionHiringApplication, SUBMIT, wholeApplication, type FormPerson } from './support/forms.js';
import { useStack } from './support/use-stack.js';

const stack = useStack();
const catalog = loadCatalog();
const today = todayInChina();
const HOSPITAL = DEMO_EMPLOYERS.hospital.creditCode;
const SOFTWARE = DEMO_EMPLOYERS.software.creditCode;

const newcomer = (name: string, birthDate: string, gender: 'MALE' | 'FEMALE'): DemoPerson => ({
  idType: 'RESIDENT_ID_CARD',
  idNumber: newcomerIdNumber(birthDate, gender, '320102'),
  name,
  gender,
  birthDate,
  phone: '13900000021',
  householdAddress: '江苏省南京市玄武区示例路1号',
  residenceAddress: '江苏省南京市玄武区示例路1号',
  ethnicity: '汉族',
});
const keyOf = (who: FormPerson) => personKey(stack.config.personKeySecret, who.idType, who.idNumber);

const RECORD = `record { __typename
  ... on InsuranceRegistration { kind schemes contributionBase }
  ... on ContributorReduction { reductionReason reductionDate }
  ... on LaborFiling { filingKind: kind terminationDate terminationDateDerived } }`;
const SUBMIT_WITH_RECORDS = `mutation Submit($input: SubmitBundleInput!) { submitBundle(input: $input) {
  id items { itemCode status rejection { code field } ${RECORD} } } }`;
interface Item {
  itemCode: string;
  status: string;
  rejection: { code: string; field: string | null } | null;
  record: Record<string, unknown> | null;
}
/** A whole application cut down to the given items (and the shared fields the bundle and they ask). */
function only<T extends { bundleCode: string; sharedFields: Record<string, unknown>; items: { code: string; fields: Record<string, unknown> }[] }>(
  input: T,
  codes: readonly string[],
): T {
  const bundle = catalog.bundles.get(input.bundleCode)!;
  const asked = new Set([
    ...bundle.sharedFields.map((f) => f.field.name),
    ...bundle.items.filter((e) => codes.includes(e.code)).flatMap((e) => e.item.sharedFields.map((f) => f.name)),
  ]);
  return {
    ...input,
    sharedFields: Object.fromEntries(Object.entries(input.sharedFields).filter(([name]) => asked.has(name))),
    items: input.items.filter((i) => codes.includes(i.code)),
  };
}
const submit = async (input: unknown) => {
  const { data, errors } = await stack.graphql<{ submitBundle: { items: Item[] } }>(SUBMIT_WITH_RECORDS, { input });
  expect(errors).toBeUndefined();
  return new Map(data!.submitBundle.items.map((i) => [i.itemCode, i]));
};
const refusal = async (input: unknown) => {
  const { errors } = await stack.graphql(SUBMIT, { input });
  expect(errors?.[0]?.extensions?.code).toBe('BUNDLE_INVALID');
  return (errors![0]!.extensions!.errors as { code: string; field: string }[]).map((e) => `${e.code} ${e.field}`);
};
const formFields = async (bundleCode: string, items: string[]) => {
  const { data, errors } = await stack.graphql<{ form: { items: { code: string; fields: { name: string; required: boolean }[] }[] } }>(
    `query F($bundleCode: String!, $items: [String!]) { form(bundleCode: $bundleCode, items: $items) { items { code fields { name required } } } }`,
    { bundleCode, items },
  );
  expect(errors).toBeUndefined();
  return Object.fromEntries(data!.form.items.map((i) => [i.code, i.fields.map((f) => `${f.name}${f.required ? '!' : ''}`)]));
};
const schemaOf = async (bundleCode: string, items: string[]) => {
  const { data, errors } = await stack.graphql<{ formSchema: { properties: { items: { properties: Record<string, { properties: object }> } } } }>(
    `query S($bundleCode: String!, $items: [String!]) { formSchema(bundleCode: $bundleCode, items: $items) }`,
    { bundleCode, items },
  );
  expect(errors).toBeUndefined();
  return data!.formSchema.properties.items.properties;
};

describe('事业单位聘用 (附件1 五(三)): 职工参保登记 and 增员申报 ask no 缴费基数 and no 险种', () => {
  const ITEMS = ['EMPLOYEE_INSURANCE_REGISTRATION', 'CONTRIBUTOR_ADDITION'];

  it('the form and its JSON Schema leave them out; 创业 still asks 申报缴费基数 (六(四)2)', async () => {
    expect(await formFields('national-institution-hiring', ITEMS)).toMatchObject({ EMPLOYEE_INSURANCE_REGISTRATION: [], CONTRIBUTOR_ADDITION: [] });
    const schema = await schemaOf('national-institution-hiring', ITEMS);
    expect(schema.EMPLOYEE_INSURANCE_REGISTRATION!.properties).toEqual({});
    expect(schema.CONTRIBUTOR_ADDITION!.properties).toEqual({});
    expect(await formFields('national-entrepreneurship', ['EMPLOYEE_INSURANCE_REGISTRATION'])).toMatchObject({
      EMPLOYEE_INSURANCE_REGISTRATION: ['contributionBase!'],
    });
  });

  it('submits without them: the registration keeps the base empty (set later), the 增员 takes a 事业单位’s three schemes', async () => {
    const hire = newcomer('钱聘', '1997-05-01', 'FEMALE');
    const input = institutionHiringApplication(hire, HOSPITAL, [{ code: 'EMPLOYEE_INSURANCE_REGISTRATION' }, { code: 'CONTRIBUTOR_ADDITION' }]);
    const items = await submit(only(input, ITEMS));
    expect(items.get('EMPLOYEE_INSURANCE_REGISTRATION')).toMatchObject({
      status: 'ACCEPTED',
      record: { __typename: 'InsuranceRegistration', kind: 'EMPLOYEE', schemes: ['INSTITUTION_PENSION'], contributionBase: null },
    });
    expect(items.get('CONTRIBUTOR_ADDITION')).toMatchObject({
      status: 'ACCEPTED',
      record: { __typename: 'InsuranceRegistration', kind: 'CONTRIBUTOR_ADDITION', schemes: ['INSTITUTION_PENSION', 'WORK_INJURY', 'UNEMPLOYMENT'] },
    });
  });

  it('refuses them when given: the bundle does not ask them', async () => {
    const input = institutionHiringApplication(DEMO_PEOPLE.liuYang, HOSPITAL, [
      { code: 'EMPLOYEE_INSURANCE_REGISTRATION', fields: { contributionBase: '6500' } },
      { code: 'CONTRIBUTOR_ADDITION', fields: { insuranceTypes: ['ENTERPRISE_PENSION'] } },
    ]);
    expect(await refusal(only(input, ITEMS))).toEqual([
      'FIELD_UNKNOWN items.EMPLOYEE_INSURANCE_REGISTRATION.contributionBase',
      'FIELD_UNKNOWN items.CONTRIBUTOR_ADDITION.insuranceTypes',
    ]);
  });
});

describe('工亡 (附件1 八(四)1): 减员申报 asks no reason and no date', () => {
  it('the form leaves them out; 解除终止 (二(二)1) still asks both', async () => {
    expect(await formFields('national-work-death-benefits', ['CONTRIBUTOR_REDUCTION'])).toMatchObject({ CONTRIBUTOR_REDUCTION: [] });
    expect(await formFields('national-employer-termination', ['CONTRIBUTOR_REDUCTION'])).toMatchObject({
      CONTRIBUTOR_REDUCTION: ['reductionReason!', 'reductionDate!'],
    });
  });

  it('the guide says what stands for them', async () => {
    const { data, errors } = await stack.graphql<{ guide: { items: { code: string; fields: string[]; notAsked: string[] }[] } }>(
      `{ guide(bundleCode: "national-work-death-benefits") { items { code fields notAsked } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.guide.items.find((i) => i.code === 'CONTRIBUTOR_REDUCTION')).toEqual({
      code: 'CONTRIBUTOR_REDUCTION',
      fields: [],
      notAsked: ['减员原因：因工死亡', '减员时间：死亡时间'],
    });
  });

  it('submits without them: the 减员 is for 死亡, on the death date the form gives', async () => {
    const worker = newcomer('冯工', '1975-04-01', 'MALE');
    await stack.databases.get('insurance')!.query(
      `INSERT INTO insurance.insured_scheme (person_key, scheme, status, since, contribution_months, employer_credit_code, region_code)
       VALUES ($1, 'ENTERPRISE_PENSION', 'CONTRIBUTING', '2005-01-01', 240, $2, '320102')`,
      [keyOf(worker), SOFTWARE],
    );
    const deathDate = addDays(today, -12);
    const input = wholeApplication(catalog, {
      bundleCode: 'national-work-death-benefits',
      person: worker,
      applicant: DEMO_PEOPLE.liuYang,
      employerCreditCode: SOFTWARE,
      shared: { deathDate },
    });
    const chosen = only(input, ['CONTRIBUTOR_REDUCTION']);
    expect(chosen.items).toEqual([{ code: 'CONTRIBUTOR_REDUCTION', fields: {} }]);
    const items = await submit(chosen);
    expect(items.get('CONTRIBUTOR_REDUCTION')).toMatchObject({
      status: 'ACCEPTED',
      record: { __typename: 'ContributorReduction', reductionReason: 'DEATH', reductionDate: deathDate },
    });
    // Given anyway, they are refused: the bundle derives them.
    const given = { ...chosen, idempotencyKey: randomUUID(), items: [{ code: 'CONTRIBUTOR_REDUCTION', fields: { reductionReason: 'OTHER' } }] };
    expect(await refusal(given)).toEqual(['FIELD_UNKNOWN items.CONTRIBUTOR_REDUCTION.reductionReason']);
  });
});

describe('职工退休 (附件1 七(五)2): the automatic 劳动用工备案 asks no termination date', () => {
  it('the form leaves it out; 解除终止 (二(三)) requires it', async () => {
    expect(await formFields('national-retirement', ['RETIREMENT_APPLICATION'])).toMatchObject({ LABOR_FILING_TERMINATION: [] });
    expect(await formFields('national-employer-termination', ['CONTRIBUTOR_REDUCTION'])).toMatchObject({ LABOR_FILING_TERMINATION: ['terminationDate!'] });
  });

  it('submits without it: the filing ends the contract on the statutory retirement date', async () => {
    // A man born 1964-03-10 reached 60 on 2024-03-10 (before the 2025 reform); his employment was never closed.
    const retiree = newcomer('褚退', '1964-03-10', 'MALE');
    await stack.databases
      .get('employment')!
      .query(
        `INSERT INTO employment.employment_registration (registration_number, person_key, employer_credit_code, started_on) VALUES ($1, $2, $3, '2010-01-01')`,
        [`JYTEST${randomUUID().slice(0, 8)}`, keyOf(retiree), SOFTWARE],
      );
    const input = wholeApplication(catalog, { bundleCode: 'national-retirement', person: retiree, shared: { retireeIdentity: 'WORKER' } });
    const chosen = only(input, ['CARD_APPLICATION', 'LABOR_FILING_TERMINATION']);
    const items = await submit(chosen);
    expect(items.get('LABOR_FILING_TERMINATION')).toMatchObject({
      status: 'ACCEPTED',
      record: { __typename: 'LaborFiling', filingKind: 'TERMINATION', terminationDate: '2024-03-10', terminationDateDerived: true },
    });
    const given = {
      ...chosen,
      idempotencyKey: randomUUID(),
      items: [...chosen.items, { code: 'LABOR_FILING_TERMINATION', fields: { terminationDate: today } }],
    };
    expect(await refusal(given)).toEqual(['FIELD_UNKNOWN items.LABOR_FILING_TERMINATION.terminationDate']);
  });
});
