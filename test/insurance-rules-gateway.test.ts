import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { loadCatalog } from '../src/catalog/index.js';
import { DEMO_EMPLOYERS, DEMO_PEOPLE, type DemoPerson } from '../src/demo/demo-data.js';
import { personKey } from '../src/identity/person-key.js';
import { todayInChina } from '../src/policy/calendar.js';
import { addCalendarDays } from '../src/policy/working-days.js';
import { SUBMIT, handlerOf, unemploymentApplication, type Submitted, type SubmittedItem } from './support/forms.js';
import { newcomerIdNumber } from './support/items.js';
import { useStack } from './support/use-stack.js';

// The rules a real office applies, through the gateway: each accepted, and rejected with its stable
// code and the field at fault, as submitBundle reports them per item.
const stack = useStack();

const catalog = loadCatalog();
const ALL_MATERIALS = [...catalog.materials.keys()];
const today = todayInChina();
const thisMonthFirst = `${today.slice(0, 7)}-01`;

function newcomer(birthDate: string, gender: 'MALE' | 'FEMALE' = 'MALE'): DemoPerson {
  return {
    idType: 'RESIDENT_ID_CARD',
    // Issued in 南京市玄武区 (320102), whose agency handles a newcomer with no record yet.
    idNumber: newcomerIdNumber(birthDate, gender, '320102'),
    name: '测试人员',
    gender,
    birthDate,
    phone: '13900000000',
    householdAddress: '江苏省南京市玄武区示例路1号',
    residenceAddress: '江苏省南京市玄武区示例路1号',
    ethnicity: '汉族',
  };
}
const keyOf = (who: DemoPerson) => personKey(stack.config.personKeySecret, who.idType, who.idNumber);
const insurance = () => stack.databases.get('insurance')!;

async function givenScheme(who: DemoPerson, scheme: string, status: string, months: number) {
  await insurance().query(
    `INSERT INTO insurance.insured_scheme (person_key, scheme, status, since, contribution_months, employer_credit_code, region_code)
     VALUES ($1, $2, $3, '2000-01-01', $4, $5, '320102')`,
    [keyOf(who), scheme, status, months, DEMO_EMPLOYERS.software.creditCode],
  );
}

async function submit(input: Record<string, unknown>): Promise<Submitted> {
  const { data, errors } = await stack.graphql<{ submitBundle: Submitted }>(SUBMIT, { input });
  expect(errors).toBeUndefined();
  return data!.submitBundle;
}
const itemOf = (submission: Submitted, code: string): SubmittedItem => submission.items.find((i) => i.itemCode === code)!;
const rejection = (submission: Submitted, code: string) => ({ status: itemOf(submission, code).status, rejection: itemOf(submission, code).rejection });
const rejectedWith = (code: string, field: string | null) => ({ status: 'REJECTED', rejection: { code, message: expect.any(String), field } });

/** 职工退休“一件事” (national) for `who`, with 视同 + 实际 months and the chosen items. */
function retirementApplication(
  who: DemoPerson,
  months: { deemed: number; actual: number },
  items: ReadonlyArray<{ code: string; fields?: Record<string, unknown> }>,
) {
  return {
    idempotencyKey: randomUUID(),
    bundleCode: 'national-retirement',
    channel: 'COUNTER',
    sharedFields: {
      name: who.name,
      gender: who.gender,
      retireeIdentity: 'WORKER',
      birthDate: who.birthDate,
      idType: who.idType,
      idNumber: who.idNumber,
      phone: who.phone,
      pensionFormDelivery: 'PICKUP',
      residenceAddress: who.residenceAddress,
      deemedContributionMonths: months.deemed,
      actualContributionMonths: months.actual,
    },
    items: items.map((i) => ({ code: i.code, fields: i.fields ?? {} })),
    materials: ALL_MATERIALS,
    commitments: [],
  };
}

