/**
 * The records items create, declared once: `defineRecord({ typename, table, key, numberPrefix,
 * toEntity, onDecision? })` gives the numbered insert, the open-record check, the per-request
 * DataLoader and `__resolveReference`, the history of status changes (who, when, channel,
 * submission) and the back-office decision, looked up by the record's type.
 */
import type DataLoader from 'dataloader';
import type { Queryable } from '../db/database.js';
import type { Migration } from '../db/migrations.js';
import type { ItemDecisionInput, ItemDispatch, ItemOutcome } from '../contract/item-contract.js';
import { decisionMutation, type LedgerEntry } from './item-ledger.js';
import { rowLoader } from './loaders.js';
import { todayInChina } from '../policy/calendar.js';

export type RecordStatus = 'ACCEPTED' | 'COMPLETED' | 'REJECTED';

/** Who changed a record's status, and through what (one history row per change). */
export interface StatusChange {
  readonly by: string;
  readonly channel: string | null;
  readonly submissionId: string | null;
  readonly reason?: string | null;
}

export interface RecordOptions<Row, Entity> {
  /** The GraphQL entity (ItemOutcome.recordType), keyed by `id` = the record's number. */
  readonly typename: string;
  /** Schema-qualified table: `insurance.unemployment_benefit_claim`. */
  readonly table: string;
  /** Column holding the record's number (its primary key). */
  readonly key: string;
  /**
   * Numbers are prefix + YYYYMMDD (Beijing) + six digits of `sequence`; a function picks the
   * prefix from the inserted columns (one record type, several kinds: 补领 BL, 换领 HL …).
   */
  readonly numberPrefix: string | ((columns: Record<string, unknown>) => string);
  /** The date in the number: a `to_char` format, default `YYYYMMDD` (`YYYY`: 聘用 numbers, by year). */
  readonly numberDate?: 'YYYYMMDD' | 'YYYY';
  /** The status a record is inserted with: ACCEPTED (default), or COMPLETED for an INSTANT item's. */
  readonly initialStatus?: 'ACCEPTED' | 'COMPLETED';
  /**
   * The table's own words for the engine's statuses, where its record has a lifecycle of its own
   * (聘用: ACCEPTED is PENDING_REGISTRATION, COMPLETED is ACTIVE). The history keeps the engine's.
   */
  readonly statuses?: Readonly<Partial<Record<RecordStatus, string>>>;
  /** Sequence of the numbers; default the schema's `item_number_seq`, shared by its records. */
  readonly sequence?: string;
  /** Reads the entity's rows, `$1` the numbers; default: every column of the table. */
  readonly select?: string;
  readonly toEntity: (row: Row) => Entity;
  /**
   * The domain effect of the counter's decision, in its transaction, before the status changes;
   * returns further columns to set with the status. Throw a GraphQLError to refuse it.
   */
  readonly onDecision?: (tx: Queryable, row: Row, decision: ItemDecisionInput) => Promise<Record<string, unknown> | void>;
}

export interface RecordType<Row, Entity> extends RecordOptions<Row, Entity> {
  /** Inserts a record (ACCEPTED, or `initialStatus`) for the dispatch and returns its number. */
  insert(tx: Queryable, dispatch: ItemDispatch, columns: Record<string, unknown>): Promise<string>;
  /** The ACCEPTED outcome of a TIME_LIMITED item: the record's number is the applicant's reference. */
  accepted(dispatch: ItemDispatch, number: string): ItemOutcome;
  /** The COMPLETED outcome of an INSTANT item (a record inserted with `initialStatus: 'COMPLETED'`). */
  completed(dispatch: ItemDispatch, number: string): ItemOutcome;
  /** Whether a record of this type (and `kind`) is still being handled for the person. */
  hasOpen(tx: Queryable, personKey: string, kind?: string): Promise<boolean>;
  /** The row, locked for the rest of the transaction. */
  forUpdate(tx: Queryable, number: string): Promise<Row>;
  setStatus(tx: Queryable, number: string, status: RecordStatus, change: StatusChange, columns?: Record<string, unknown>): Promise<void>;
  /** The counter's decision: `onDecision`, then the status, with its history. */
  decide(tx: Queryable, number: string, decision: ItemDecisionInput, entry: LedgerEntry): Promise<void>;
  loader(db: Queryable): DataLoader<string, Row | null>;
  /** The entity's resolver: `__resolveReference` through the request's loader of this type. */
  readonly resolver: { __resolveReference: (reference: { id: string }, context: RecordContext) => Promise<Entity | null> };
}

