import { describe, expect, it } from '@jest/globals';
import { DEMO_EMPLOYERS, type DemoPerson } from '../src/demo/demo-data.js';
import type { InsuranceItemCode } from '../subgraphs/insurance/generated/items.js';
import { applicantOf, decideItem, dispatchFor, dispatchItem } from './support/items.js';
import { useStack } from './support/use-stack.js';

/** After a death: the dispatch's applicant is the deceased, whose relationships the items settle. */
const stack = useStack();

const submit = async (code: InsuranceItemCode, person: DemoPerson, input?: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
  const dispatch = dispatchFor(stack, person, code, extra);
  const { data, errors } = await dispatchItem(stack, dispatch, input);
  expect(errors).toBeUndefined();
  return { outcome: data!.outcome, dispatch };
};
const decide = (key: string) => decideItem(stack, 'insurance', key, { outcome: 'COMPLETE', decidedBy: 'counter-051' });
const db = () => stack.databases.get('insurance')!;
const keyOf = (person: DemoPerson) => applicantOf(stack, person).personId;
const died = { sharedFields: { deathDate: '2026-11-20' } };

let serial = 900;
function person(region = '320102'): DemoPerson {
  serial += 1;
  return {
    idType: 'RESIDENT_ID_CARD',
    idNumber: `${region}19550101${serial}X`,
    name: `测试${serial}`,
    gender: 'MALE',
    birthDate: '1955-01-01',
    phone: '13900000000',
    householdAddress: '示例地址',
    residenceAddress: '示例地址',
    ethnicity: '汉族',
  };
}
async function givenScheme(who: DemoPerson, scheme: string, region = '320102') {
  await db().query(
    `INSERT INTO insurance.insured_scheme (person_key, scheme, status, since, contribution_months, employer_credit_code, region_code)
     VALUES ($1, $2, 'SUSPENDED', '2000-01-01', 200, NULL, $3)`,
    [keyOf(who), scheme, region],
  );
}
async function givenBenefit(who: DemoPerson, kind: string) {
  await db().query(`INSERT INTO insurance.benefit (person_key, kind, status, started_on) VALUES ($1, $2, 'PAYING', '2020-01-01')`, [keyOf(who), kind]);
}
const benefits = (who: DemoPerson) =>
  db().query<{ kind: string; status: string; ends_on: string | null }>(
    'SELECT kind, status, ends_on FROM insurance.benefit WHERE person_key = $1 ORDER BY benefit_id',
    [keyOf(who)],
  );
const heir = { heirName: '王小明', heirRelationship: 'CHILD' };

