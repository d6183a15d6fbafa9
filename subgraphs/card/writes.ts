import type { Queryable } from '../../src/db/database.js';
import { CARD_VALIDITY_YEARS, CURRENT_CARD_GENERATION } from './policy.js';
import type { CardRow, NewPerson } from './store.js';

/** Writes made inside an item's ledger transaction (`tx`), so record and ledger commit together. */
export const cardWrites = {
  async ensurePerson(tx: Queryable, person: NewPerson): Promise<void> {
    await tx.query(
      `INSERT INTO card.person (person_key, name, gender, birth_date, id_type, id_number, phone, household_address, residence_address, ethnicity)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (person_key) DO NOTHING`,
      [
        person.person_key,
        person.name,
        person.gender,
        person.birth_date,
        person.id_type,
        person.id_number,
        person.phone,
        person.household_address,
        person.residence_address,
        person.ethnicity,
      ],
    );
  },

  async cardInForce(tx: Queryable, personKey: string): Promise<CardRow | undefined> {
    const [row] = await tx.query<CardRow>(`SELECT * FROM card.social_security_card WHERE person_key = $1 AND status <> 'CANCELLED'`, [personKey]);
    return row;
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

  /** The card in force, locked: one person's card items run one after another. */
  async lockCardInForce(tx: Queryable, personKey: string): Promise<CardRow | undefined> {
    const [row] = await tx.query<CardRow>(`SELECT * FROM card.social_security_card WHERE person_key = $1 AND status <> 'CANCELLED' FOR UPDATE`, [personKey]);
    return row;
  },

  /** Replacing a card cancels it and issues the new one, with the old one's bank; returns the new number. */
  async replaceCard(tx: Queryable, personKey: string, replacedCardNumber: string): Promise<string> {
    const [old] = await tx.query<CardRow>(
      `UPDATE card.social_security_card SET status = 'CANCELLED', cancelled_at = now(), temporary_loss_expires_at = NULL
        WHERE card_number = $1 RETURNING *`,
      [replacedCardNumber],
    );
    return cardWrites.issueCard(tx, personKey, old);
  },

  /** Sets the card's loss state: TEMPORARILY_LOST with its lapse, LOST, or back to ACTIVE. */
  async setLossState(tx: Queryable, cardNumber: string, status: 'ACTIVE' | 'TEMPORARILY_LOST' | 'LOST', temporaryLossExpiresAt: Date | null): Promise<void> {
    await tx.query('UPDATE card.social_security_card SET status = $2, temporary_loss_expires_at = $3 WHERE card_number = $1', [
      cardNumber,
      status,
      temporaryLossExpiresAt,
    ]);
  },

  async enableInsuranceFunction(tx: Queryable, cardNumber: string): Promise<void> {
    await tx.query('UPDATE card.social_security_card SET insurance_function_enabled = true WHERE card_number = $1', [cardNumber]);
  },

  async activateBankAccount(tx: Queryable, cardNumber: string): Promise<void> {
    await tx.query('UPDATE card.social_security_card SET bank_activated = true WHERE card_number = $1', [cardNumber]);
  },
};