/** What record resolvers need from the request's context: `createLoaders` includes `records`. */
export interface RecordContext {
  readonly loaders: { readonly records: RecordLoaders };
}

const schemaOf = (table: string) => table.slice(0, table.indexOf('.'));

/** One row of the history, in the record's own schema (`recordHistoryMigration`). */
async function recordChange(tx: Queryable, schema: string, typename: string, number: string, status: RecordStatus, change: StatusChange): Promise<void> {
  await tx.query(
    `INSERT INTO ${schema}.record_history (record_type, record_id, status, changed_by, channel, submission_id, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [typename, number, status, change.by, change.channel, change.submissionId, change.reason ?? null],
  );
}

export function defineRecord<Row, Entity>(options: RecordOptions<Row, Entity>): RecordType<Row, Entity> {
  const { typename, table, key, numberPrefix } = options;
  const initialStatus = options.initialStatus ?? 'ACCEPTED';
  const numberDate = options.numberDate ?? 'YYYYMMDD';
  const stored = (status: RecordStatus) => options.statuses?.[status] ?? status;
  const schema = schemaOf(table);
  const select = options.select ?? `SELECT * FROM ${table} WHERE ${key} = ANY($1)`;
  const sequence = options.sequence ?? `${schema}.item_number_seq`;
  const record: RecordType<Row, Entity> = {
    ...options,
    async insert(tx, dispatch, columns) {
      const names = Object.keys(columns);
      const prefix = typeof numberPrefix === 'function' ? numberPrefix(columns) : numberPrefix;
      if (!/^[A-Z][A-Z0-9]{0,11}$/.test(prefix)) throw new TypeError(`numberPrefix: expected capital letters, then letters or digits, got ${prefix}`);
      // Dated in China (todayInChina), not by the database session's time zone.
      const today = todayInChina().replaceAll('-', '');
      const [row] = await tx.query<{ number: string }>(
        `INSERT INTO ${table} (${key}, status${names.map((name) => `, ${name}`).join('')})
         VALUES ('${prefix}' || $1 || lpad(nextval('${sequence}')::text, 6, '0'), '${stored(initialStatus)}'
                 ${names.map((_, i) => `, $${i + 2}`).join('')})
         RETURNING ${key} AS number`,
        [numberDate === 'YYYY' ? today.slice(0, 4) : today, ...Object.values(columns)],
      );
      await recordChange(tx, schema, typename, row!.number, initialStatus, {
        by: dispatch.applicant.personId,
        channel: dispatch.channel,
        submissionId: dispatch.submissionId ?? null,
      });
      return row!.number;
    },
    accepted: (dispatch, number) => ({ itemCode: dispatch.itemCode, status: 'ACCEPTED', recordType: typename, recordId: number, reference: number }),
    completed: (dispatch, number) => ({ itemCode: dispatch.itemCode, status: 'COMPLETED', recordType: typename, recordId: number, reference: number }),
    async hasOpen(tx, personKey, kind) {
      const rows = await tx.query(
        `SELECT 1 FROM ${table} WHERE person_key = $1 AND status = '${stored('ACCEPTED')}'${kind === undefined ? '' : ' AND kind = $2'} LIMIT 1`,
        kind === undefined ? [personKey] : [personKey, kind],
      );
      return rows.length > 0;
    },
    async forUpdate(tx, number) {
      const [row] = await tx.query<Row>(`SELECT * FROM ${table} WHERE ${key} = $1 FOR UPDATE`, [number]);
      return row!;
    },
    async setStatus(tx, number, status, change, columns = {}) {
      const sets = Object.keys(columns)
        .map((name, i) => `, ${name} = $${i + 3}`)
        .join('');
      await tx.query(`UPDATE ${table} SET status = $2, decided_at = now()${sets} WHERE ${key} = $1`, [number, stored(status), ...Object.values(columns)]);
      await recordChange(tx, schema, typename, number, status, change);
    },
    async decide(tx, number, decision, entry) {
      const row = await record.forUpdate(tx, number);
      const columns = (await options.onDecision?.(tx, row, decision)) ?? {};
      const status = decision.outcome === 'COMPLETE' ? 'COMPLETED' : 'REJECTED';
      await record.setStatus(
        tx,
        number,
        status,
        { by: decision.decidedBy, channel: entry.channel, submissionId: entry.submissionId, reason: decision.reason },
        columns,
      );
    },
    loader: (db) =>
      rowLoader(
        (numbers) => db.query<Row>(select, [numbers]),
        (row) => String((row as Record<string, unknown>)[key]),
      ),
    resolver: {
      __resolveReference: async (reference, context) => {
        const row = (await context.loaders.records.get(typename)!.load(reference.id)) as Row | null;
        return row ? options.toEntity(row) : null;
      },
    },
  };
  return record;
}

/** A subgraph's records, by type: loaders, entity resolvers, the decision and the history table. */
export interface RecordSet {
  /** Per request (in the subgraph's `createLoaders`): one loader per record type. */
  loaders(db: Queryable): RecordLoaders;
  /** `__resolveReference` of every record entity, batched through the request's loaders. */
  readonly resolvers: Record<string, RecordType<unknown, unknown>['resolver']>;
  /** The subgraph's `decide<Subgraph>Item`: the record of the decided item, by its type. */
  readonly decision: ReturnType<typeof decisionMutation>;
}
export type RecordLoaders = ReadonlyMap<string, DataLoader<string, unknown>>;

export function recordSet(
  // Records of every row type: a row type sits in both argument and result positions, so only `any` admits them all.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  records: ReadonlyArray<RecordType<any, unknown>>,
  /** Decides records of other types (kept while a subgraph moves its records onto `defineRecord`). */
  otherwise?: (tx: Queryable, entry: LedgerEntry, decision: ItemDecisionInput) => Promise<void>,
): RecordSet {
  const byType = new Map(records.map((record) => [record.typename, record]));
  return {
    loaders: (db) => new Map(records.map((record) => [record.typename, record.loader(db) as DataLoader<string, unknown>])),
    resolvers: Object.fromEntries(records.map((record) => [record.typename, record.resolver])),
    decision: decisionMutation(async (tx, entry, decision) => {
      const record = entry.recordType ? byType.get(entry.recordType) : undefined;
      if (record && entry.recordId) await record.decide(tx, entry.recordId, decision, entry);
      else await otherwise?.(tx, entry, decision);
    }),
  };
}

/** The history of every record's status in a subgraph's schema (add it to its migrations). */
export function recordHistoryMigration(schema: string, id: string): Migration {
  return {
    id,
    sql: `
      CREATE SEQUENCE IF NOT EXISTS ${schema}.item_number_seq START 1;
      CREATE TABLE ${schema}.record_history (
        history_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        record_type   text NOT NULL,
        record_id     text NOT NULL,
        status        text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        changed_at    timestamptz NOT NULL DEFAULT now(),
        changed_by    text NOT NULL,
        channel       text,
        submission_id text,
        reason        text
      );
      CREATE INDEX record_history_record ON ${schema}.record_history (record_type, record_id);
    `,
  };
}