describe('养老保险遗属待遇 and 个人账户 (SURVIVOR_BENEFITS, PERSONAL_ACCOUNT_LUMP_SUM, BENEFIT_ACCOUNT_CHANGE)', () => {
  it("a pensioner's survivors: accepted; completed, the pension stops at death and the relationship ends", async () => {
    const pensioner = person();
    await givenScheme(pensioner, 'ENTERPRISE_PENSION');
    await givenBenefit(pensioner, 'PENSION');
    const survivors = await submit('SURVIVOR_BENEFITS', pensioner, heir, died);
    expect(survivors.outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'DeathClaim' });
    expect(survivors.outcome.reference).toMatch(/^SW\d{14}$/);
    expect((await submit('SURVIVOR_BENEFITS', pensioner, heir, died)).outcome.rejection).toMatchObject({ code: 'APPLICATION_IN_PROGRESS' });
    expect((await submit('BENEFIT_ACCOUNT_CHANGE', pensioner, { heirBankAccount: '6217000000000001' }, died)).outcome.status).toBe('ACCEPTED');
    expect(
      (await submit('PERSONAL_ACCOUNT_LUMP_SUM', pensioner, { heirIdType: pensioner.idType, heirIdNumber: pensioner.idNumber }, died)).outcome.rejection,
    ).toMatchObject({ code: 'HEIR_IS_DECEASED', field: 'heirIdNumber' });
    expect(
      (await submit('PERSONAL_ACCOUNT_LUMP_SUM', pensioner, { heirIdType: 'RESIDENT_ID_CARD', heirIdNumber: '320102198507150016' }, died)).outcome.status,
    ).toBe('ACCEPTED');
    expect((await decide(survivors.dispatch.idempotencyKey)).data!.outcome.status).toBe('COMPLETED');
    expect(await benefits(pensioner)).toEqual([{ kind: 'PENSION', status: 'ENDED', ends_on: '2026-11-20' }]);
    const { data } = await stack.graphql<{ _entities: Array<Record<string, unknown>> }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on DeathClaim { kind status deathDate payeeRelationship agency { regionCode } person { id } } } }',
      { r: [{ __typename: 'DeathClaim', id: survivors.outcome.recordId }] },
      stack.subgraphs.get('insurance')!.url,
    );
    expect(data!._entities[0]).toEqual({
      kind: 'SURVIVOR_BENEFITS',
      status: 'COMPLETED',
      deathDate: '2026-11-20',
      payeeRelationship: 'CHILD',
      agency: { regionCode: '320102' },
      person: { id: keyOf(pensioner) },
    });
  });

  it('refuses a future death date, no pension record, and an account change with no benefit paid', async () => {
    const nobody = person();
    expect((await submit('SURVIVOR_BENEFITS', nobody, heir, { sharedFields: { deathDate: '2099-01-01' } })).outcome.rejection).toMatchObject({
      code: 'DEATH_DATE_IN_FUTURE',
      field: 'deathDate',
    });
    expect((await submit('SURVIVOR_BENEFITS', nobody, heir, died)).outcome.rejection).toMatchObject({ code: 'NO_PENSION_INSURANCE' });
    expect(
      (await submit('PERSONAL_ACCOUNT_LUMP_SUM', nobody, { heirIdType: 'RESIDENT_ID_CARD', heirIdNumber: '320102198507150016' }, died)).outcome.rejection,
    ).toMatchObject({ code: 'NO_PENSION_INSURANCE' });
    expect((await submit('BENEFIT_ACCOUNT_CHANGE', nobody, {}, died)).outcome.rejection).toMatchObject({ code: 'NO_BENEFIT_PAID' });
  });
});

describe('城乡居民 (RESIDENT_PENSION_CANCELLATION, RESIDENT_PENSION_ACCOUNT_LUMP_SUM, RESIDENT_FUNERAL_GRANT)', () => {
  it('cancels on death, pays the account to the heir and the funeral grant of a resident pensioner', async () => {
    const resident = person('360302');
    await givenScheme(resident, 'RESIDENT_PENSION', '360302');
    await givenBenefit(resident, 'RESIDENT_PENSION');
    const cancel = await submit('RESIDENT_PENSION_CANCELLATION', resident, { cancellationReason: 'DEATH' }, died);
    expect(cancel.outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'DeathClaim' });
    expect((await submit('RESIDENT_PENSION_ACCOUNT_LUMP_SUM', resident, { ...heir, heirBankAccount: '6217000000000002' }, died)).outcome.status).toBe(
      'ACCEPTED',
    );
    expect((await submit('RESIDENT_FUNERAL_GRANT', resident, { payeeName: '王小明', payeeBankAccount: '6217000000000002' }, died)).outcome.status).toBe(
      'ACCEPTED',
    );
    expect((await decide(cancel.dispatch.idempotencyKey)).data!.outcome.status).toBe('COMPLETED');
    expect(await benefits(resident)).toEqual([{ kind: 'RESIDENT_PENSION', status: 'ENDED', ends_on: '2026-11-20' }]);
    expect(await db().query('SELECT status FROM insurance.insured_scheme WHERE person_key = $1', [keyOf(resident)])).toEqual([{ status: 'TERMINATED' }]);
  });

  it('refuses without a resident record, another pension that is not there, and a funeral grant for a non-pensioner', async () => {
    const nobody = person('360302');
    expect((await submit('RESIDENT_PENSION_CANCELLATION', nobody, { cancellationReason: 'DEATH' }, died)).outcome.rejection).toMatchObject({
      code: 'NO_RESIDENT_PENSION',
    });
    expect((await submit('RESIDENT_PENSION_ACCOUNT_LUMP_SUM', nobody, { ...heir, heirBankAccount: '6217000000000002' }, died)).outcome.rejection).toMatchObject(
      { code: 'NO_RESIDENT_PENSION' },
    );
    await givenScheme(nobody, 'RESIDENT_PENSION', '360302');
    expect((await submit('RESIDENT_PENSION_CANCELLATION', nobody, { cancellationReason: 'OTHER_PENSION' })).outcome.rejection).toMatchObject({
      code: 'NO_OTHER_PENSION',
      field: 'cancellationReason',
    });
    expect(
      (await submit('RESIDENT_FUNERAL_GRANT', nobody, { payeeName: '王小明', payeeBankAccount: '6217000000000002' }, died)).outcome.rejection,
    ).toMatchObject({ code: 'NOT_A_RESIDENT_PENSIONER' });
  });
});

