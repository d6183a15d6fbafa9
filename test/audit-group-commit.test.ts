import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditStore, type AuditEvent, type AuditRow } from '../gateway/audit/audit-store.js';
import { GATEWAY_STORAGE } from '../gateway/server.js';
import { openDatabase, type Database, type Queryable } from '../src/db/database.js';
import { migrate } from '../src/db/migrations.js';
import { createTestDatabase, type TestDatabase } from './support/environment.js';

/** The audit trail's group commit, against a real PostgreSQL: requests share INSERTs, never lose a row. */
describe('audit writes of concurrent requests', () => {
  let testDatabase: TestDatabase;
  let db: Database;
  const statements: string[] = [];
  /** The gateway's database, counting the statements the audit store sends. */
  const counted: Queryable = {
    query: (sql, params) => {
      statements.push(sql);
      return db.query(sql, params);
    },
    exec: (sql) => db.exec(sql),
  };
  const event = (requestId: string, overrides: Partial<AuditEvent> = {}): AuditEvent => ({
    actorSubject: 'clerk-test',
    actorRole: 'clerk',
    terminal: null,
    channel: null,
    operationName: 'ReadPerson',
    operationType: 'query',
    personKey: `key-${requestId}`,
    fields: ['Query.person', 'Person.name'],
    outcome: 'ok',
    requestId,
    submissionId: null,
    delegationId: null,
    principalPersonKey: null,
    applicantRole: null,
    applicantPersonKey: null,
    subjectCreditCode: null,
    ...overrides,
  });
  const rowsOf = (prefix: string) => db.query<AuditRow>('SELECT * FROM gateway.audit_event WHERE request_id LIKE $1 ORDER BY request_id', [`${prefix}%`]);
  const inserts = () => statements.filter((sql) => sql.startsWith('INSERT INTO gateway.audit_event')).length;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    db = await openDatabase({ url: testDatabase.url, dataDir: '', poolSize: 4 });
    await migrate(db, GATEWAY_STORAGE.schema, GATEWAY_STORAGE.migrations);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await testDatabase?.drop();
  });

  it('share one INSERT while another is under way, and each resolves with its rows durable', async () => {
    const store = new AuditStore(counted);
    const before = inserts();
    // The first goes at once; the 19 arriving while it runs share the next statement.
    const appends = Array.from({ length: 20 }, (_, i) => store.append([event(`group-${String(i).padStart(2, '0')}`)]));
    await Promise.all(appends);
    expect(inserts() - before).toBe(2);
    const rows = await rowsOf('group-');
    expect(rows.map((row) => row.request_id)).toEqual(Array.from({ length: 20 }, (_, i) => `group-${String(i).padStart(2, '0')}`));
    expect(rows.every((row) => row.person_key === `key-${row.request_id}`)).toBe(true);
  });

  it('write a lone request at once, in one statement, all its events or none', async () => {
    const store = new AuditStore(counted);
    const before = inserts();
    await store.append([event('lone-1', { personKey: 'key-a' }), event('lone-1', { personKey: 'key-b' })]);
    expect(inserts() - before).toBe(1);
    expect((await rowsOf('lone-')).map((row) => row.person_key)).toEqual(['key-a', 'key-b']);
  });

  it('refuse only the request whose own events cannot be written; the others of its group are kept', async () => {
    const store = new AuditStore(counted);
    const first = store.append([event('mixed-0')]);
    // Queued behind the first: one group, of which one event breaks the table's CHECK.
    const group = [
      store.append([event('mixed-1')]),
      store.append([event('mixed-2', { operationType: 'bogus' as AuditEvent['operationType'] })]),
      store.append([event('mixed-3')]),
    ];
    await first;
    const outcomes = await Promise.allSettled(group);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(expect.objectContaining({ message: expect.stringContaining('operation_type') }));
    expect((await rowsOf('mixed-')).map((row) => row.request_id)).toEqual(['mixed-0', 'mixed-1', 'mixed-3']);
  });
});
