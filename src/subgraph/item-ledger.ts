import { GraphQLError } from 'graphql';
import { callerMayReach, type InternalContext } from '../auth/internal-context.js';
import { regionOfDocument } from '../auth/row-access.js';
import { ErrorCode } from '../errors.js';
import { personKey } from '../identity/person-key.js';
import type { Database, Queryable } from '../db/database.js';
import type { Migration } from '../db/migrations.js';
import type { Applicant, ItemDecisionInput, ItemDispatch, ItemOutcome, ItemRejection } from '../contract/item-contract.js';

/** The record an item created, for a domain hook to act on when the counter decides. */
export interface LedgerEntry {
  readonly idempotencyKey: string;
  readonly itemCode: string;
  readonly personKey: string;
  readonly recordType: string | null;
  readonly recordId: string | null;
  readonly channel: string;
  readonly submissionId: string | null;
}

/** A rule said no: the outcome the item mutation returns (stored like any other). */
export function rejected(itemCode: string, code: string, message: string, field?: string): ItemOutcome {
  return { itemCode, status: 'REJECTED', rejection: { code, message, field: field ?? null } };
}

/** The ledger table every subgraph keeps (add this migration first in its list). */
export function itemLedgerMigration(schema: string): Migration {
  return {
    id: '000-item-ledger',
    sql: `
      CREATE TABLE ${schema}.item_ledger (
        idempotency_key text PRIMARY KEY,
        item_code       text NOT NULL,
        submission_id   text,
        person_key      text NOT NULL,
        channel         text NOT NULL,
        status          text NOT NULL CHECK (status IN ('COMPLETED', 'ACCEPTED', 'REJECTED')),
        record_type     text,
        record_id       text,
        reference       text,
        rejection       jsonb,
        received_at     timestamptz NOT NULL DEFAULT now(),
        decided_at      timestamptz,
        decided_by      text,
        decision_reason text
      );
      CREATE INDEX item_ledger_person ON ${schema}.item_ledger (person_key);
      CREATE INDEX item_ledger_submission ON ${schema}.item_ledger (submission_id);
    `,
  };
}

interface LedgerRow {
  idempotency_key: string;
  item_code: string;
  person_key: string;
  channel: string;
  submission_id: string | null;
  status: ItemOutcome['status'];
  record_type: string | null;
  record_id: string | null;
  reference: string | null;
  rejection: ItemRejection | null;
}

const toOutcome = (row: LedgerRow): ItemOutcome => ({
  itemCode: row.item_code,
  status: row.status,
  recordType: row.record_type,
  recordId: row.record_id,
  reference: row.reference,
  rejection: row.rejection,
});

/**
 * Each subgraph's record of the items it was handed, by the gateway's per-item idempotency
 * key: the first dispatch does the work and stores its outcome in the same transaction; any
 * repeat (a retry, a recovery after a crash, a concurrent duplicate) returns that outcome and
 * creates nothing.
 */
export class ItemLedger {
  constructor(
    private readonly db: Database,
    private readonly schema: string,
  ) {}