describe('UNEMPLOYMENT_DEATH_BENEFITS, WORK_DEATH_GRANTS, DEPENDANT_PENSION', () => {
  it('unemployment death benefits only for who died drawing the benefit; completed, it stops', async () => {
    const jobless = person();
    const payee = { payeeName: '李小红', payeeRelationship: 'SPOUSE', payeeBankAccount: '6217000000000003' };
    await givenScheme(jobless, 'UNEMPLOYMENT');
    expect((await submit('UNEMPLOYMENT_DEATH_BENEFITS', jobless, payee, died)).outcome.rejection).toMatchObject({ code: 'NOT_DRAWING_UNEMPLOYMENT_BENEFIT' });
    await givenBenefit(jobless, 'UNEMPLOYMENT_BENEFIT');
    const claim = await submit('UNEMPLOYMENT_DEATH_BENEFITS', jobless, payee, died);
    expect(claim.outcome.status).toBe('ACCEPTED');
    expect((await decide(claim.dispatch.idempotencyKey)).data!.outcome.status).toBe('COMPLETED');
    expect(await benefits(jobless)).toEqual([{ kind: 'UNEMPLOYMENT_BENEFIT', status: 'ENDED', ends_on: '2026-11-20' }]);
  });

  it("work-death grants and the dependants' pension need a recognised work injury", async () => {
    const worker = person();
    expect((await submit('WORK_DEATH_GRANTS', worker, { diedDuringPaidLeave: true })).outcome.rejection).toMatchObject({
      code: 'INJURY_NOT_RECOGNISED',
    });
    expect((await submit('DEPENDANT_PENSION', worker, {})).outcome.rejection).toMatchObject({ code: 'INJURY_NOT_RECOGNISED' });
    await db().query(
      `INSERT INTO insurance.insured_scheme (person_key, scheme, status, since, contribution_months, employer_credit_code, region_code)
       VALUES ($1, 'WORK_INJURY', 'CONTRIBUTING', '2015-01-01', 100, $2, '320102')`,
      [keyOf(worker), DEMO_EMPLOYERS.software.creditCode],
    );
    const recognition = await submit('WORK_INJURY_RECOGNITION', worker);
    expect((await decide(recognition.dispatch.idempotencyKey)).data!.outcome.status).toBe('COMPLETED');
    const grants = await submit('WORK_DEATH_GRANTS', worker, { diedAfterPaidLeaveGrade1To4: true, declaredDeadByCourt: false });
    expect(grants.outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'DeathClaim' });
    expect(await db().query(`SELECT details FROM insurance.death_claim WHERE claim_number = $1`, [grants.outcome.recordId])).toEqual([
      { details: { deathCircumstances: ['DIED_AFTER_LEAVE_GRADE_1_TO_4'], oneTimeDeathGrant: false } },
    ]);
    expect((await submit('DEPENDANT_PENSION', worker, {})).outcome.status).toBe('ACCEPTED');
  });
});
