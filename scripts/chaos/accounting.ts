/**
 * The end of `npm run chaos`: every submission a client was told about is looked up in the
 * databases, straight (not through the services): each accepted one stored, each of its items
 * final, no item handled twice by its subgraph, and an audit event for every answer given.
 */
import pg from 'pg';
import { SUBGRAPH_NAMES } from '../../src/config.js';

export interface ClientLedger {
  /** Idempotency key → the submission id(s) the gateway answered with (more than one: doubled). */
  readonly answered: Map<string, Set<string>>;
  /** Keys answered while Redis was paused or down. */
  readonly answeredWithoutRedis: Set<string>;
  /** Keys given up on without an answer (retries exhausted). */
  readonly unanswered: Set<string>;
  /** Keys the gateway refused for good (e.g. BUNDLE_INVALID), with the code. */
  readonly refused: Map<string, string>;
}

export interface Figures {
  readonly sent: number;
  readonly accepted: number;
  readonly acceptedWithoutRedis: number;
  readonly refused: number;
  readonly unanswered: number;
  /** Accepted by the gateway, but not in PostgreSQL under its key. */
  readonly lost: number;
  /** One key with two submissions, or an item with two ledger entries or records in its subgraph. */
  readonly doubled: number;
  /** Items not final (PENDING, or FAILED still to retry) after the recovery wait. */
  readonly stuck: number;
  /** Items given up (FAILED after DISPATCH_MAX_TOTAL_ATTEMPTS): final, but reported. */
  readonly givenUp: number;
  /** Accepted submissions without an audit event naming them. */
  readonly unaudited: number;
  readonly items: number;
  readonly details: readonly string[];
}

const OPEN = `(status = 'PENDING' OR (status = 'FAILED' AND retryable))`;

/** Items still open in the chaos database (for the recovery wait). */
export async function openItems(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM gateway.submission_item WHERE ${OPEN}`);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

export async function account(databaseUrl: string, ledger: ClientLedger, clientPrefix: string): Promise<Figures> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const details: string[] = [];
  try {
    const submissions = (await client.query<{ id: string; idempotency_key: string }>('SELECT id, idempotency_key FROM gateway.submission')).rows;
    const byKey = new Map<string, string[]>();
    for (const row of submissions) byKey.set(row.idempotency_key, [...(byKey.get(row.idempotency_key) ?? []), row.id]);

    let lost = 0;
    let doubled = 0;
    for (const [key, ids] of ledger.answered) {
      const stored = byKey.get(`${clientPrefix}|${key}`) ?? [];
      if (ids.size > 1 || stored.length > 1) {
        doubled += 1;
        details.push(`doubled: key ${key} answered with ${[...ids].join(', ')}, stored as ${stored.join(', ')}`);
      }
      for (const id of ids) {
        if (!stored.includes(id)) {
          lost += 1;
          details.push(`lost: key ${key} answered with ${id}, not stored under it`);
        }
      }
    }

    const items = (
      await client.query<{
        submission_id: string;
        item_code: string;
        owner: string;
        status: string;
        retryable: boolean;
        idempotency_key: string;
        record_id: string | null;
      }>('SELECT submission_id, item_code, owner, status, retryable, idempotency_key, record_id FROM gateway.submission_item')
    ).rows;
    const stuckItems = items.filter((i) => i.status === 'PENDING' || (i.status === 'FAILED' && i.retryable));
    for (const item of stuckItems.slice(0, 10)) details.push(`stuck: ${item.submission_id} ${item.item_code} ${item.status}`);
    const givenUp = items.filter((i) => i.status === 'FAILED' && !i.retryable).length;

    // Each subgraph: one ledger entry per item key, for a stored item, with the record the gateway holds.
    const itemByKey = new Map(items.map((i) => [i.idempotency_key, i]));
    for (const name of SUBGRAPH_NAMES) {
      const schema = name.replace('-', '_');
      const entries = (
        await client.query<{ idempotency_key: string; submission_id: string | null; item_code: string; record_id: string | null }>(
          `SELECT idempotency_key, submission_id, item_code, record_id FROM ${schema}.item_ledger`,
        )
      ).rows;
      const perItem = new Map<string, number>();
      for (const entry of entries) {
        const item = `${entry.submission_id}:${entry.item_code}`;
        perItem.set(item, (perItem.get(item) ?? 0) + 1);
        const known = itemByKey.get(entry.idempotency_key);
        if (!known) {
          doubled += 1;
          details.push(`doubled: ${name} handled ${entry.idempotency_key}, which no stored submission holds`);
        } else if (known.record_id && entry.record_id && known.record_id !== entry.record_id) {
          doubled += 1;
          details.push(`doubled: ${name} record ${entry.record_id} for ${entry.idempotency_key}, the gateway holds ${known.record_id}`);
        }
      }
      for (const [item, count] of perItem) {
        if (count > 1) {
          doubled += 1;
          details.push(`doubled: ${name} handled ${item} ${count} times`);
        }
      }
    }

    const audited = new Set(
      (
        await client.query<{ submission_id: string }>(
          `SELECT DISTINCT submission_id FROM gateway.audit_event WHERE operation_type = 'mutation' AND submission_id IS NOT NULL`,
        )
      ).rows.map((r) => r.submission_id),
    );
    let unaudited = 0;
    for (const ids of ledger.answered.values()) {
      for (const id of ids) {
        if (!audited.has(id)) {
          unaudited += 1;
          details.push(`unaudited: ${id} was answered without an audit event`);
        }
      }
    }

    return {
      sent: ledger.answered.size + ledger.refused.size + ledger.unanswered.size,
      accepted: ledger.answered.size,
      acceptedWithoutRedis: ledger.answeredWithoutRedis.size,
      refused: ledger.refused.size,
      unanswered: ledger.unanswered.size,
      lost,
      doubled,
      stuck: stuckItems.length,
      givenUp,
      unaudited,
      items: items.length,
      details,
    };
  } finally {
    await client.end();
  }
}