describe('退休: statutory age under the gradual reform, minimum contributions (视同 + 实际)', () => {
  it('a man born in 1964 (60, before the reform) with 190 months retires; one born in 1975 (62 years 7 months) is refused on birthDate', async () => {
    const old = newcomer('1964-03-15');
    await givenScheme(old, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 190);
    const accepted = await submit(retirementApplication(old, { deemed: 60, actual: 130 }, [{ code: 'RETIREMENT_APPLICATION' }]));
    expect(itemOf(accepted, 'RETIREMENT_APPLICATION')).toMatchObject({ status: 'ACCEPTED', rejection: null, record: { __typename: 'RetirementApplication' } });

    const young = newcomer('1975-03-15');
    await givenScheme(young, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 300);
    const refused = await submit(retirementApplication(young, { deemed: 0, actual: 300 }, [{ code: 'RETIREMENT_APPLICATION' }]));
    expect(rejection(refused, 'RETIREMENT_APPLICATION')).toEqual(rejectedWith('RETIREMENT_AGE_NOT_REACHED', 'birthDate'));
  });

  it('160 months of 视同 + 实际 are short of the minimum (180 until 2029): refused on actualContributionMonths', async () => {
    const who = newcomer('1963-08-20');
    await givenScheme(who, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 100);
    const refused = await submit(retirementApplication(who, { deemed: 60, actual: 100 }, [{ code: 'RETIREMENT_APPLICATION' }]));
    expect(rejection(refused, 'RETIREMENT_APPLICATION')).toEqual(rejectedWith('INSUFFICIENT_CONTRIBUTION_YEARS', 'actualContributionMonths'));
  });
});

describe('提前退休: the category’s conditions; special work needs its years; 劳动能力鉴定 is preselected with any category', () => {
  const specialWork = (years: number) => ({
    code: 'RETIREMENT_EARLY',
    fields: {
      earlyRetirementCategory: 'SPECIAL_WORK',
      specialWorkName: '井下采掘',
      specialWorkNature: 'UNDERGROUND_OR_HIGH_TEMPERATURE',
      specialWorkYears: years,
      specialWorkEmployer: '徐州示例矿业有限公司',
    },
  });

  it('8 years underground (9 needed) are refused on specialWorkYears; 10 years are accepted, with the appraisal added and due in 60 calendar days', async () => {
    const short = newcomer('1969-05-10');
    await givenScheme(short, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 400);
    const refused = await submit(retirementApplication(short, { deemed: 0, actual: 400 }, [specialWork(8)]));
    expect(rejection(refused, 'RETIREMENT_EARLY')).toEqual(rejectedWith('SPECIAL_WORK_YEARS_INSUFFICIENT', 'specialWorkYears'));

    const enough = newcomer('1969-05-10');
    await givenScheme(enough, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 400);
    const accepted = await submit(retirementApplication(enough, { deemed: 0, actual: 400 }, [specialWork(10)]));
    expect(itemOf(accepted, 'RETIREMENT_EARLY')).toMatchObject({ status: 'ACCEPTED', rejection: null });
    // 附件1 七(四)2: 劳动能力鉴定申请 默认勾选 with 提前退休 of any category, not only illness.
    const appraisal = itemOf(accepted, 'WORK_ABILITY_APPRAISAL');
    expect(appraisal).toMatchObject({ selection: 'PRESELECTED', status: 'ACCEPTED', addedReason: expect.stringContaining('任一类别') });
    // 工伤保险条例 第25条 counts 60 日: a calendar-day limit gives a due date too.
    expect(appraisal.dueDate).toBe(addCalendarDays(today, 60));
  });

  it('special-work early retirement is from 55 for a man: at 50 he is refused on birthDate', async () => {
    const who = newcomer('1976-02-02');
    await givenScheme(who, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 300);
    const refused = await submit(retirementApplication(who, { deemed: 0, actual: 300 }, [specialWork(12)]));
    expect(rejection(refused, 'RETIREMENT_EARLY')).toEqual(rejectedWith('EARLY_RETIREMENT_AGE_NOT_REACHED', 'birthDate'));
  });
});

