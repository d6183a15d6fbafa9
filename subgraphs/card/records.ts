/**
 * The records the card items create, each declared once with `defineRecord`: 申领
 * (CardApplication), 补领 / 换领 / 换发 (CardReplacement, numbered by kind), and the INSTANT
 * items' records, inserted COMPLETED: 挂失 / 解挂 (CardLossReport) and the card services
 * (CardServiceRecord). Each keeps its own sequence, so numbers are unchanged.
 */
import type { Queryable } from '../../src/db/database.js';
import type { ItemDecisionInput } from '../../src/contract/item-contract.js';
import { defineRecord, recordSet } from '../../src/subgraph/records.js';
import { toApplication, toLossReport, toReplacement, toServiceRecord } from './mappers.js';
import type { CardApplicationRow, CardReplacementKind, CardReplacementRow } from './store.js';
import { moveCard, type CardEvent } from './card-lifecycle.js';
import { cardWrites, issueColumns } from './writes.js';

/** Reference prefixes: 补领 BL, 换领 HL, 换发 HF. */
const REPLACEMENT_PREFIX: Record<CardReplacementKind, string> = { REISSUE: 'BL', RENEWAL: 'HL', REPLACEMENT: 'HF' };

/** A decision moves the card by the counter's hand. */
const byCounter = (decision: ItemDecisionInput, event: CardEvent) => ({ event, by: decision.decidedBy, channel: 'COUNTER', field: 'decision.outcome' });

const onComplete =
  <Row>(complete: (tx: Queryable, row: Row) => Promise<Record<string, unknown>>) =>
  async (tx: Queryable, row: Row, decision: ItemDecisionInput) =>
    decision.outcome === 'COMPLETE' ? complete(tx, row) : undefined;

/**
 * 申领: accepting it creates the card, APPLIED (its number known at once); the back office records
 * it made (recordCardMade); completing the application hands it over (MADE → ISSUED), which the
 * state machine refuses while the card is not made; rejecting it cancels the card.
 */
export const applications = defineRecord({
  typename: 'CardApplication',
  table: 'card.card_application',
  key: 'application_number',
  numberPrefix: 'SQ',
  sequence: 'card.application_number_seq',
  toEntity: toApplication,
  onDecision: async (tx, application: CardApplicationRow, decision) => {
    const cardNumber = application.issued_card_number!;
    if (decision.outcome === 'COMPLETE') await moveCard(tx, cardNumber, 'ISSUED', { ...byCounter(decision, 'ISSUED'), columns: issueColumns() });
    else await moveCard(tx, cardNumber, 'CANCELLED', byCounter(decision, 'APPLICATION_REJECTED'));
  },
});

/** 补领 / 换领 / 换发: completing it issues the new card and cancels the one it replaces. */
export const replacements = defineRecord({
  typename: 'CardReplacement',
  table: 'card.card_replacement',
  key: 'replacement_number',
  numberPrefix: (columns) => REPLACEMENT_PREFIX[columns.kind as CardReplacementKind],
  sequence: 'card.replacement_number_seq',
  toEntity: toReplacement,
  onDecision: (tx, replacement: CardReplacementRow, decision) =>
    onComplete<CardReplacementRow>(async () => ({
      issued_card_number: await cardWrites.replaceCard(
        tx,
        replacement.person_key,
        replacement.replaced_card_number,
        replacement.kind === 'REISSUE',
        byCounter(decision, 'ISSUED'),
      ),
    }))(tx, replacement, decision),
});

/** 挂失 / 解挂: done on the spot. */
export const lossReports = defineRecord({
  typename: 'CardLossReport',
  table: 'card.card_loss_report',
  key: 'report_number',
  numberPrefix: 'GS',
  sequence: 'card.loss_report_number_seq',
  initialStatus: 'COMPLETED',
  toEntity: toLossReport,
});

/** 社保功能启用, 银行账户激活, 密码修改与重置: only that the service happened (never a PIN). */
export const serviceRecords = defineRecord({
  typename: 'CardServiceRecord',
  table: 'card.card_service_record',
  key: 'record_number',
  numberPrefix: 'FW',
  sequence: 'card.service_record_number_seq',
  initialStatus: 'COMPLETED',
  toEntity: toServiceRecord,
});

export interface CardCancellationRow {
  cancellation_number: string;
  person_key: string;
  card_number: string;
  status: 'ACCEPTED' | 'COMPLETED' | 'REJECTED';
  death_date: string;
  agent_name: string;
  agent_id_number: string;
  agent_phone: string | null;
  agent_relationship: string;
  submission_id: string | null;
  applied_at: Date;
  decided_at: Date | null;
}

/** 社保功能注销 after death: completing it cancels the card (any state → CANCELLED); the bank account stays the bank's. */
export const cancellations = defineRecord({
  typename: 'CardCancellation',
  table: 'card.card_cancellation',
  key: 'cancellation_number',
  numberPrefix: 'ZX',
  toEntity: (row: CardCancellationRow) => ({
    id: row.cancellation_number,
    person: { id: row.person_key },
    status: row.status,
    deathDate: row.death_date,
    agentRelationship: row.agent_relationship,
    appliedAt: row.applied_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    cardNumber: row.card_number,
  }),
  onDecision: (tx, cancellation: CardCancellationRow, decision) =>
    onComplete<CardCancellationRow>(async () => {
      await moveCard(tx, cancellation.card_number, 'CANCELLED', byCounter(decision, 'HOLDER_DIED'));
      return {};
    })(tx, cancellation, decision),
});

export const cardRecords = recordSet([applications, replacements, lossReports, serviceRecords, cancellations]);
