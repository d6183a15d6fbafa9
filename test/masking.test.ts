import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { DEMO_PEOPLE, DEMO_EMPLOYERS } from '../src/demo/demo-data.js';
import { OperationWalk } from '../gateway/audit/operation-walk.js';
import { MASKS, NOT_PERSONAL, PERSONAL_FIELDS, keepEnds } from '../gateway/audit/personal-fields.js';
import { schemaPath } from '../src/paths.js';
import { useStack } from './support/use-stack.js';
import { tokenFor } from './support/tokens.js';

describe('the masking patterns', () => {
  it.each([
    ['ID_NUMBER', '110105200106010039', '110105********0039'],
    ['PHONE', '13800000001', '138****0001'],
    ['BANK_ACCOUNT', '6217000000000000001', '6217***********0001'],
    ['BANK_ACCOUNT', '6217000000000001', '6217********0001'],
    ['CARD_NUMBER', 'D320102001', 'D******001'],
    ['ADDRESS', '江苏省南京市玄武区示例路1号', '江苏省南京市****'],
    ['NAME', '张伟', '张*'],
    ['NAME', '欧阳娜娜', '欧阳**'],
    ['NAME', '欧阳娜', '欧阳*'],
    ['NAME', '诸葛', '诸*'],
  ] as const)('%s: %s → %s', (kind, value, masked) => {
    expect(MASKS[kind].mask(value)).toBe(masked);
    // Masking a masked value changes nothing.
    expect(MASKS[kind].mask(masked)).toBe(masked);
  });

  it('never shows a short value whole: at least 4 characters are starred', () => {
    // A passport number: the head goes first.
    expect(keepEnds('G1234567', 6, 4)).toBe('****4567');
    expect(keepEnds('1234', 3, 4)).toBe('****');
    expect(MASKS.ADDRESS.mask('北京市朝阳区')).toBe('北京****');
    expect(MASKS.ADDRESS.mask('北京')).toBe('****');
  });
});

describe('the table of personal fields', () => {
  const coordinates = new Set<string>();
  for (const d of parse(readFileSync(schemaPath('supergraph.graphql'), 'utf8')).definitions) {
    if (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION)
      for (const f of d.fields ?? []) coordinates.add(`${d.name.value}.${f.name.value}`);
  }

  it('names only fields the supergraph has', () => {
    expect(Object.keys(PERSONAL_FIELDS).filter((c) => !coordinates.has(c))).toEqual([]);
  });

  it('covers every field whose name looks like an ID number, a phone, an address, an account, a card number or a name', () => {
    const looksPersonal = [...coordinates].filter((c) => /idNumber|phone|address|account|cardNumber|^name$|Name$|recipient|holder/i.test(c.split('.')[1]!));
    expect(looksPersonal.filter((c) => !PERSONAL_FIELDS[c] && !NOT_PERSONAL.has(c))).toEqual([]);
  });
});

const zhang = DEMO_PEOPLE.zhangWei;
const vars = { idType: zhang.idType, idNumber: zhang.idNumber };
const PERSON = `query Own($idType: IdDocumentType!, $idNumber: String!) {
  person(idType: $idType, idNumber: $idNumber) {
    id name gender idNumber phone householdAddress residenceAddress
    socialSecurityCard { cardNumber bankAccount { bankName accountNumber } }
    employmentRegistrations { employer { name } }
  }
}`;
interface PersonResult {
  person: {
    name: string;
    gender: string;
    idNumber: string;
    phone: string;
    householdAddress: string;
    residenceAddress: string;
    socialSecurityCard: { cardNumber: string; bankAccount: { bankName: string; accountNumber: string } };
    employmentRegistrations: { employer: { name: string } }[];
  };
}