describe('转入: from the named agency it leaves, never the receiving agency', () => {
  it('naming the 转入地 itself is refused on transferOutAgencyName; another agency is accepted and kept', async () => {
    const [{ name: here }] = (await insurance().query<{ name: string }>(`SELECT name FROM insurance.handling_agency WHERE region_code = '320102'`)) as [
      { name: string },
    ];
    const who = newcomer('1964-09-09');
    await givenScheme(who, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 200);
    const transfer = (agency: string) => [{ code: 'PENSION_TRANSFER_IN_ENTERPRISE', fields: { transferOutAgencyName: agency } }];
    const refused = await submit(retirementApplication(who, { deemed: 0, actual: 200 }, transfer(here)));
    expect(rejection(refused, 'PENSION_TRANSFER_IN_ENTERPRISE')).toEqual(rejectedWith('SAME_AGENCY', 'transferOutAgencyName'));

    const accepted = await submit(retirementApplication(who, { deemed: 0, actual: 200 }, transfer('上海市徐汇区社会保险事业管理中心')));
    expect(itemOf(accepted, 'PENSION_TRANSFER_IN_ENTERPRISE')).toMatchObject({ status: 'ACCEPTED', record: { __typename: 'InsuranceTransferIn' } });
    const rows = await insurance().query<{ transfer_out_agency_name: string }>(
      'SELECT transfer_out_agency_name FROM insurance.transfer_in WHERE person_key = $1',
      [keyOf(who)],
    );
    expect(rows).toEqual([{ transfer_out_agency_name: '上海市徐汇区社会保险事业管理中心' }]);
  });
});

describe('失业保险金: duration by contribution years (失业保险条例 第17条)', () => {
  it.each([
    [30, 12],
    [70, 18],
    [130, 24],
  ])('%i months of contributions give %i months of benefit', async (months, entitled) => {
    const who = newcomer('1985-04-04');
    await givenScheme(who, 'UNEMPLOYMENT', 'TERMINATED', months);
    const submission = await submit(unemploymentApplication(who, ['UNEMPLOYMENT_BENEFIT'], { materials: ALL_MATERIALS }));
    expect(itemOf(submission, 'UNEMPLOYMENT_BENEFIT')).toMatchObject({ status: 'ACCEPTED', rejection: null });
    const rows = await insurance().query<{ entitled_months: number }>(
      'SELECT entitled_months FROM insurance.unemployment_benefit_claim WHERE person_key = $1',
      [keyOf(who)],
    );
    expect(rows).toEqual([{ entitled_months: entitled }]);
  });

  it('8 months of contributions (under a year) are refused', async () => {
    const who = newcomer('1985-04-04');
    await givenScheme(who, 'UNEMPLOYMENT', 'TERMINATED', 8);
    const submission = await submit(unemploymentApplication(who, ['UNEMPLOYMENT_BENEFIT'], { materials: ALL_MATERIALS }));
    expect(rejection(submission, 'UNEMPLOYMENT_BENEFIT')).toEqual(rejectedWith('INSUFFICIENT_CONTRIBUTIONS', null));
  });
});

describe('灵活就业 enterprise pension and 城乡居民养老 exclude each other (人社部发〔2014〕17号)', () => {
  it('both chosen in one 失业“一件事”: one is accepted, the other refused', async () => {
    const who = newcomer('1988-06-06');
    const flexible = { insuranceTypes: ['ENTERPRISE_PENSION'], startDate: thisMonthFirst, contributionGrade: 60 };
    const input = unemploymentApplication(who, ['FLEXIBLE_EMPLOYMENT_INSURANCE', 'RESIDENT_PENSION_ENROLLMENT'], { materials: ALL_MATERIALS });
    const submission = await submit({
      ...input,
      items: input.items.map((i) => (i.code === 'FLEXIBLE_EMPLOYMENT_INSURANCE' ? { ...i, fields: flexible } : i)),
    });
    const outcomes = ['FLEXIBLE_EMPLOYMENT_INSURANCE', 'RESIDENT_PENSION_ENROLLMENT'].map((code) => [
      itemOf(submission, code).status,
      itemOf(submission, code).rejection?.code ?? null,
    ]);
    expect(outcomes.map(([status]) => status).sort()).toEqual(['ACCEPTED', 'REJECTED']);
    expect(outcomes.find(([status]) => status === 'REJECTED')![1]).toMatch(/^(IN_RESIDENT_PENSION|IN_EMPLOYEE_PENSION)$/);
  });

  it('enrolled in 城乡居民养老, 灵活就业 enterprise pension is refused; without it, accepted', async () => {
    const enrolled = newcomer('1988-07-07');
    await givenScheme(enrolled, 'RESIDENT_PENSION', 'CONTRIBUTING', 24);
    const flexible = { insuranceTypes: ['ENTERPRISE_PENSION'], startDate: thisMonthFirst, contributionGrade: 60 };
    const application = (who: DemoPerson) => {
      const input = unemploymentApplication(who, ['FLEXIBLE_EMPLOYMENT_INSURANCE'], { materials: ALL_MATERIALS });
      return { ...input, items: [{ code: 'FLEXIBLE_EMPLOYMENT_INSURANCE', fields: flexible }] };
    };
    expect(rejection(await submit(application(enrolled)), 'FLEXIBLE_EMPLOYMENT_INSURANCE')).toEqual(rejectedWith('IN_RESIDENT_PENSION', 'insuranceTypes'));
    expect(itemOf(await submit(application(newcomer('1988-07-07'))), 'FLEXIBLE_EMPLOYMENT_INSURANCE')).toMatchObject({ status: 'ACCEPTED' });
  });
});

