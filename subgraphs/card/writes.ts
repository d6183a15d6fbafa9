import type { Queryable } from '../../src/db/database.js';
import { CARD_VALIDITY_YEARS, CURRENT_CARD_GENERATION } from './policy.js';
import type {
  CardApplicationRow, CardLossReportRow, CardReplacementKind, CardReplacementRow, CardRow, CardService,
  CardServiceRecordRow, NewPerson,
} from './store.js';

/** Reference prefixes: 申领 SQ; 补领 BL, 换领 HL, 换发 HF; 挂失/解挂 GS; card services FW. */
const REPLACEMENT_PREFIX: Record<CardReplacementKind, string> = { REISSUE: 'BL', RENEWAL: 'HL', REPLACEMENT: 'HF' };
const numbered = (prefix: string, sequence: string) => `'${prefix}' || to_char(now(), 'YYYYMMDD') || lpad(nextval('card.${sequence}')::text, 6, '0')`;

/** Writes made inside an item's ledger transaction (`tx`), so record and ledger commit together. */
export const cardWrites = {
  async ensurePerson(tx: Queryable, person: NewPerson): Promise<void> {
    await tx.query(
      `INSERT INTO card.person (person_key, name, gender, birth_date, id_type, id_number, phone, household_address, residence_address, ethnicity)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (person_key) DO NOTHING`,
      [person.person_key, person.name, person.gender, person.birth_date, person.id_type, person.id_number, person.phone,
        person.household_address, person.residence_address, person.ethnicity],
    );
  },

  async cardInForce(tx: Queryable, personKey: string): Promise<CardRow | undefined> {
    const [row] = await tx.query<CardRow>(`SELECT * FROM card.social_security_card WHERE person_key = $1 AND status <> 'CANCELLED'`, [personKey]);
    return row;
  },

  async openApplication(tx: Queryable, personKey: string): Promise<CardApplicationRow | undefined> {
    const [row] = await tx.query<CardApplicationRow>(`SELECT * FROM card.card_application WHERE person_key = $1 AND status = 'ACCEPTED'`, [personKey]);
    return row;
  },

  async insertApplication(tx: Queryable, row: Omit<CardApplicationRow, 'application_number' | 'status' | 'issued_card_number' | 'applied_at'>): Promise<CardApplicationRow> {
    const [created] = await tx.query<CardApplicationRow>(
      `INSERT INTO card.card_application (application_number, person_key, status, delivery_method, delivery_address, delivery_recipient, delivery_phone)
       VALUES ('SQ' || to_char(now(), 'YYYYMMDD') || lpad(nextval('card.application_number_seq')::text, 6, '0'), $1, 'ACCEPTED', $2, $3, $4, $5)
       RETURNING *`,
      [row.person_key, row.delivery_method, row.delivery_address, row.delivery_recipient, row.delivery_phone],
    );
    return created!;
  },

  /**
   * Issues a new card to the person: physical and electronic one-to-one (经办条例 art. 7), a new
   * card number, valid for CARD_VALIDITY_YEARS, of the current generation, printed with the
   * person's name. Its social-insurance function is enabled (启用) and its bank account activated
   * (激活) afterwards, as their own items. A card replacing another keeps that card's bank.
   */
  async issueCard(tx: Queryable, personKey: string, bankFrom?: Pick<CardRow, 'bank_name' | 'bank_account'>): Promise<string> {
    const [card] = await tx.query<{ card_number: string }>(
      `INSERT INTO card.social_security_card (card_number, person_key, status, issued_on, valid_until, generation, printed_name,
         insurance_function_enabled, bank_name, bank_account, bank_activated)
       SELECT 'K' || nextval('card.card_number_seq'), person_key, 'ACTIVE', current_date,
         (current_date + make_interval(years => $2))::date, $3, name, false, $4, $5, false
         FROM card.person WHERE person_key = $1
       RETURNING card_number`,
      [personKey, CARD_VALIDITY_YEARS, CURRENT_CARD_GENERATION, bankFrom?.bank_name ?? null, bankFrom?.bank_account ?? null],
    );
    return card!.card_number;
  },

  /** Completing an application issues the card. */
  async issueCardFor(tx: Queryable, applicationNumber: string): Promise<void> {
    const [application] = await tx.query<CardApplicationRow>('SELECT * FROM card.card_application WHERE application_number = $1', [applicationNumber]);
    const cardNumber = await cardWrites.issueCard(tx, application!.person_key);
    await tx.query(`UPDATE card.card_application SET status = 'COMPLETED', issued_card_number = $2, decided_at = now() WHERE application_number = $1`, [applicationNumber, cardNumber]);
  },

  async rejectApplication(tx: Queryable, applicationNumber: string): Promise<void> {
    await tx.query(`UPDATE card.card_application SET status = 'REJECTED', decided_at = now() WHERE application_number = $1`, [applicationNumber]);
  },

  /** The card in force, locked: one person's card items run one after another. */
  async lockCardInForce(tx: Queryable, personKey: string): Promise<CardRow | undefined> {
    const [row] = await tx.query<CardRow>(`SELECT * FROM card.social_security_card WHERE person_key = $1 AND status <> 'CANCELLED' FOR UPDATE`, [personKey]);
    return row;
  },

  async openReplacement(tx: Queryable, personKey: string): Promise<CardReplacementRow | undefined> {
    const [row] = await tx.query<CardReplacementRow>(`SELECT * FROM card.card_replacement WHERE person_key = $1 AND status = 'ACCEPTED'`, [personKey]);
    return row;
  },

  async insertReplacement(tx: Queryable, row: Pick<CardReplacementRow, 'person_key' | 'kind' | 'reason' | 'replaced_card_number'>): Promise<CardReplacementRow> {
    const [created] = await tx.query<CardReplacementRow>(
      `INSERT INTO card.card_replacement (replacement_number, person_key, kind, status, reason, replaced_card_number)
       VALUES (${numbered(REPLACEMENT_PREFIX[row.kind], 'replacement_number_seq')}, $1, $2, 'ACCEPTED', $3, $4) RETURNING *`,
      [row.person_key, row.kind, row.reason, row.replaced_card_number],
    );
    return created!;
  },

  /** Completing a replacement issues the new card and cancels the one it replaces (补领: the lost one). */
  async completeReplacement(tx: Queryable, replacementNumber: string): Promise<void> {
    const [replacement] = await tx.query<CardReplacementRow>('SELECT * FROM card.card_replacement WHERE replacement_number = $1', [replacementNumber]);
    const [old] = await tx.query<CardRow>(
      `UPDATE card.social_security_card SET status = 'CANCELLED', cancelled_at = now(), temporary_loss_expires_at = NULL
        WHERE card_number = $1 RETURNING *`,
      [replacement!.replaced_card_number],
    );
    const cardNumber = await cardWrites.issueCard(tx, replacement!.person_key, old);
    await tx.query(`UPDATE card.card_replacement SET status = 'COMPLETED', issued_card_number = $2, decided_at = now() WHERE replacement_number = $1`, [replacementNumber, cardNumber]);
  },

  async rejectReplacement(tx: Queryable, replacementNumber: string): Promise<void> {
    await tx.query(`UPDATE card.card_replacement SET status = 'REJECTED', decided_at = now() WHERE replacement_number = $1`, [replacementNumber]);
  },

  /** Sets the card's loss state: TEMPORARILY_LOST with its lapse, LOST, or back to ACTIVE. */
  async setLossState(tx: Queryable, cardNumber: string, status: 'ACTIVE' | 'TEMPORARILY_LOST' | 'LOST', temporaryLossExpiresAt: Date | null): Promise<void> {
    await tx.query('UPDATE card.social_security_card SET status = $2, temporary_loss_expires_at = $3 WHERE card_number = $1', [cardNumber, status, temporaryLossExpiresAt]);
  },

  async insertLossReport(tx: Queryable, row: Pick<CardLossReportRow, 'person_key' | 'card_number' | 'operation' | 'channel' | 'expires_at'>): Promise<CardLossReportRow> {
    const [created] = await tx.query<CardLossReportRow>(
      `INSERT INTO card.card_loss_report (report_number, person_key, card_number, operation, channel, expires_at)
       VALUES (${numbered('GS', 'loss_report_number_seq')}, $1, $2, $3, $4, $5) RETURNING *`,
      [row.person_key, row.card_number, row.operation, row.channel, row.expires_at],
    );
    return created!;
  },

  async enableInsuranceFunction(tx: Queryable, cardNumber: string): Promise<void> {
    await tx.query('UPDATE card.social_security_card SET insurance_function_enabled = true WHERE card_number = $1', [cardNumber]);
  },

  async activateBankAccount(tx: Queryable, cardNumber: string): Promise<void> {
    await tx.query('UPDATE card.social_security_card SET bank_activated = true WHERE card_number = $1', [cardNumber]);
  },

  /** Only that the service happened: no PIN is ever received or stored. */
  async insertServiceRecord(tx: Queryable, row: { person_key: string; card_number: string; service: CardService; channel: string }): Promise<CardServiceRecordRow> {
    const [created] = await tx.query<CardServiceRecordRow>(
      `INSERT INTO card.card_service_record (record_number, person_key, card_number, service, channel)
       VALUES (${numbered('FW', 'service_record_number_seq')}, $1, $2, $3, $4) RETURNING *`,
      [row.person_key, row.card_number, row.service, row.channel],
    );
    return created!;
  },
};
