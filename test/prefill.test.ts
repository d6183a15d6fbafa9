import { beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { personKey } from '../src/identity/person-key.js';
import { MASKS } from '../gateway/audit/personal-fields.js';
import { useStack } from './support/use-stack.js';
import { tokenFor } from './support/tokens.js';

/** `prefill`: what the records hold for a bundle's form, under the `person` rule, audited and masked. */

const zhang = DEMO_PEOPLE.zhangWei;
const wang = DEMO_PEOPLE.wangFang;

const PREFILL = `query Prefill($bundleCode: String!, $scenario: String, $idType: IdDocumentType!, $idNumber: String!) {
  prefill(bundleCode: $bundleCode, scenario: $scenario, idType: $idType, idNumber: $idNumber) {
    bundleCode scenario
    sharedFields { __typename field value }
    items { code fields { __typename field value } }
    materialsOnFile
  }
}`;

interface Value {
  __typename: string;
  field: string;
  value: string;
}
interface Prefill {
  bundleCode: string;
  scenario: string | null;
  sharedFields: Value[];
  items: { code: string; fields: Value[] }[];
  materialsOnFile: string[];
}

const byField = (values: readonly Value[]) => Object.fromEntries(values.map((v) => [v.field, v.value]));

describe('prefill through the gateway', () => {
  const stack = useStack();
  const prefill = (token: string | null | undefined, person: { idType: string; idNumber: string }, bundleCode = 'national-unemployment', requestId?: string) =>
    stack.graphql<{ prefill: Prefill }>(PREFILL, { bundleCode, idType: person.idType, idNumber: person.idNumber }, undefined, {
      ...(token !== undefined ? { token } : {}),
      ...(requestId ? { headers: { 'x-request-id': requestId } } : {}),
    });
  let asClerk: Prefill;

  beforeAll(async () => {
    const { data, errors } = await prefill(undefined, zhang, 'national-unemployment', 'prefill-clerk-1');
    expect(errors).toBeUndefined();
    asClerk = data!.prefill;
  });

  it('gives counter staff the values the records hold, by the form’s field names, in full', async () => {
    const record = await stack.graphql<{ person: { socialSecurityCard: { bankAccount: { accountNumber: string } } } }>(
      'query ($idType: IdDocumentType!, $idNumber: String!) { person(idType: $idType, idNumber: $idNumber) { socialSecurityCard { bankAccount { accountNumber } } } }',
      { idType: zhang.idType, idNumber: zhang.idNumber },
    );
    const account = record.data!.person.socialSecurityCard.bankAccount.accountNumber;
    expect(asClerk.bundleCode).toBe('national-unemployment');
    expect(asClerk.scenario).toBeNull();
    // The form asks name, gender and phone (not birthDate): only those; the number asked is not echoed.
    expect(asClerk.sharedFields).toEqual([
      { __typename: 'PrefilledName', field: 'name', value: zhang.name },
      { __typename: 'PrefilledText', field: 'gender', value: 'MALE' },
      { __typename: 'PrefilledPhone', field: 'phone', value: zhang.phone },
    ]);
    // 默认为社保卡银行账户: the benefit's account is the card's, as submitBundle fills it.
    const benefit = asClerk.items.find((i) => i.code === 'UNEMPLOYMENT_BENEFIT');
    expect(benefit?.fields).toContainEqual({ __typename: 'PrefilledBankAccount', field: 'bankAccount', value: account });
    expect(account).toMatch(/^6217\d{15}$/);
    // Every item listed has something; every value a string.
    for (const item of asClerk.items) expect(item.fields.length).toBeGreaterThan(0);
  });

  it('records the read in the audit trail as a person read, without the values', async () => {
    const rows = await stack.databases
      .get('gateway')!
      .query<{ person_key: string; operation_name: string; outcome: string; fields: string[] }>('SELECT * FROM gateway.audit_event WHERE request_id = $1', [
        'prefill-clerk-1',
      ]);
    expect(rows).toEqual([
      expect.objectContaining({
        person_key: personKey(stack.config.personKeySecret, zhang.idType, zhang.idNumber),
        operation_name: 'Prefill',
        outcome: 'ok',
      }),
    ]);
    expect(rows[0]!.fields).toEqual(expect.arrayContaining(['Query.prefill', 'PrefilledName.value', 'PrefilledBankAccount.value']));
    expect(JSON.stringify(rows)).not.toContain(zhang.phone);
    expect(JSON.stringify(rows)).not.toContain(zhang.idNumber);
  });

  it('gives the citizen their own values whole, but the bank account masked as on their own record', async () => {
    const citizen = await tokenFor(stack, 'citizen', { id_number: zhang.idNumber });
    const { data, errors } = await prefill(citizen, zhang);
    expect(errors).toBeUndefined();
    expect(data!.prefill.sharedFields).toEqual(asClerk.sharedFields);
    const masked = asClerk.items.map((item) => ({
      ...item,
      fields: item.fields.map((f) => (f.__typename === 'PrefilledBankAccount' ? { ...f, value: MASKS.BANK_ACCOUNT.mask(f.value) } : f)),
    }));
    expect(data!.prefill.items).toEqual(masked);
    expect(data!.prefill.materialsOnFile).toEqual(asClerk.materialsOnFile);
  });

  it('refuses another citizen with FORBIDDEN on idNumber, reading nothing', async () => {
    const other = await tokenFor(stack, 'citizen', { sub: 'citizen-wang-prefill', id_number: wang.idNumber });
    const { data, errors } = await prefill(other, zhang);
    expect(data).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', field: 'idNumber' }) })]);
  });

  it('shows a proxy the values of the person who delegated to them masked', async () => {
    const principal = await tokenFor(stack, 'citizen', { sub: 'citizen-wang-prefill', id_number: wang.idNumber });
    const registered = await stack.graphql<{ registerDelegation: { id: string } }>(
      'mutation ($input: DelegationInput!) { registerDelegation(input: $input) { id } }',
      {
        input: {
          principalIdType: 'RESIDENT_ID_CARD',
          principalIdNumber: wang.idNumber,
          proxySubject: 'proxy-prefill-1',
          proxyName: '帮办员',
          items: ['JOB_INTRODUCTION'],
          validFrom: '2026-01-01',
          validUntil: '2030-12-31',
          documentRef: 'WT-PREFILL-1',
        },
      },
      undefined,
      { token: principal },
    );
    expect(registered.errors).toBeUndefined();
    const [full, asProxy] = [
      await prefill(undefined, wang),
      await prefill(await tokenFor(stack, 'proxy', { sub: 'proxy-prefill-1', id_number: zhang.idNumber }), wang),
    ];
    expect(asProxy.errors).toBeUndefined();
    const shared = byField(full.data!.prefill.sharedFields);
    expect(shared.name).toBe(wang.name);
    expect(byField(asProxy.data!.prefill.sharedFields)).toEqual({
      ...shared,
      name: MASKS.NAME.mask(wang.name),
      phone: MASKS.PHONE.mask(wang.phone),
    });
    expect(byField(asProxy.data!.prefill.sharedFields).name).not.toBe(wang.name);
  });

  it('masks every value as the most revealing kind it could be when __typename is not selected', async () => {
    const proxy = await tokenFor(stack, 'proxy', { sub: 'proxy-prefill-1', id_number: zhang.idNumber });
    const bare = PREFILL.replaceAll('__typename ', '');
    const variables = { bundleCode: 'national-unemployment', idType: wang.idType, idNumber: wang.idNumber };
    const full = await stack.graphql<{ prefill: Prefill }>(bare, variables);
    const asProxy = await stack.graphql<{ prefill: Prefill }>(bare, variables, undefined, { token: proxy });
    expect(asProxy.errors).toBeUndefined();
    const shown = asProxy.data!.prefill.sharedFields;
    expect(shown.map((v) => v.field)).toEqual(full.data!.prefill.sharedFields.map((v) => v.field));
    shown.forEach((v, i) => expect(v.value).not.toBe(full.data!.prefill.sharedFields[i]!.value));
  });

  it('refuses an unknown bundle with BUNDLE_NOT_FOUND on bundleCode, and a missing scenario with SCENARIO_REQUIRED', async () => {
    const unknown = await prefill(undefined, zhang, 'no-such-bundle');
    expect(unknown.errors).toEqual([
      expect.objectContaining({
        message: 'unknown bundle "no-such-bundle"',
        extensions: expect.objectContaining({ code: 'BUNDLE_NOT_FOUND', field: 'bundleCode' }),
      }),
    ]);
    const scenarios = await stack.graphql<{ bundles: { code: string; scenarios: { code: string }[] }[] }>('{ bundles { code scenarios { code } } }');
    const withScenarios = scenarios.data!.bundles.find((b) => b.scenarios.length > 0)!;
    const missing = await prefill(undefined, zhang, withScenarios.code);
    expect(missing.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'SCENARIO_REQUIRED', field: 'scenario' }) })]);
  });

  it('refuses an anonymous caller', async () => {
    const { errors } = await prefill(null, zhang);
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