  async handleOnce(dispatch: ItemDispatch, work: (tx: Queryable) => Promise<ItemOutcome>): Promise<ItemOutcome> {
    return this.db.transaction(async (tx) => {
      // Serialises concurrent dispatches of the same key; the second then finds the first's row.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.schema}:item:${dispatch.idempotencyKey}`]);
      const [existing] = await tx.query<LedgerRow>(`SELECT * FROM ${this.schema}.item_ledger WHERE idempotency_key = $1`, [dispatch.idempotencyKey]);
      if (existing) return toOutcome(existing);
      const outcome = await work(tx);
      await tx.query(
        `INSERT INTO ${this.schema}.item_ledger (idempotency_key, item_code, submission_id, person_key, channel, status, record_type, record_id, reference, rejection)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          dispatch.idempotencyKey,
          dispatch.itemCode,
          dispatch.submissionId ?? null,
          dispatch.applicant.personId,
          dispatch.channel,
          outcome.status,
          outcome.recordType ?? null,
          outcome.recordId ?? null,
          outcome.reference ?? null,
          outcome.rejection ? JSON.stringify(outcome.rejection) : null,
        ],
      );
      return outcome;
    });
  }

  /**
   * The counter completes or rejects an ACCEPTED item; `onDecision` updates the domain record
   * in the same transaction. Deciding twice the same way returns the decision; anything else
   * is refused with ITEM_NOT_PENDING.
   */
  async decide(
    idempotencyKey: string,
    decision: ItemDecisionInput,
    onDecision: (tx: Queryable, entry: LedgerEntry, decision: ItemDecisionInput) => Promise<void>,
  ): Promise<ItemOutcome> {
    if (decision.outcome === 'REJECT' && !decision.reason?.trim()) {
      throw new GraphQLError('decision.reason: a rejection needs a reason told to the applicant', {
        extensions: { code: 'BAD_USER_INPUT', field: 'decision.reason' },
      });
    }
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<LedgerRow>(`SELECT * FROM ${this.schema}.item_ledger WHERE idempotency_key = $1 FOR UPDATE`, [idempotencyKey]);
      if (!row) throw new GraphQLError('no item was dispatched with this key', { extensions: { code: 'ITEM_NOT_FOUND', field: 'idempotencyKey' } });
      const target = decision.outcome === 'COMPLETE' ? 'COMPLETED' : 'REJECTED';
      if (row.status === target) return toOutcome(row);
      if (row.status !== 'ACCEPTED') {
        throw new GraphQLError(`the item is ${row.status}, only an ACCEPTED item can be decided`, {
          extensions: { code: 'ITEM_NOT_PENDING', field: 'idempotencyKey' },
        });
      }
      await onDecision(
        tx,
        {
          idempotencyKey,
          itemCode: row.item_code,
          personKey: row.person_key,
          recordType: row.record_type,
          recordId: row.record_id,
          channel: row.channel,
          submissionId: row.submission_id,
        },
        decision,
      );
      const rejection = target === 'REJECTED' ? { code: 'REJECTED_BY_COUNTER', message: decision.reason!, field: null } : null;
      const [updated] = await tx.query<LedgerRow>(
        `UPDATE ${this.schema}.item_ledger SET status = $2, rejection = $3, decided_at = now(), decided_by = $4, decision_reason = $5
          WHERE idempotency_key = $1 RETURNING *`,
        [idempotencyKey, target, rejection ? JSON.stringify(rejection) : null, decision.decidedBy, decision.reason ?? null],
      );
      return toOutcome(updated!);
    });
  }
}

/** The item mutation's dispatch must name the item the mutation handles. */
export function checkDispatchFor(itemCode: string, dispatch: ItemDispatch): void {
  if (dispatch.itemCode !== itemCode) {
    throw new GraphQLError(`dispatch.itemCode: this mutation handles ${itemCode}, got ${dispatch.itemCode}`, {
      extensions: { code: 'BAD_USER_INPUT', field: 'dispatch.itemCode' },
    });
  }
}

/** What item resolvers need from their context. */
export interface LedgerContext {
  readonly ledger: ItemLedger;
  readonly caller: InternalContext;
  readonly personKeySecret: string;
  readonly reached: Set<string>;
}

/**
 * The applicant is trusted only as far as its ID document goes: its key is recomputed here and
 * must be the `personId` given (else APPLICANT_KEY_MISMATCH), and the caller must be allowed to
 * reach that person (a clerk within their region; the gateway for what it authorized itself).
 */
function checkApplicant(context: LedgerContext, applicant: Applicant): void {
  const key = personKey(context.personKeySecret, applicant.idType, applicant.idNumber);
  if (key !== applicant.personId) {
    throw new GraphQLError("dispatch.applicant.personId: does not match the applicant's ID document", {
      extensions: { code: ErrorCode.APPLICANT_KEY_MISMATCH, field: 'dispatch.applicant.personId' },
    });
  }
  context.reached.add(key);
  if (!callerMayReach(context.caller, { key, region: regionOfDocument(applicant.idType, applicant.idNumber) })) {
    throw new GraphQLError("the applicant is outside the caller's region", { extensions: { code: ErrorCode.FORBIDDEN, field: 'dispatch.applicant.idNumber' } });
  }
}

/** Defence in depth: the subgraph itself checks the signed context allows dispatching items. */
function checkMayDispatch(context: LedgerContext): void {
  if (!context.caller.scopes.includes('item:dispatch')) {
    throw new GraphQLError('the caller may not dispatch items', { extensions: { code: ErrorCode.FORBIDDEN, field: 'dispatch' } });
  }
}

/**
 * Channels a staff member may name when entering an item directly (not through submitBundle):
 * they stand at the counter or visit the home. The other channels are facts the gateway records
 * itself (the web, an agent terminal, a 免申即办 run); claiming one would falsify the statistics
 * by channel and the 免申即办 counts.
 */
const DIRECT_ENTRY_CHANNELS: ReadonlySet<string> = new Set(['COUNTER', 'HOME_VISIT']);

function checkChannel(context: LedgerContext, dispatch: ItemDispatch): void {
  if (context.caller.role !== 'gateway' && !DIRECT_ENTRY_CHANNELS.has(dispatch.channel)) {
    throw new GraphQLError(`an item entered directly is entered at the counter or on a home visit, not ${dispatch.channel}`, {
      extensions: { code: ErrorCode.FORBIDDEN, field: 'dispatch.channel' },
    });
  }
}

/**
 * The resolver of one item mutation: checks the dispatch names this item, then runs `handle`
 * once per idempotency key inside the ledger's transaction (write through `tx`).
 */
export function itemMutation<Input extends object, Context extends LedgerContext>(
  itemCode: string,
  handle: (tx: Queryable, input: Input, dispatch: ItemDispatch, context: Context) => Promise<ItemOutcome>,
) {
  return (_: unknown, args: { input?: Input; dispatch: ItemDispatch }, context: Context): Promise<ItemOutcome> => {
    checkMayDispatch(context);
    checkChannel(context, args.dispatch);
    checkDispatchFor(itemCode, args.dispatch);
    checkApplicant(context, args.dispatch.applicant);
    return context.ledger.handleOnce(args.dispatch, (tx) => handle(tx, args.input ?? ({} as Input), args.dispatch, context));
  };
}

/** The resolver of a subgraph's back-office decision mutation. */
export function decisionMutation<Context extends LedgerContext>(onDecision: (tx: Queryable, entry: LedgerEntry, decision: ItemDecisionInput) => Promise<void>) {
  return (_: unknown, args: { idempotencyKey: string; decision: ItemDecisionInput }, context: Context): Promise<ItemOutcome> => {
    checkMayDispatch(context);
    return context.ledger.decide(args.idempotencyKey, args.decision, onDecision);
  };
}