describe('masking through the gateway', () => {
  const stack = useStack();
  let citizen: string;
  let full: PersonResult['person'];
  beforeAll(async () => {
    citizen = await tokenFor(stack, 'citizen', { id_number: zhang.idNumber });
    const asClerk = await stack.graphql<PersonResult>(PERSON, vars);
    expect(asClerk.errors).toBeUndefined();
    full = asClerk.data!.person;
  });

  it('shows counter staff (clerk) every value in full', () => {
    expect(full).toMatchObject({
      name: zhang.name,
      idNumber: zhang.idNumber,
      phone: zhang.phone,
      householdAddress: zhang.householdAddress,
      residenceAddress: zhang.residenceAddress,
    });
    expect(full.socialSecurityCard.bankAccount.accountNumber).toMatch(/^6217\d{15}$/);
  });

  it('shows a citizen reading their own record every value whole but the bank account, masked even to its owner', async () => {
    const { data, errors } = await stack.graphql<PersonResult>(PERSON, vars, undefined, { token: citizen });
    expect(errors).toBeUndefined();
    expect(data!.person).toEqual({
      ...full,
      id: expect.any(String),
      socialSecurityCard: {
        cardNumber: full.socialSecurityCard.cardNumber,
        bankAccount: {
          bankName: full.socialSecurityCard.bankAccount.bankName,
          accountNumber: MASKS.BANK_ACCOUNT.mask(full.socialSecurityCard.bankAccount.accountNumber),
        },
      },
      // Employer.name is not personal data: masking goes by field coordinate, not by key name.
      employmentRegistrations: [{ employer: { name: DEMO_EMPLOYERS.software.name } }],
    });
    expect(data!.person.socialSecurityCard.bankAccount.accountNumber).toMatch(/^6217\*{11}\d{4}$/);
  });

  it('masks what a proxy reads of the person who delegated to them', async () => {
    const wang = DEMO_PEOPLE.wangFang;
    const principal = await tokenFor(stack, 'citizen', { sub: 'citizen-wang-masking', id_number: wang.idNumber });
    const registered = await stack.graphql<{ registerDelegation: { id: string } }>(
      `mutation ($input: DelegationInput!) { registerDelegation(input: $input) { id } }`,
      {
        input: {
          principalIdType: 'RESIDENT_ID_CARD',
          principalIdNumber: wang.idNumber,
          proxySubject: 'proxy-masking-1',
          proxyName: '帮办员一号',
          items: ['JOB_INTRODUCTION'],
          validFrom: '2026-01-01',
          validUntil: '2030-12-31',
          documentRef: 'WT-2026-0101',
        },
      },
      undefined,
      { token: principal },
    );
    expect(registered.errors).toBeUndefined();
    const proxy = await tokenFor(stack, 'proxy', { sub: 'proxy-masking-1', id_number: zhang.idNumber });
    const read = await stack.graphql<{ person: { name: string; idNumber: string; phone: string } }>(
      `query ($idType: IdDocumentType!, $idNumber: String!) { person(idType: $idType, idNumber: $idNumber) { name idNumber phone } }`,
      { idType: 'RESIDENT_ID_CARD', idNumber: wang.idNumber },
      undefined,
      { token: proxy },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.person).toEqual({ name: MASKS.NAME.mask(wang.name), idNumber: MASKS.ID_NUMBER.mask(wang.idNumber), phone: MASKS.PHONE.mask(wang.phone) });
    // The proxy is 张伟 himself, yet reading as a proxy is reading someone else's record.
    expect(read.data!.person.name).not.toBe(wang.name);
  });

  it('masks through aliases, named fragments and inline fragments, and leaves an alias named like a personal field alone', async () => {
    const query = `query Aliased($idType: IdDocumentType!, $idNumber: String!) {
      me: person(idType: $idType, idNumber: $idNumber) {
        who: name
        name: gender
        ...Contact
        ... on Person { card: socialSecurityCard { ... on SocialSecurityCard { acct: bankAccount { n: accountNumber } } } }
      }
    }
    fragment Contact on Person { mobile: phone idNumber ... on Person { home: householdAddress } }`;
    const { data, errors } = await stack.graphql<{ me: Record<string, any> }>(query, vars, undefined, { token: citizen });
    expect(errors).toBeUndefined();
    expect(data!.me).toEqual({
      who: zhang.name,
      name: 'MALE',
      mobile: zhang.phone,
      idNumber: zhang.idNumber,
      home: zhang.householdAddress,
      card: { acct: { n: MASKS.BANK_ACCOUNT.mask(full.socialSecurityCard.bankAccount.accountNumber) } },
    });
  });
});

describe('the operation walk behind masking', () => {
  const schema = buildSchema(`
    type Query { records: [ItemRecord!]! person: Person }
    union ItemRecord = CardApplication | Other
    type CardApplication { id: ID! deliveryAddress: String }
    type Other { id: ID! deliveryAddress: String }
    type Person { id: ID! name: String! phone: String }
  `);
  const walk = (query: string) => {
    const document = parse(query);
    return new OperationWalk(
      schema,
      document,
      document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!,
    );
  };
  const mask = (query: string, data: Record<string, unknown>) => {
    walk(query).mapLeaves(data, (coordinates, value) => {
      const personal = [...coordinates].find((c) => PERSONAL_FIELDS[c]);
      return personal && typeof value === 'string' ? `masked(${personal})` : value;
    });
    return data;
  };

  it('masks a field of a union member known by its __typename, and not the same key on another member', () => {
    const query = '{ records { __typename ... on CardApplication { a: deliveryAddress } ... on Other { a: deliveryAddress } } }';
    expect(
      mask(query, {
        records: [
          { __typename: 'CardApplication', a: 'x' },
          { __typename: 'Other', a: 'y' },
        ],
      }),
    ).toEqual({
      records: [
        { __typename: 'CardApplication', a: 'masked(CardApplication.deliveryAddress)' },
        { __typename: 'Other', a: 'y' },
      ],
    });
  });

  it('masks conservatively when the concrete type is unknown (no __typename selected)', () => {
    const query = '{ records { ... on CardApplication { a: deliveryAddress } ... on Other { a: deliveryAddress } } }';
    expect(mask(query, { records: [{ a: 'x' }, { a: 'y' }] })).toEqual({
      records: [{ a: 'masked(CardApplication.deliveryAddress)' }, { a: 'masked(CardApplication.deliveryAddress)' }],
    });
  });

  it('lists the coordinates an operation selects, through fragments, for the audit trail', () => {
    const query = '{ person { ...P } records { ... on CardApplication { deliveryAddress } } } fragment P on Person { n: name phone __typename }';
    expect(walk(query).selectedCoordinates()).toEqual(['CardApplication.deliveryAddress', 'Person.name', 'Person.phone', 'Query.person', 'Query.records']);
  });
});
