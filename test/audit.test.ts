import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { personKey } from '../src/identity/person-key.js';
import { RequestAudit } from '../gateway/audit/request-audit.js';
import type { AuditEvent, AuditRow, AuditStore } from '../gateway/audit/audit-store.js';
import type { GatewayContext } from '../gateway/context.js';
import { auditPlugin } from '../gateway/plugins/audit.js';
import { SUBMIT, unemploymentApplication } from './support/forms.js';
import { useStack } from './support/use-stack.js';
import { tokenFor } from './support/tokens.js';

const zhang = DEMO_PEOPLE.zhangWei;
const READ = `query ReadPerson($idType: IdDocumentType!, $idNumber: String!) {
  person(idType: $idType, idNumber: $idNumber) { name phone socialSecurityCard { bankAccount { accountNumber } } }
}`;

describe('the audit trail, through the gateway', () => {
  const stack = useStack();
  let zhangKey: string;
  const eventsOf = (requestId: string) =>
    stack.databases.get('gateway')!.query<AuditRow>('SELECT * FROM gateway.audit_event WHERE request_id = $1 ORDER BY id', [requestId]);
  const asRequest = (requestId: string, token?: string) => ({ headers: { 'x-request-id': requestId }, ...(token ? { token } : {}) });

  beforeAll(async () => {
    zhangKey = personKey(stack.config.personKeySecret, zhang.idType, zhang.idNumber);
  });

  it('records a person read: actor, role, the person key (never the number), the fields selected', async () => {
    const { errors } = await stack.graphql(READ, { idType: zhang.idType, idNumber: zhang.idNumber }, undefined, asRequest('audit-read-1'));
    expect(errors).toBeUndefined();
    const events = await eventsOf('audit-read-1');
    expect(events).toEqual([
      expect.objectContaining({
        actor_subject: 'clerk-test',
        actor_role: 'clerk',
        operation_name: 'ReadPerson',
        operation_type: 'query',
        person_key: zhangKey,
        outcome: 'ok',
        request_id: 'audit-read-1',
        submission_id: null,
        fields: ['BankAccount.accountNumber', 'Person.name', 'Person.phone', 'Person.socialSecurityCard', 'Query.person', 'SocialSecurityCard.bankAccount'],
      }),
    ]);
    expect(JSON.stringify(events)).not.toContain(zhang.idNumber);
    expect(JSON.stringify(events)).not.toContain(zhang.phone);
  });

  it('records a citizen reading their own record as the citizen', async () => {
    const citizen = await tokenFor(stack, 'citizen', { sub: 'citizen-zhang', id_number: zhang.idNumber });
    const { errors } = await stack.graphql(READ, { idType: zhang.idType, idNumber: zhang.idNumber }, undefined, asRequest('audit-read-2', citizen));
    expect(errors).toBeUndefined();
    expect(await eventsOf('audit-read-2')).toEqual([
      expect.objectContaining({ actor_subject: 'citizen-zhang', actor_role: 'citizen', person_key: zhangKey, outcome: 'ok' }),
    ]);
  });

  it('records a submitBundle with the person, the submission and the outcome', async () => {
    const { data, errors } = await stack.graphql<{ submitBundle: { id: string } }>(
      SUBMIT,
      { input: unemploymentApplication(zhang, ['UNEMPLOYMENT_REGISTRATION']) },
      undefined,
      asRequest('audit-submit-1'),
    );
    expect(errors).toBeUndefined();
    const events = await eventsOf('audit-submit-1');
    expect(events).toEqual([
      expect.objectContaining({
        actor_subject: 'clerk-test',
        actor_role: 'clerk',
        operation_name: 'Submit',
        operation_type: 'mutation',
        person_key: zhangKey,
        outcome: 'ok',
        submission_id: data!.submitBundle.id,
      }),
    ]);
    expect(events[0]!.fields).toEqual(expect.arrayContaining(['Mutation.submitBundle', 'Submission.status', 'SubmissionItem.status']));
    expect(JSON.stringify(events)).not.toContain(zhang.idNumber);
  });

  it('records every mutation, even one refused before it touched anyone, with its error code', async () => {
    const input = unemploymentApplication(zhang, ['UNEMPLOYMENT_REGISTRATION'], { bundleCode: 'no-such-bundle' });
    const { errors } = await stack.graphql(SUBMIT, { input }, undefined, asRequest('audit-submit-2'));
    expect(errors?.map((e) => e.extensions?.code)).toEqual(['BUNDLE_INVALID']);
    expect(await eventsOf('audit-submit-2')).toEqual([
      expect.objectContaining({ actor_role: 'clerk', operation_type: 'mutation', person_key: null, outcome: 'BUNDLE_INVALID' }),
    ]);
  });

  it('records a proxy acting under a delegation with the delegation and the principal, and a refused attempt as FORBIDDEN', async () => {
    const wang = DEMO_PEOPLE.wangFang;
    const wangKey = personKey(stack.config.personKeySecret, wang.idType, wang.idNumber);
    const principal = await tokenFor(stack, 'citizen', { sub: 'citizen-wangfang', id_number: wang.idNumber });
    const registered = await stack.graphql<{ registerDelegation: { id: string } }>(
      'mutation ($input: DelegationInput!) { registerDelegation(input: $input) { id } }',
      {
        input: {
          principalIdType: wang.idType,
          principalIdNumber: wang.idNumber,
          proxySubject: 'proxy-audit-1',
          proxyName: '帮办员一号',
          items: ['JOB_INTRODUCTION'],
          validFrom: '2026-01-01',
          validUntil: '2030-12-31',
          documentRef: 'WT-AUDIT-0001',
        },
      },
      undefined,
      { token: principal },
    );
    expect(registered.errors).toBeUndefined();
    const delegationId = registered.data!.registerDelegation.id;
    const proxy = await tokenFor(stack, 'proxy', { sub: 'proxy-audit-1', id_number: DEMO_PEOPLE.chenJing.idNumber });

    const refused = await stack.graphql(SUBMIT, { input: unemploymentApplication(wang, ['JOB_INTRODUCTION']) }, undefined, asRequest('audit-proxy-1', proxy));
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await eventsOf('audit-proxy-1')).toEqual([
      expect.objectContaining({ actor_subject: 'proxy-audit-1', actor_role: 'proxy', outcome: 'FORBIDDEN', submission_id: null }),
    ]);

    const done = await stack.graphql<{ submitBundle: { id: string } }>(
      SUBMIT,
      { input: unemploymentApplication(wang, ['JOB_INTRODUCTION'], { delegationId }) },
      undefined,
      asRequest('audit-proxy-2', proxy),
    );
    expect(done.errors).toBeUndefined();
    expect(await eventsOf('audit-proxy-2')).toEqual([
      expect.objectContaining({
        actor_subject: 'proxy-audit-1',
        actor_role: 'proxy',
        operation_type: 'mutation',
        person_key: wangKey,
        outcome: 'ok',
        submission_id: done.data!.submitBundle.id,
        delegation_id: delegationId,
        principal_person_key: wangKey,
      }),
    ]);
  });

  it('records nothing for a read of the public catalog', async () => {
    const { errors } = await stack.graphql('{ bundles { code } }', {}, undefined, { ...asRequest('audit-catalog-1'), token: null });
    expect(errors).toBeUndefined();
    expect(await eventsOf('audit-catalog-1')).toEqual([]);
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE fail, even for the superuser the tests connect as', async () => {
    const db = stack.databases.get('gateway')!;
    const [{ count: before }] = (await db.query<{ count: string }>('SELECT count(*)::text AS count FROM gateway.audit_event')) as [{ count: string }];
    expect(Number(before)).toBeGreaterThan(0);
    await expect(db.query("UPDATE gateway.audit_event SET outcome = 'ok'")).rejects.toThrow('gateway.audit_event is append-only: UPDATE refused');
    await expect(db.query('DELETE FROM gateway.audit_event')).rejects.toThrow('gateway.audit_event is append-only: DELETE refused');
    // Even a statement matching no row.
    await expect(db.query('DELETE FROM gateway.audit_event WHERE false')).rejects.toThrow('append-only');
    await expect(db.query('TRUNCATE gateway.audit_event')).rejects.toThrow('gateway.audit_event is append-only: TRUNCATE refused');
    const [{ count: after }] = (await db.query<{ count: string }>('SELECT count(*)::text AS count FROM gateway.audit_event')) as [{ count: string }];
    expect(after).toBe(before);
  });

  it.each(['clerk', 'citizen', 'analyst', 'agent'] as const)('refuses auditEvents to a %s with FORBIDDEN', async (role) => {
    const token = await tokenFor(stack, role, role === 'citizen' ? { id_number: zhang.idNumber } : {});
    const { data, errors } = await stack.graphql('{ auditEvents { edges { node { id } } } }', {}, undefined, { token });
    expect(errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(data ?? null).toBeNull();
  });

  it('lists events for admins, newest first, by person, with cursor pagination', async () => {
    const admin = await tokenFor(stack, 'admin', { sub: 'admin-test' });
    const query = `query Audit($filter: AuditEventFilter, $first: Int, $after: String) {
      auditEvents(filter: $filter, first: $first, after: $after) {
        edges { cursor node { actorSubject actorRole operationName operationType personKey fields outcome requestId } }
        pageInfo { hasNextPage endCursor }
      }
    }`;
    type Page = {
      auditEvents: { edges: { node: { requestId: string; personKey: string | null } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    };
    const filter = { personIdType: zhang.idType, personIdNumber: zhang.idNumber };
    const first = await stack.graphql<Page>(query, { filter, first: 2 }, undefined, { token: admin });
    expect(first.errors).toBeUndefined();
    expect(first.data!.auditEvents.edges.map((e) => e.node.requestId)).toEqual(['audit-submit-1', 'audit-read-2']);
    expect(first.data!.auditEvents.pageInfo.hasNextPage).toBe(true);
    const next = await stack.graphql<Page>(query, { filter, first: 2, after: first.data!.auditEvents.pageInfo.endCursor }, undefined, { token: admin });
    expect(next.data!.auditEvents.edges.map((e) => e.node.requestId)).toEqual(['audit-read-1']);
    expect(next.data!.auditEvents.pageInfo.hasNextPage).toBe(false);
    // Reading the audit trail is itself recorded.
    const reads = await stack.graphql<Page>(query, { filter: { actorSubject: 'admin-test', operation: 'Audit' }, first: 10 }, undefined, { token: admin });
    expect(reads.data!.auditEvents.edges.length).toBeGreaterThanOrEqual(2);
  });
});

describe('a failed audit write', () => {
  it('is logged at error level and withholds the answer with AUDIT_UNAVAILABLE (HTTP 503)', async () => {
    const append = jest.fn<(events: readonly AuditEvent[]) => Promise<void>>().mockRejectedValue(new Error('connection refused'));
    const error = jest.fn();
    const logger = {
      error,
      warn: jest.fn(),
      info: jest.fn(),
      debug: jest.fn(),
      trace: jest.fn(),
      fatal: jest.fn(),
      child: jest.fn(),
      level: 'info',
      silent: jest.fn(),
    };
    const server = new ApolloServer<GatewayContext>({
      typeDefs: 'type Query { name: String } type Mutation { change: String }',
      resolvers: { Query: { name: () => '张伟' }, Mutation: { change: () => 'done' } },
      plugins: [auditPlugin({ append } as unknown as AuditStore, logger as never)],
    });
    await server.start();
    try {
      const audit = new RequestAudit();
      audit.touch('person-key-1');
      const contextValue = { requestId: 'r-1', principal: { kind: 'anonymous', clientId: 'ip:127.0.0.1' }, audit } as unknown as GatewayContext;
      const http = { method: 'POST', headers: new HeaderMap(), search: '', body: {} };
      const response = await server.executeOperation({ query: '{ name }', http }, { contextValue });
      expect(response.http.status).toBe(503);
      expect(response.body.kind === 'single' && response.body.singleResult).toEqual({
        data: null,
        errors: [{ message: 'The audit trail cannot be written: the answer is withheld. Retry shortly.', extensions: { code: 'AUDIT_UNAVAILABLE' } }],
      });
      expect(append).toHaveBeenCalledWith([
        expect.objectContaining({ personKey: 'person-key-1', actorRole: 'anonymous', fields: ['Query.name'], outcome: 'ok' }),
      ]);
      expect(error).toHaveBeenCalledWith(
        expect.objectContaining({ requestId: 'r-1', events: 1 }),
        'AUDIT WRITE FAILED: the response is withheld (AUDIT_UNAVAILABLE)',
      );
    } finally {
      await server.stop();
    }
  });
});
