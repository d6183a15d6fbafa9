import { describe, expect, it } from '@jest/globals';
import { DEMO_EMPLOYERS, DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { personKey } from '../src/identity/person-key.js';
import { redisKeys } from './support/environment.js';
import { PERSON_ACROSS_SUBGRAPHS } from './support/queries.js';
import { useStack } from './support/use-stack.js';

const stack = useStack();

const zhang = { idType: 'RESIDENT_ID_CARD', idNumber: DEMO_PEOPLE.zhangWei.idNumber };
const liNa = { idType: 'RESIDENT_ID_CARD', idNumber: DEMO_PEOPLE.liNa.idNumber };

describe('person across the five subgraphs, through the gateway', () => {
  it('returns fields from employment, insurance, card, archive and civil-service in one request', async () => {
    const { data, errors } = await stack.graphql<{ person: Record<string, any> }>(PERSON_ACROSS_SUBGRAPHS, zhang);
    expect(errors).toBeUndefined();
    const person = data!.person;
    expect(person.id).toBe(personKey(stack.config.personKeySecret, 'RESIDENT_ID_CARD', DEMO_PEOPLE.zhangWei.idNumber));
    // card
    expect(person).toMatchObject({ name: '张伟', gender: 'MALE', birthDate: '1985-07-15', idNumber: DEMO_PEOPLE.zhangWei.idNumber });
    expect(person.socialSecurityCard).toEqual({ status: 'ACTIVE', bankAccount: { bankName: '中国示例银行' } });
    // employment, with the employer's name resolved by insurance
    expect(person.employmentRegistrations).toEqual([
      { employer: { creditCode: DEMO_EMPLOYERS.software.creditCode, name: DEMO_EMPLOYERS.software.name }, startedOn: '2016-03-01', endedOn: '2025-10-31' },
    ]);
    expect(person.unemploymentStatus).toEqual({ registered: false, hardToEmploy: false });
    // insurance
    expect(person.insuredSchemes.map((s: { scheme: string }) => s.scheme).sort()).toEqual(['ENTERPRISE_PENSION', 'UNEMPLOYMENT', 'WORK_INJURY']);
    expect(person.handlingAgency).toEqual({ regionCode: '320102', name: '南京市玄武区社会保险经办机构' });
    // archive
    expect(person.personnelArchive).toEqual({ holder: '南京市玄武区人才服务中心', status: 'HELD' });
    expect(person.partyMembership).toEqual({ category: 'FULL_MEMBER', joinedOn: '2010-06-18' });
    // civil-service: none for him; Li Na has an appointment at a public institution
    expect(person.appointments).toEqual([]);
    const other = await stack.graphql<{ person: Record<string, any> }>(PERSON_ACROSS_SUBGRAPHS, liNa);
    expect(other.data!.person.appointments).toEqual([
      { post: '护士', postCategory: 'PROFESSIONAL_TECHNICAL', institution: { name: DEMO_EMPLOYERS.hospital.name, kind: 'PUBLIC_INSTITUTION' } },
    ]);
  });

  it('returns null for a valid document that no card record holds', async () => {
    // A valid check digit, but nobody seeded has it.
    const { data, errors } = await stack.graphql(PERSON_ACROSS_SUBGRAPHS, { idType: 'RESIDENT_ID_CARD', idNumber: '320102199201010058' });
    expect(errors).toBeUndefined();
    expect(data).toEqual({ person: null });
  });

  it.each([
    ['a bad check digit', '320102198507150017', 'check character is 7, expected 6'],
    ['a wrong length', '32010219850715001', 'expected 18 characters, got 17'],
    ['an impossible birth date', '320102198502300011', 'birth date 19850230 is not a valid date'],
  ])('refuses %s with ID_NUMBER_INVALID naming the field, without calling any subgraph', async (_case, idNumber, reason) => {
    const fetchesBefore = await stack.metric('gateway_subgraph_fetches_total');
    const { data, errors } = await stack.graphql(PERSON_ACROSS_SUBGRAPHS, { idType: 'RESIDENT_ID_CARD', idNumber });
    expect(data).toEqual({ person: null });
    expect(errors).toHaveLength(1);
    expect(errors![0]!.message).toBe(`idNumber: ${reason}`);
    expect(errors![0]!.extensions).toMatchObject({ code: 'ID_NUMBER_INVALID', field: 'idNumber' });
    expect(await stack.metric('gateway_subgraph_fetches_total')).toBe(fetchesBefore);
  });

  it('refuses an unknown document type as a GraphQL validation error', async () => {
    const { errors } = await stack.graphql(PERSON_ACROSS_SUBGRAPHS, { idType: 'DRIVING_LICENCE', idNumber: '1234567' });
    expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('shared identity: one loader per request, cached in Redis under the person key', () => {
  it('resolves two people asked in one request with one card call, then serves them from Redis', async () => {
    const query = `query Two($a: String!, $b: String!) {
      a: person(idType: RESIDENT_ID_CARD, idNumber: $a) { id }
      b: person(idType: RESIDENT_ID_CARD, idNumber: $b) { id }
      again: person(idType: RESIDENT_ID_CARD, idNumber: $a) { id }
    }`;
    const variables = { a: DEMO_PEOPLE.wangFang.idNumber, b: DEMO_PEOPLE.chenJing.idNumber };
    const fromSubgraph = await stack.metric('gateway_identity_resolutions_total', { source: 'subgraph' });
    const fromCache = await stack.metric('gateway_identity_resolutions_total', { source: 'cache' });
    const cardFetches = await stack.metric('gateway_subgraph_fetches_total', { subgraph: 'card' });

    const first = await stack.graphql<{ a: { id: string }; b: { id: string }; again: { id: string } }>(query, variables);
    expect(first.errors).toBeUndefined();
    expect(first.data!.again.id).toBe(first.data!.a.id);
    // Two distinct people, one batch, one call to the card subgraph (the query plan needs no other card fetch).
    expect(await stack.metric('gateway_identity_resolutions_total', { source: 'subgraph' })).toBe(fromSubgraph + 2);
    expect(await stack.metric('gateway_subgraph_fetches_total', { subgraph: 'card' })).toBe(cardFetches + 1);

    const second = await stack.graphql(query, variables);
    expect(second.data).toEqual(first.data);
    expect(await stack.metric('gateway_identity_resolutions_total', { source: 'cache' })).toBe(fromCache + 2);
    expect(await stack.metric('gateway_subgraph_fetches_total', { subgraph: 'card' })).toBe(cardFetches + 1);

    // The cache key is the opaque person key: no ID number anywhere in Redis key names.
    const keys = await redisKeys(stack.config.redisKeyPrefix);
    expect(keys).toContain(`${stack.config.redisKeyPrefix}identity:v1:${first.data!.a.id}`);
    for (const key of keys) {
      for (const person of Object.values(DEMO_PEOPLE)) expect(key).not.toContain(person.idNumber);
    }
  });
});

describe('health, readiness and metrics', () => {
  it('answers /healthz and /readyz on the gateway and every subgraph', async () => {
    const gatewayReady = await fetch(`${stack.gatewayOrigin}/readyz`);
    expect(gatewayReady.status).toBe(200);
    expect(await gatewayReady.json()).toEqual({
      status: 'ready',
      checks: { employment: 'ok', insurance: 'ok', card: 'ok', archive: 'ok', 'civil-service': 'ok', database: 'ok', keyValueStore: 'ok' },
      keyValueStore: { kind: 'redis', breaker: 'closed' },
    });
    expect((await fetch(`${stack.gatewayOrigin}/healthz`)).status).toBe(200);
    for (const [name, service] of stack.subgraphs) {
      const origin = service.url.replace(/\/graphql$/, '');
      expect(await (await fetch(`${origin}/healthz`)).json()).toEqual({ status: 'ok', subgraph: name });
      expect(await (await fetch(`${origin}/readyz`)).json()).toEqual({ status: 'ready', subgraph: name });
    }
  });

  it('exposes Prometheus counters of identity resolutions and subgraph fetches', async () => {
    const text = await (await fetch(`${stack.gatewayOrigin}/metrics`)).text();
    expect(text).toContain('# TYPE gateway_identity_resolutions_total counter');
    expect(text).toContain('# TYPE gateway_subgraph_fetches_total counter');
  });
});
