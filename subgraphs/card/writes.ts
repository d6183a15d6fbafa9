import type { Queryable } from '../../src/db/database.js';
import type { ItemDispatch } from '../../src/contract/item-contract.js';
import { addMonths, todayInChina } from '../../src/policy/calendar.js';
import { IN_FORCE_SQL, moveCard, recordCardCreated, type CardChange, type CardEvent } from './card-lifecycle.js';
import { CARD_VALIDITY_YEARS, CURRENT_CARD_GENERATION } from './policy.js';
import type { CardRow, NewPerson } from './store.js';

/** The change an item makes to a card: by its applicant, through its channel and submission. */
export const byDispatch = (dispatch: ItemDispatch, event: CardEvent): CardChange => ({
  event,
  by: dispatch.applicant.personId,
  channel: dispatch.channel,
  submissionId: dispatch.submissionId ?? null,
});

/**
 * 发放: the card's issue date and the 有效期 printed on it, CARD_VALIDITY_YEARS on, both counted
 * in Beijing time (todayInChina: the date the agency prints, whatever the server's zone).
 */
export function issueColumns(today: string = todayInChina()) {
  return { issued_on: today, valid_until: addMonths(today, 12 * CARD_VALIDITY_YEARS) };
}

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
    const [row] = await tx.query<CardRow>(`SELECT * FROM card.social_security_card WHERE person_key = $1 AND ${IN_FORCE_SQL}`, [personKey]);
    return row;
  },

  /**
   * A new card for the person, with its number: APPLIED (申领 accepted; made and issued later), or
   * ISSUED at once with its dates (a card made in place of another, handed over when completed).
   * Physical and electronic one-to-one (经办条例 art. 7), of the current generation, printed with
   * the person's name. A card replacing another keeps that card's bank.
   */
  async createCard(
    tx: Queryable,
    personKey: string,
    state: 'APPLIED' | 'ISSUED',
    change: CardChange,
    bankFrom?: Pick<CardRow, 'bank_name' | 'bank_account'>,
  ): Promise<string> {
    const dates = state === 'ISSUED' ? issueColumns() : { issued_on: null, valid_until: null };
    const [card] = await tx.query<{ card_number: string }>(
      `INSERT INTO card.social_security_card (card_number, person_key, status, issued_on, valid_until, generation, printed_name,
         insurance_function_enabled, bank_name, bank_account, bank_activated)
       SELECT 'K' || nextval('card.card_number_seq'), person_key, $2, $3, $4, $5, name, false, $6, $7, false
         FROM card.person WHERE person_key = $1
       RETURNING card_number`,
      [personKey, state, dates.issued_on, dates.valid_until, CURRENT_CARD_GENERATION, bankFrom?.bank_name ?? null, bankFrom?.bank_account ?? null],
    );
    await recordCardCreated(tx, card!.card_number, state, change);
    return card!.card_number;
  },

  /** The card in force, locked: one person's card items run one after another. */
  async lockCardInForce(tx: Queryable, personKey: string): Promise<CardRow | undefined> {
    const [row] = await tx.query<CardRow>(`SELECT * FROM card.social_security_card WHERE person_key = $1 AND ${IN_FORCE_SQL} FOR UPDATE`, [personKey]);
    return row;
  },

  /**
   * A new card in place of the old one: the old one is REISSUED (补领, after a loss) or CANCELLED
   * (换领, 换发), and the new one ISSUED with the old one's bank; returns the new number.
   */
  async replaceCard(tx: Queryable, personKey: string, replacedCardNumber: string, reissue: boolean, change: CardChange): Promise<string> {
    await moveCard(tx, replacedCardNumber, reissue ? 'REISSUED' : 'CANCELLED', { ...change, event: reissue ? 'REISSUED' : 'REPLACED' });
    const [old] = await tx.query<CardRow>('SELECT * FROM card.social_security_card WHERE card_number = $1', [replacedCardNumber]);
    return cardWrites.createCard(tx, personKey, 'ISSUED', { ...change, event: 'ISSUED' }, old);
  },

  async activateBankAccount(tx: Queryable, cardNumber: string): Promise<void> {
    await tx.query('UPDATE card.social_security_card SET bank_activated = true WHERE card_number = $1', [cardNumber]);
  },
};
