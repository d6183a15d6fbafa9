import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { SUBGRAPH_NAMES } from '../src/config.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { personKey } from '../src/identity/person-key.js';
import { SUBMIT, cardApplication, unemploymentApplication, type Submitted } from './support/forms.js';
import { applicantOf, dispatchFor, OUTCOME_FIELDS } from './support/items.js';
import { INTERNAL_CONTEXT_HEADER, signInternalContext } from '../src/auth/internal-context.js';
import { useStack } from './support/use-stack.js';
import { tokenFor } from './support/tokens.js';

const stack = useStack();

const PERSON = 'query ($n: String!) { person(idType: RESIDENT_ID_CARD, idNumber: $n) { id name } }';
const as = (token: string | null) => ({ token });
const keyOf = (person: { idType: string; idNumber: string }) => personKey(stack.config.personKeySecret, person.idType, person.idNumber);

/** Rows in every subgraph's item ledger and the gateway's submissions: what a refused call must not change. */
async function footprint(): Promise<number[]> {
  const counts = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const schema = name === 'civil-service' ? 'civil_service' : name;
      return Number((await stack.databases.get(name)!.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.item_ledger`))[0]!.n);
    }),
  );
  counts.push(Number((await stack.databases.get('gateway')!.query<{ n: number }>('SELECT count(*)::int AS n FROM gateway.submission'))[0]!.n));
  return counts;
}

describe('anonymous callers', () => {
  it('get the public catalog and nothing else', async () => {
    const catalog = await stack.graphql<{ bundles: unknown[] }>(
      '{ bundles { code } guide(bundleCode: "national-unemployment") { fees } }',
      {},
      undefined,
      as(null),
    );
    expect(catalog.errors).toBeUndefined();
    expect(catalog.data!.bundles.length).toBe(24);
    const before = await footprint();
    const person = await stack.graphql(PERSON, { n: DEMO_PEOPLE.zhangWei.idNumber }, undefined, as(null));
    expect(person.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', field: 'Query.person' });
    const submit = await stack.graphql(SUBMIT, { input: unemploymentApplication(DEMO_PEOPLE.zhangWei, ['JOB_INTRODUCTION']) }, undefined, as(null));
    expect(submit.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', field: 'Mutation.submitBundle' });
    expect(await footprint()).toEqual(before);
  });

  it('a token that does not verify is refused, not treated as anonymous', async () => {
    const token = await tokenFor(stack, 'clerk');
    const forged = `${token.slice(0, -4)}AAAA`;
    const { errors } = await stack.graphql('{ bundles { code } }', {}, undefined, as(forged));
    expect(errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const expired = await tokenFor(stack, 'clerk', { exp: Math.floor(Date.now() / 1000) - 60 });
    expect((await stack.graphql('{ bundles { code } }', {}, undefined, as(expired))).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});

describe('citizens', () => {
  it('read and apply only for themselves', async () => {
    const token = await tokenFor(stack, 'citizen', { sub: 'citizen-liuyang', id_number: DEMO_PEOPLE.liuYang.idNumber });
    const own = await stack.graphql<{ person: { id: string } }>(PERSON, { n: DEMO_PEOPLE.liuYang.idNumber }, undefined, as(token));
    expect(own.data!.person.id).toBe(keyOf(DEMO_PEOPLE.liuYang));
    const other = await stack.graphql(PERSON, { n: DEMO_PEOPLE.zhangWei.idNumber }, undefined, as(token));
    expect(other.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'idNumber' });

    const mine = await stack.graphql<{ submitBundle: Submitted }>(
      SUBMIT,
      { input: unemploymentApplication(DEMO_PEOPLE.liuYang, ['JOB_INTRODUCTION']) },
      undefined,
      as(token),
    );
    expect(mine.errors).toBeUndefined();
    const before = await footprint();
    const forOther = await stack.graphql(SUBMIT, { input: unemploymentApplication(DEMO_PEOPLE.chenJing, ['JOB_INTRODUCTION']) }, undefined, as(token));
    expect(forOther.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'sharedFields.idNumber' });
    expect(await footprint()).toEqual(before);

    const list = await stack.graphql<{ submissions: { edges: { node: { id: string; person: { id: string } } }[] } }>(
      '{ submissions(first: 50) { edges { node { id person { id } } } } }',
      {},
      undefined,
      as(token),
    );
    expect(list.data!.submissions.edges.map((e) => e.node.person.id)).toEqual([keyOf(DEMO_PEOPLE.liuYang)]);
    // Someone else's submission is simply not there for them.
    const othersId = (
      await stack.graphql<{ submitBundle: Submitted }>(SUBMIT, { input: unemploymentApplication(DEMO_PEOPLE.chenJing, ['EMPLOYMENT_CERTIFICATE']) })
    ).data!.submitBundle.id;
    expect((await stack.graphql('query ($id: ID!) { submission(id: $id) { id } }', { id: othersId }, undefined, as(token))).data).toEqual({ submission: null });
    // Deciding is the counter's.
    const decide = await stack.graphql(
      'mutation ($id: ID!) { decideSubmissionItem(submissionId: $id, itemCode: "JOB_INTRODUCTION", decision: { outcome: COMPLETE, decidedBy: "me" }) { id } }',
      { id: mine.data!.submitBundle.id },
      undefined,
      as(token),
    );
    expect(decide.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.decideSubmissionItem' });
  });
});

describe('counter clerks', () => {
  it('act for anyone within their region only', async () => {
    const nanjing = await tokenFor(stack, 'clerk', { sub: 'clerk-nanjing', region: '3201' });
    expect((await stack.graphql<{ person: { name: string } }>(PERSON, { n: DEMO_PEOPLE.zhangWei.idNumber }, undefined, as(nanjing))).data!.person.name).toBe(
      '张伟',
    );
    const suzhou = await stack.graphql(PERSON, { n: DEMO_PEOPLE.liNa.idNumber }, undefined, as(nanjing));
    expect(suzhou.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'idNumber' });
    const before = await footprint();
    const outside = await stack.graphql(SUBMIT, { input: unemploymentApplication(DEMO_PEOPLE.chenJing, ['JOB_INTRODUCTION']) }, undefined, as(nanjing));
    expect(outside.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'sharedFields.idNumber' });
    expect(await footprint()).toEqual(before);
  });
});

describe('proxies (帮办代办) under a delegation', () => {
  it('apply for the principal only with a delegation in force covering the items, and the submission records both', async () => {
    const principalToken = await tokenFor(stack, 'citizen', { sub: 'citizen-wangfang', id_number: DEMO_PEOPLE.wangFang.idNumber });
    const registered = await stack.graphql<{ registerDelegation: { id: string } }>(
      `mutation ($input: DelegationInput!) { registerDelegation(input: $input) { id items } }`,
      {
        input: {
          principalIdType: 'RESIDENT_ID_CARD',
          principalIdNumber: DEMO_PEOPLE.wangFang.idNumber,
          proxySubject: 'proxy-helper-9',
          proxyName: '帮办员九号',
          items: ['JOB_INTRODUCTION'],
          validFrom: '2026-01-01',
          validUntil: '2030-12-31',
          documentRef: 'WT-2026-0009',
        },
      },
      undefined,
      as(principalToken),
    );
    expect(registered.errors).toBeUndefined();
    const delegationId = registered.data!.registerDelegation.id;
    const proxy = await tokenFor(stack, 'proxy', { sub: 'proxy-helper-9', id_number: DEMO_PEOPLE.chenJing.idNumber });

    const before = await footprint();
    const without = await stack.graphql(SUBMIT, { input: unemploymentApplication(DEMO_PEOPLE.wangFang, ['JOB_INTRODUCTION']) }, undefined, as(proxy));
    expect(without.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'delegationId' });
    const beyond = await stack.graphql(
      SUBMIT,
      { input: unemploymentApplication(DEMO_PEOPLE.wangFang, ['EMPLOYMENT_CERTIFICATE'], { delegationId }) },
      undefined,
      as(proxy),
    );
    expect(beyond.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'items.EMPLOYMENT_CERTIFICATE' });
    expect(await footprint()).toEqual(before);

    const done = await stack.graphql<{ submitBundle: Submitted }>(
      SUBMIT,
      { input: unemploymentApplication(DEMO_PEOPLE.wangFang, ['JOB_INTRODUCTION'], { delegationId }) },
      undefined,
      as(proxy),
    );
    expect(done.errors).toBeUndefined();
    const [row] = await stack.databases
      .get('gateway')!
      .query<{ person_key: string; actor_subject: string; actor_role: string; delegation_id: string }>(
        'SELECT person_key, actor_subject, actor_role, delegation_id FROM gateway.submission WHERE id = $1',
        [done.data!.submitBundle.id],
      );
    expect(row).toEqual({ person_key: keyOf(DEMO_PEOPLE.wangFang), actor_subject: 'proxy-helper-9', actor_role: 'proxy', delegation_id: delegationId });
  });
});

describe('withdrawing a delegation', () => {
  const REGISTER = `mutation ($input: DelegationInput!) { registerDelegation(input: $input) { id revokedAt } }`;
  const REVOKE = `mutation ($id: ID!) { revokeDelegation(id: $id) { id revokedAt } }`;
  const delegationOf = (overrides: Record<string, unknown> = {}) => ({
    principalIdType: 'RESIDENT_ID_CARD',
    principalIdNumber: DEMO_PEOPLE.wangFang.idNumber,
    proxySubject: 'proxy-helper-11',
    proxyName: '帮办员十一号',
    items: ['JOB_INTRODUCTION'],
    validFrom: '2026-01-01',
    validUntil: '2030-12-31',
    documentRef: 'WT-2026-0011',
    ...overrides,
  });
  const revokedRow = async (id: string) =>
    (await stack.databases.get('gateway')!.query<{ revoked_by: string | null }>('SELECT revoked_by FROM gateway.delegation WHERE id = $1', [id]))[0]!;

  it('an expired 委托书 is not registered', async () => {
    const principal = await tokenFor(stack, 'citizen', { sub: 'citizen-wangfang', id_number: DEMO_PEOPLE.wangFang.idNumber });
    const { errors } = await stack.graphql(REGISTER, { input: delegationOf({ validFrom: '2020-01-01', validUntil: '2021-12-31' }) }, undefined, as(principal));
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.validUntil' });
  });

  it('by the principal ends the proxy’s rights; nobody else can withdraw it or learn it exists', async () => {
    const principal = await tokenFor(stack, 'citizen', { sub: 'citizen-wangfang', id_number: DEMO_PEOPLE.wangFang.idNumber });
    const registered = await stack.graphql<{ registerDelegation: { id: string; revokedAt: string | null } }>(
      REGISTER,
      { input: delegationOf() },
      undefined,
      as(principal),
    );
    expect(registered.errors).toBeUndefined();
    const id = registered.data!.registerDelegation.id;
    expect(registered.data!.registerDelegation.revokedAt).toBeNull();
    const proxy = await tokenFor(stack, 'proxy', { sub: 'proxy-helper-11', id_number: DEMO_PEOPLE.chenJing.idNumber });

    const stranger = await tokenFor(stack, 'citizen', { sub: 'citizen-zhangwei', id_number: DEMO_PEOPLE.zhangWei.idNumber });
    const otherRegionClerk = await tokenFor(stack, 'clerk', { sub: 'clerk-far', region: '4401' });
    for (const token of [stranger, otherRegionClerk, proxy]) {
      const { errors } = await stack.graphql(REVOKE, { id }, undefined, as(token));
      expect(errors![0]!.extensions!.code).toMatch(/^(DELEGATION_NOT_FOUND|FORBIDDEN)$/);
    }
    const missing = await stack.graphql(REVOKE, { id: 'dlg_missing' }, undefined, as(principal));
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'DELEGATION_NOT_FOUND', field: 'id' });
    expect((await revokedRow(id)).revoked_by).toBeNull();

    const revoked = await stack.graphql<{ revokeDelegation: { revokedAt: string } }>(REVOKE, { id }, undefined, as(principal));
    expect(revoked.errors).toBeUndefined();
    expect(Date.parse(revoked.data!.revokeDelegation.revokedAt)).toBeLessThanOrEqual(Date.now());
    expect((await revokedRow(id)).revoked_by).toBe('citizen-wangfang');

    const before = await footprint();
    const after = await stack.graphql(
      SUBMIT,
      { input: unemploymentApplication(DEMO_PEOPLE.wangFang, ['JOB_INTRODUCTION'], { delegationId: id }) },
      undefined,
      as(proxy),
    );
    expect(after.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'delegationId' });
    expect(await footprint()).toEqual(before);
    // Withdrawing again changes nothing: the first withdrawal's time stays.
    const again = await stack.graphql<{ revokeDelegation: { revokedAt: string } }>(REVOKE, { id }, undefined, as(principal));
    expect(again.data!.revokeDelegation.revokedAt).toBe(revoked.data!.revokeDelegation.revokedAt);
  });

  it('by a clerk of the principal’s region', async () => {
    const principal = await tokenFor(stack, 'citizen', { sub: 'citizen-wangfang', id_number: DEMO_PEOPLE.wangFang.idNumber });
    const registered = await stack.graphql<{ registerDelegation: { id: string } }>(REGISTER, { input: delegationOf() }, undefined, as(principal));
    const region = DEMO_PEOPLE.wangFang.idNumber.slice(0, 4);
    const clerk = await tokenFor(stack, 'clerk', { sub: 'clerk-home', region });
    const revoked = await stack.graphql<{ revokeDelegation: { revokedAt: string | null } }>(
      REVOKE,
      { id: registered.data!.registerDelegation.id },
      undefined,
      as(clerk),
    );
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeDelegation.revokedAt).not.toBeNull();
    expect((await revokedRow(registered.data!.registerDelegation.id)).revoked_by).toBe('clerk-home');
  });
});

describe('agent terminals (银行网点, 邮政网点) take applications on the agencies’ behalf', () => {
  const registry = JSON.parse(readFileSync(`${PROJECT_ROOT}/schema/persisted-operations/agent-terminal.json`, 'utf8')) as Record<string, string>;
  const submitHash = Object.entries(registry).find(([, document]) => document.includes('mutation AgentSubmitBundle'))![0];
  /** Terminals send registered operations by hash only. */
  const submitAs = async (token: string, input: unknown) => {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ variables: { input }, extensions: { persistedQuery: { version: 1, sha256Hash: submitHash } } }),
    });
    return (await response.json()) as { data?: { submitBundle: { id: string; channel: string } }; errors?: { extensions: Record<string, unknown> }[] };
  };

  it('submit only their agreement’s items, in their region, through their channel, with the person present', async () => {
    const terminal = await tokenFor(stack, 'agent', {
      sub: 'bank-xuanwu-07',
      terminal: 'bank-xuanwu-07',
      channel: 'BANK_AGENT',
      region: '32',
      items: ['EMPLOYMENT_CERTIFICATE'],
    });
    const present = { channel: 'BANK_AGENT', presence: { verifiedBy: 'ID_CARD_READER' } };
    const before = await footprint();
    const refusals = [
      [unemploymentApplication(DEMO_PEOPLE.zhangWei, ['JOB_INTRODUCTION'], present), 'items.JOB_INTRODUCTION'],
      [unemploymentApplication(DEMO_PEOPLE.chenJing, ['EMPLOYMENT_CERTIFICATE'], present), 'sharedFields.idNumber'],
      [unemploymentApplication(DEMO_PEOPLE.zhangWei, ['EMPLOYMENT_CERTIFICATE'], { channel: 'BANK_AGENT' }), 'presence'],
      [unemploymentApplication(DEMO_PEOPLE.zhangWei, ['EMPLOYMENT_CERTIFICATE'], { ...present, channel: 'ONLINE' }), 'channel'],
    ] as const;
    for (const [input, field] of refusals) {
      const { errors } = await submitAs(terminal, input);
      expect({ field, extensions: errors![0]!.extensions }).toEqual({ field, extensions: expect.objectContaining({ code: 'FORBIDDEN', field }) });
    }
    expect(await footprint()).toEqual(before);

    const accepted = await submitAs(terminal, unemploymentApplication(DEMO_PEOPLE.zhangWei, ['EMPLOYMENT_CERTIFICATE'], present));
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.submitBundle.channel).toBe('BANK_AGENT');
    const [row] = await stack.databases
      .get('gateway')!
      .query<{ terminal_id: string; actor_role: string }>('SELECT terminal_id, actor_role FROM gateway.submission WHERE id = $1', [
        accepted.data!.submitBundle.id,
      ]);
    expect(row).toEqual({ terminal_id: 'bank-xuanwu-07', actor_role: 'agent' });
  });
});

describe('analysts and admins', () => {
  it('cannot read a person or submit', async () => {
    for (const role of ['analyst', 'admin'] as const) {
      const token = await tokenFor(stack, role);
      const person = await stack.graphql(PERSON, { n: DEMO_PEOPLE.zhangWei.idNumber }, undefined, as(token));
      expect(person.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Query.person' });
      const submissions = await stack.graphql('{ submissions { edges { node { id } } } }', {}, undefined, as(token));
      expect(submissions.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    }
  });
});

describe('subgraphs answer only the gateway', () => {
  it.each(SUBGRAPH_NAMES)('%s refuses a request without, or with a forged, internal context', async (name) => {
    const url = stack.subgraphs.get(name)!.url;
    const plain = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(plain.status).toBe(401);
    expect(((await plain.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    const forged = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-internal-context': 'eyJhbGciOiJIUzI1NiJ9.e30.AAAA' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(forged.status).toBe(401);
  });
});

describe('issue #8: a token must name its subject (finding 8)', () => {
  it.each([[''], ['   ']])('a token whose sub is %j is refused, not accepted without an actor', async (sub) => {
    const token = await tokenFor(stack, 'clerk', { sub });
    const { errors, data } = await stack.graphql(PERSON, { n: DEMO_PEOPLE.zhangWei.idNumber }, undefined, as(token));
    expect(errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(data?.person ?? null).toBeNull();
  });
});

const REGISTER_DELEGATION = 'mutation ($input: DelegationInput!) { registerDelegation(input: $input) { id } }';
/** A delegation registered by a nationwide clerk who saw the 委托书 signed. */
async function delegate(person: { idNumber: string }, proxySubject: string, items: string[], validFrom: string, validUntil: string): Promise<string> {
  const { data, errors } = await stack.graphql<{ registerDelegation: { id: string } }>(REGISTER_DELEGATION, {
    input: {
      principalIdType: 'RESIDENT_ID_CARD',
      principalIdNumber: person.idNumber,
      proxySubject,
      proxyName: '委托代理人',
      items,
      validFrom,
      validUntil,
      documentRef: `WT-${validFrom}`,
    },
  });
  expect(errors).toBeUndefined();
  return data!.registerDelegation.id;
}

describe('issue #8: an agent terminal acts only under a delegation in force, to it, covering the items (finding 1)', () => {
  const registry = JSON.parse(readFileSync(`${PROJECT_ROOT}/schema/persisted-operations/agent-terminal.json`, 'utf8')) as Record<string, string>;
  const submitHash = Object.entries(registry).find(([, document]) => document.includes('mutation AgentSubmitBundle'))![0];
  const submitAs = async (token: string, input: unknown) => {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ variables: { input }, extensions: { persistedQuery: { version: 1, sha256Hash: submitHash } } }),
    });
    return (await response.json()) as { data?: { submitBundle: { id: string; status: string } } | null; errors?: { extensions: Record<string, unknown> }[] };
  };
  const TERMINAL = 'bank-jinjiang-03';
  const loss = (delegationId: string) =>
    cardApplication(DEMO_PEOPLE.chenJing, [{ code: 'CARD_LOSS_REPORT', fields: { operation: 'TEMPORARY_LOSS' } }], {
      channel: 'BANK_AGENT',
      presence: { verifiedBy: 'DELEGATION' },
      delegationId,
    });

  it('refuses an expired, a not yet valid, another proxy’s, a revoked and a non-covering delegation; takes one in force', async () => {
    const terminal = await tokenFor(stack, 'agent', {
      sub: TERMINAL,
      terminal: TERMINAL,
      channel: 'BANK_AGENT',
      region: '5101',
      items: ['CARD_LOSS_REPORT', 'CARD_PIN_RESET'],
    });
    // One that lapsed since it was registered (an expired one cannot be registered).
    const expired = await delegate(DEMO_PEOPLE.chenJing, TERMINAL, ['CARD_LOSS_REPORT'], '2026-01-01', '2030-12-31');
    await stack.databases.get('gateway')!.query("UPDATE gateway.delegation SET valid_from = '2020-01-01', valid_until = '2020-01-31' WHERE id = $1", [expired]);
    const notYet = await delegate(DEMO_PEOPLE.chenJing, TERMINAL, ['CARD_LOSS_REPORT'], '2031-01-01', '2031-12-31');
    const otherProxy = await delegate(DEMO_PEOPLE.chenJing, 'proxy-someone-else', ['CARD_LOSS_REPORT'], '2026-01-01', '2030-12-31');
    const revoked = await delegate(DEMO_PEOPLE.chenJing, TERMINAL, ['CARD_LOSS_REPORT'], '2026-01-01', '2030-12-31');
    await stack.databases.get('gateway')!.query('UPDATE gateway.delegation SET revoked_at = now() WHERE id = $1', [revoked]);
    const pinOnly = await delegate(DEMO_PEOPLE.chenJing, TERMINAL, ['CARD_PIN_RESET'], '2026-01-01', '2030-12-31');
    const fromSomeoneElse = await delegate(DEMO_PEOPLE.wangFang, TERMINAL, ['CARD_LOSS_REPORT'], '2026-01-01', '2030-12-31');

    const before = await footprint();
    for (const [id, field] of [
      [expired, 'delegationId'],
      [notYet, 'delegationId'],
      [otherProxy, 'delegationId'],
      [revoked, 'delegationId'],
      [fromSomeoneElse, 'delegationId'],
      ['dlg_no-such-delegation', 'delegationId'],
      [pinOnly, 'items.CARD_LOSS_REPORT'],
    ] as const) {
      const { errors, data } = await submitAs(terminal, loss(id));
      expect({ id, extensions: errors?.[0]?.extensions }).toEqual({ id, extensions: expect.objectContaining({ code: 'FORBIDDEN', field }) });
      expect(data?.submitBundle ?? null).toBeNull();
    }
    expect(await footprint()).toEqual(before);

    const inForce = await delegate(DEMO_PEOPLE.chenJing, TERMINAL, ['CARD_LOSS_REPORT'], '2026-01-01', '2030-12-31');
    const taken = await submitAs(terminal, loss(inForce));
    expect(taken.errors).toBeUndefined();
    const [row] = await stack.databases
      .get('gateway')!
      .query<{ delegation_id: string; terminal_id: string }>('SELECT delegation_id, terminal_id FROM gateway.submission WHERE id = $1', [
        taken.data!.submitBundle.id,
      ]);
    expect(row).toEqual({ delegation_id: inForce, terminal_id: TERMINAL });
  });
});

describe('issue #8: every entry point that reaches a person applies the region rule (finding 2)', () => {
  const CARD = 'query ($n: String!) { socialSecurityCard(cardNumber: $n) { cardNumber bankAccount { accountNumber } } }';
  const auditOf = (requestId: string) =>
    stack.databases
      .get('gateway')!
      .query<{ person_key: string | null; outcome: string }>('SELECT person_key, outcome FROM gateway.audit_event WHERE request_id = $1', [requestId]);
  const withRequestId = (token: string, requestId: string) => ({ token, headers: { 'x-request-id': requestId } });

  it('a card looked up by number answers only a clerk of the holder’s region, and the read is audited with the holder', async () => {
    const nanjing = await tokenFor(stack, 'clerk', { sub: 'clerk-nanjing-card', region: '3201' });
    const outside = await stack.graphql<{ socialSecurityCard: unknown }>(CARD, { n: 'D320506002' }, undefined, withRequestId(nanjing, 'card-outside-1'));
    expect(outside.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'cardNumber' });
    expect(JSON.stringify(outside)).not.toContain('6217');
    expect(await auditOf('card-outside-1')).toEqual([{ person_key: keyOf(DEMO_PEOPLE.liNa), outcome: 'FORBIDDEN' }]);

    const inside = await stack.graphql<{ socialSecurityCard: { bankAccount: { accountNumber: string } } }>(
      CARD,
      { n: 'D320102001' },
      undefined,
      withRequestId(nanjing, 'card-inside-1'),
    );
    expect(inside.errors).toBeUndefined();
    expect(inside.data!.socialSecurityCard.bankAccount.accountNumber).toMatch(/^6217\d+$/);
    expect(await auditOf('card-inside-1')).toEqual([{ person_key: keyOf(DEMO_PEOPLE.zhangWei), outcome: 'ok' }]);
  });

  const PIN = `mutation ($dispatch: ItemDispatchInput!) { resetSocialSecurityCardPin(input: { operation: RESET }, dispatch: $dispatch) { ${OUTCOME_FIELDS} } }`;
  const UNEMPLOYMENT = `mutation ($dispatch: ItemDispatchInput!) { registerUnemployment(dispatch: $dispatch) { ${OUTCOME_FIELDS} } }`;

  it('a direct item mutation is refused outside the clerk’s region, and audited with the person key', async () => {
    const nanjing = await tokenFor(stack, 'clerk', { sub: 'clerk-nanjing-pin', region: '3201' });
    const before = await footprint();
    const outside = await stack.graphql(
      PIN,
      { dispatch: dispatchFor(stack, DEMO_PEOPLE.liNa, 'CARD_PIN_RESET', { channel: 'COUNTER' }) },
      undefined,
      withRequestId(nanjing, 'pin-outside-1'),
    );
    expect(outside.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'dispatch.applicant.idNumber' });
    expect(await footprint()).toEqual(before);
    expect(await auditOf('pin-outside-1')).toEqual([{ person_key: keyOf(DEMO_PEOPLE.liNa), outcome: 'FORBIDDEN' }]);

    const inside = await stack.graphql<{ resetSocialSecurityCardPin: { status: string } }>(
      PIN,
      { dispatch: dispatchFor(stack, DEMO_PEOPLE.zhangWei, 'CARD_PIN_RESET', { channel: 'COUNTER' }) },
      undefined,
      withRequestId(nanjing, 'pin-inside-1'),
    );
    expect(inside.errors).toBeUndefined();
    expect(inside.data!.resetSocialSecurityCardPin.status).toBe('COMPLETED');
    expect(await auditOf('pin-inside-1')).toEqual([{ person_key: keyOf(DEMO_PEOPLE.zhangWei), outcome: 'ok' }]);
  });

  it('a clerk entering an item directly names the counter or a home visit, never a channel the gateway records itself', async () => {
    const nanjing = await tokenFor(stack, 'clerk', { sub: 'clerk-nanjing-channel', region: '3201' });
    const before = await footprint();
    for (const channel of ['PROACTIVE', 'ONLINE', 'BANK_AGENT']) {
      const claimed = await stack.graphql(
        UNEMPLOYMENT,
        { dispatch: dispatchFor(stack, DEMO_PEOPLE.zhangWei, 'UNEMPLOYMENT_REGISTRATION', { channel }) },
        undefined,
        as(nanjing),
      );
      expect(claimed.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'dispatch.channel' });
    }
    expect(await footprint()).toEqual(before);
    const atCounter = await stack.graphql<{ resetSocialSecurityCardPin: { status: string } }>(
      PIN,
      { dispatch: dispatchFor(stack, DEMO_PEOPLE.zhangWei, 'CARD_PIN_RESET', { channel: 'HOME_VISIT' }) },
      undefined,
      as(nanjing),
    );
    expect(atCounter.errors).toBeUndefined();
  });

  it('an applicant whose personId is not the key of its ID document is refused, at the gateway and by the subgraph itself', async () => {
    const nanjing = await tokenFor(stack, 'clerk', { sub: 'clerk-nanjing-forger', region: '3201' });
    // Zhang Wei's document (in the region), Li Na's key.
    const forged = {
      ...dispatchFor(stack, DEMO_PEOPLE.zhangWei, 'UNEMPLOYMENT_REGISTRATION', { channel: 'COUNTER' }),
      applicant: { ...applicantOf(stack, DEMO_PEOPLE.zhangWei), personId: keyOf(DEMO_PEOPLE.liNa) },
    };
    const before = await footprint();
    const viaGateway = await stack.graphql(UNEMPLOYMENT, { dispatch: forged }, undefined, as(nanjing));
    expect(viaGateway.errors![0]!.extensions).toMatchObject({ code: 'APPLICANT_KEY_MISMATCH', field: 'dispatch.applicant.personId' });
    // The subgraph does not trust the gateway's word either (defence in depth): its own check, with the gateway's own context.
    const direct = await stack.graphql(UNEMPLOYMENT, { dispatch: forged }, stack.subgraphs.get('employment')!.url);
    expect(direct.errors![0]!.extensions).toMatchObject({ code: 'APPLICANT_KEY_MISMATCH', field: 'dispatch.applicant.personId' });
    expect(await footprint()).toEqual(before);
  });

  it('a subgraph applies the region of the signed context to an item’s applicant', async () => {
    const url = stack.subgraphs.get('employment')!.url;
    const context = await signInternalContext(stack.config.auth.internalContextSecret, 'employment', {
      subject: 'clerk-x',
      role: 'clerk',
      scopes: ['item:dispatch'],
      requestId: 'r',
      region: '3201',
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_CONTEXT_HEADER]: context },
      body: JSON.stringify({
        query: UNEMPLOYMENT,
        variables: { dispatch: dispatchFor(stack, DEMO_PEOPLE.liNa, 'UNEMPLOYMENT_REGISTRATION', { channel: 'COUNTER' }) },
      }),
    });
    const body = (await response.json()) as { errors?: { extensions: Record<string, unknown> }[] };
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'dispatch.applicant.idNumber' });
  });
});

describe('issue #8: reading a person through a submission applies the person rule now (finding 3)', () => {
  it('a proxy whose delegation lapsed still sees the submission, not the person or the records', async () => {
    const delegationId = await delegate(DEMO_PEOPLE.wangFang, 'proxy-helper-lapse', ['CARD_PIN_RESET'], '2026-01-01', '2030-12-31');
    const proxy = await tokenFor(stack, 'proxy', { sub: 'proxy-helper-lapse', id_number: DEMO_PEOPLE.liuYang.idNumber });
    const done = await stack.graphql<{ submitBundle: Submitted }>(
      SUBMIT,
      { input: cardApplication(DEMO_PEOPLE.wangFang, [{ code: 'CARD_PIN_RESET', fields: { operation: 'RESET' } }], { delegationId }) },
      undefined,
      as(proxy),
    );
    expect(done.errors).toBeUndefined();
    const id = done.data!.submitBundle.id;
    const PERSON_OF = 'query ($id: ID!) { submission(id: $id) { id person { birthDate insuredSchemes { scheme } partyMembership { category } } } }';
    const RECORDS_OF = 'query ($id: ID!) { submission(id: $id) { id items { itemCode status record { __typename } } } }';
    const STATUS_OF = 'query ($id: ID!) { submission(id: $id) { id status items { itemCode status } } }';
    expect((await stack.graphql(PERSON_OF, { id }, undefined, as(proxy))).errors).toBeUndefined();
    const whileInForce = await stack.graphql<{ submission: { items: { record: { __typename: string } | null }[] } }>(RECORDS_OF, { id }, undefined, as(proxy));
    expect(whileInForce.data!.submission.items.map((item) => item.record?.__typename)).toContain('CardServiceRecord');

    await stack.databases.get('gateway')!.query("UPDATE gateway.delegation SET valid_until = DATE '2026-01-31' WHERE id = $1", [delegationId]);
    const person = await stack.graphql<{ submission: unknown }>(PERSON_OF, { id }, undefined, as(proxy));
    expect(person.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Submission.person' });
    expect(JSON.stringify(person.data ?? null)).not.toContain('birthDate');
    const records = await stack.graphql<{ submission: { items: { record: unknown }[] } }>(RECORDS_OF, { id }, undefined, as(proxy));
    expect(records.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'SubmissionItem.record' });
    expect(records.data!.submission.items.every((item) => item.record === null)).toBe(true);
    const status = await stack.graphql<{ submission: { status: string } }>(STATUS_OF, { id }, undefined, as(proxy));
    expect(status.errors).toBeUndefined();
    expect(status.data!.submission.status).toBeTruthy();
  });
});
