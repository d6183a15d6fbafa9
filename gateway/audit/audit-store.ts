import type { Queryable } from '../../src/db/database.js';
import { GroupCommit } from './group-commit.js';

/** One audit event as written: who did what to whose data, and with what outcome. No values. */
export interface AuditEvent {
  readonly actorSubject: string;
  readonly actorRole: string;
  readonly terminal: string | null;
  readonly channel: string | null;
  readonly operationName: string | null;
  readonly operationType: 'query' | 'mutation' | 'subscription';
  /** The opaque person key; null for a mutation that touched no person. */
  readonly personKey: string | null;
  /** Schema coordinates the operation selected, e.g. `Person.name`. */
  readonly fields: readonly string[];
  /** `ok`, or the error codes the client was given. */
  readonly outcome: string;
  readonly requestId: string;
  readonly submissionId: string | null;
  readonly delegationId: string | null;
  readonly principalPersonKey: string | null;
  /** submitBundle: who applied (SUBJECT, FAMILY_MEMBER, EMPLOYER_HANDLER) and, when not the subject, their person key. */
  readonly applicantRole: string | null;
  readonly applicantPersonKey: string | null;
  /** submitBundle for an employer (the subject): its unified social credit code. */
  readonly subjectCreditCode: string | null;
}

export interface StoredAuditEvent extends AuditEvent {
  readonly id: string;
  readonly at: Date;
}

export interface AuditFilter {
  readonly personKey?: string;
  readonly actorSubject?: string;
  readonly operationName?: string;
  readonly from?: string;
  readonly to?: string;
  /** Keyset cursor: the id of the last event seen (events go newest first). */
  readonly afterId?: string;
  readonly first: number;
}

/** A row of gateway.audit_event as stored. */
export interface AuditRow {
  id: string;
  at: Date;
  actor_subject: string;
  actor_role: string;
  terminal: string | null;
  channel: string | null;
  operation_name: string | null;
  operation_type: AuditEvent['operationType'];
  person_key: string | null;
  fields: string[];
  outcome: string;
  request_id: string;
  submission_id: string | null;
  delegation_id: string | null;
  principal_person_key: string | null;
  applicant_role: string | null;
  applicant_person_key: string | null;
  subject_credit_code: string | null;
}

const COLUMNS = [
  'actor_subject',
  'actor_role',
  'terminal',
  'channel',
  'operation_name',
  'operation_type',
  'person_key',
  'fields',
  'outcome',
  'request_id',
  'submission_id',
  'delegation_id',
  'principal_person_key',
  'applicant_role',
  'applicant_person_key',
  'subject_credit_code',
] as const;

/** Rows per INSERT (16 parameters each; PostgreSQL takes at most 65,535). */
const EVENTS_PER_STATEMENT = 500;

/** `gateway.audit_event`: append and read, never change (the table refuses UPDATE and DELETE). */
export class AuditStore {
  readonly #writes: GroupCommit<AuditEvent>;

  constructor(private readonly db: Queryable) {
    this.#writes = new GroupCommit({ write: (events) => this.#insert(events), maxItems: EVENTS_PER_STATEMENT });
  }

  /**
   * Appends the events of one request, all of them or none, and resolves once they are durable.
   * Requests appending while another INSERT is under way share the next one (group commit).
   */
  append(events: readonly AuditEvent[]): Promise<void> {
    return this.#writes.add(events);
  }

  async #insert(events: readonly AuditEvent[]): Promise<void> {
    const params: unknown[] = [];
    const rows = events.map((event) => {
      const values = [
        event.actorSubject,
        event.actorRole,
        event.terminal,
        event.channel,
        event.operationName,
        event.operationType,
        event.personKey,
        [...event.fields],
        event.outcome,
        event.requestId,
        event.submissionId,
        event.delegationId,
        event.principalPersonKey,
        event.applicantRole,
        event.applicantPersonKey,
        event.subjectCreditCode,
      ];
      const placeholders = values.map((value) => {
        params.push(value);
        return `$${params.length}${Array.isArray(value) ? '::text[]' : ''}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await this.db.query(`INSERT INTO gateway.audit_event (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`, params);
  }

  /** Newest first; one row more than `first`, so the caller knows whether there is a next page. */
  async list(filter: AuditFilter): Promise<StoredAuditEvent[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    // Whose data: the person acted on, or the principal a proxy acted for.
    if (filter.personKey) add('? IN (person_key, principal_person_key, applicant_person_key)', filter.personKey);
    if (filter.actorSubject) add('actor_subject = ?', filter.actorSubject);
    if (filter.operationName) add('operation_name = ?', filter.operationName);
    if (filter.from) add('at >= ?::timestamptz', filter.from);
    if (filter.to) add('at < ?::timestamptz', filter.to);
    if (filter.afterId) add('id < ?::bigint', filter.afterId);
    params.push(filter.first + 1);
    const rows = await this.db.query<AuditRow>(
      `SELECT id::text AS id, at, ${COLUMNS.join(', ')} FROM gateway.audit_event ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      actorSubject: row.actor_subject,
      actorRole: row.actor_role,
      terminal: row.terminal,
      channel: row.channel,
      operationName: row.operation_name,
      operationType: row.operation_type,
      personKey: row.person_key,
      fields: row.fields,
      outcome: row.outcome,
      requestId: row.request_id,
      submissionId: row.submission_id,
      delegationId: row.delegation_id,
      principalPersonKey: row.principal_person_key,
      applicantRole: row.applicant_role,
      applicantPersonKey: row.applicant_person_key,
      subjectCreditCode: row.subject_credit_code,
    }));
  }
}