describe('企业招用员工“一件事”: the notice’s three schemes; 如涉及失业保险金停发 is a real item', () => {
  const hiring = (who: DemoPerson, insuranceTypes: string[]) => ({
    idempotencyKey: randomUUID(),
    bundleCode: 'national-employer-hiring',
    channel: 'ONLINE',
    employerCreditCode: DEMO_EMPLOYERS.software.creditCode,
    sharedFields: {
      name: who.name,
      gender: who.gender,
      idType: who.idType,
      idNumber: who.idNumber,
      idValidUntil: '2035-01-01',
      phone: who.phone,
      // The employer's handler applies (the employer is the subject of this bundle).
      ...handlerOf(DEMO_PEOPLE.chenJing),
    },
    items: [{ code: 'CONTRIBUTOR_ADDITION', fields: { insuranceTypes } }],
    materials: ALL_MATERIALS,
    commitments: [],
  });

  it('增员申报 offers 企业职工养老、工伤、失业 only: 机关事业单位养老保险 is refused before anything is stored', async () => {
    const { errors } = await stack.graphql<{ submitBundle: Submitted }>(SUBMIT, {
      input: hiring(newcomer('1995-01-01'), ['INSTITUTION_PENSION', 'WORK_INJURY']),
    });
    expect(errors![0]!.extensions!.code).toBe('BUNDLE_INVALID');
    expect(errors![0]!.extensions!.errors).toEqual([expect.objectContaining({ code: 'FIELD_INVALID', field: 'items.CONTRIBUTOR_ADDITION.insuranceTypes' })]);
  });

  it('hiring someone who draws unemployment benefit adds 失业保险金停发 and stops it; someone who does not is not touched', async () => {
    // The gateway reads the fact from the shared record of a person the offices know (a newcomer has none).
    const drawing = DEMO_PEOPLE.zhangWei;
    await insurance().query(`INSERT INTO insurance.benefit (person_key, kind, status, started_on) VALUES ($1, 'UNEMPLOYMENT_BENEFIT', 'PAYING', $2)`, [
      keyOf(drawing),
      thisMonthFirst,
    ]);
    const hired = await submit(hiring(drawing, ['ENTERPRISE_PENSION', 'WORK_INJURY', 'UNEMPLOYMENT']));
    expect(itemOf(hired, 'CONTRIBUTOR_ADDITION')).toMatchObject({ status: 'ACCEPTED' });
    expect(itemOf(hired, 'UNEMPLOYMENT_BENEFIT_STOP')).toMatchObject({
      selection: 'AUTOMATIC',
      status: 'ACCEPTED',
      addedReason: expect.stringContaining('失业保险金停发'),
      record: { __typename: 'BenefitChange' },
    });

    const other = await submit(hiring(DEMO_PEOPLE.liNa, ['ENTERPRISE_PENSION']));
    expect(other.items.map((i) => i.itemCode)).toEqual(['CONTRIBUTOR_ADDITION']);
  });
});
