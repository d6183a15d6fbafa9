import type { Database } from '../../src/db/database.js';
import { IN_FORCE_SQL, recordCardCreated, type CardState } from './card-lifecycle.js';
import type { CardTransitionRow } from './mappers.js';

export interface PersonRow {
  person_key: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  birth_date: string;
  id_type: string;
  id_number: string;
  id_valid_until: string | null;
  phone: string | null;
  household_address: string | null;
  residence_address: string | null;
  nationality: string;
  ethnicity: string | null;
}

export interface CardRow {
  card_number: string;
  person_key: string;
  status: string;
  issued_on: string | null;
  insurance_function_enabled: boolean;
  bank_name: string | null;
  bank_account: string | null;
  bank_activated: boolean;
  valid_until: string | null;
  generation: number;
  printed_name: string | null;
  temporary_loss_expires_at: Date | null;
}

export type NewPerson = Omit<PersonRow, 'nationality' | 'id_valid_until'> & Partial<Pick<PersonRow, 'nationality' | 'id_valid_until'>>;

/** All SQL of the card subgraph. */
export class CardStore {
  constructor(readonly db: Database) {}

  peopleByKeys(keys: readonly string[]): Promise<PersonRow[]> {
    return this.db.query<PersonRow>('SELECT * FROM card.person WHERE person_key = ANY($1)', [keys]);
  }

  cardsInForceByPersonKeys(keys: readonly string[]): Promise<CardRow[]> {
    return this.db.query<CardRow>(`SELECT * FROM card.social_security_card WHERE person_key = ANY($1) AND ${IN_FORCE_SQL}`, [keys]);
  }

  transitionsByCardNumbers(numbers: readonly string[]): Promise<CardTransitionRow[]> {
    return this.db.query<CardTransitionRow>('SELECT * FROM card.card_transition WHERE card_number = ANY($1) ORDER BY transition_id', [numbers]);
  }

  cardsByNumbers(numbers: readonly string[]): Promise<CardRow[]> {
    return this.db.query<CardRow>('SELECT * FROM card.social_security_card WHERE card_number = ANY($1)', [numbers]);
  }

  async cardByNumber(cardNumber: string): Promise<CardRow | undefined> {
    const [row] = await this.db.query<CardRow>('SELECT * FROM card.social_security_card WHERE card_number = $1', [cardNumber]);
    return row;
  }

  async upsertPerson(person: NewPerson): Promise<void> {
    await this.db.query(
      `INSERT INTO card.person (person_key, name, gender, birth_date, id_type, id_number, id_valid_until, phone,
         household_address, residence_address, nationality, ethnicity)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (person_key) DO NOTHING`,
      [
        person.person_key,
        person.name,
        person.gender,
        person.birth_date,
        person.id_type,
        person.id_number,
        person.id_valid_until ?? null,
        person.phone,
        person.household_address,
        person.residence_address,
        person.nationality ?? 'CHN',
        person.ethnicity,
      ],
    );
  }

  async insertCardIfAbsent(card: Omit<CardRow, 'temporary_loss_expires_at'>): Promise<void> {
    const inserted = await this.db.query(
      `INSERT INTO card.social_security_card (card_number, person_key, status, issued_on, insurance_function_enabled,
         bank_name, bank_account, bank_activated, valid_until, generation, printed_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING RETURNING card_number`,
      [
        card.card_number,
        card.person_key,
        card.status,
        card.issued_on,
        card.insurance_function_enabled,
        card.bank_name,
        card.bank_account,
        card.bank_activated,
        card.valid_until,
        card.generation,
        card.printed_name,
      ],
    );
    // A seeded card's history begins with its seeding.
    if (inserted.length > 0) await recordCardCreated(this.db, card.card_number, card.status as CardState, { event: 'ISSUED', by: 'demo-seed' });
  }

  replacementsByPersonKeys(keys: readonly string[]): Promise<CardReplacementRow[]> {
    return this.db.query<CardReplacementRow>(
      'SELECT * FROM card.card_replacement WHERE person_key = ANY($1) ORDER BY applied_at DESC, replacement_number DESC',
      [keys],
    );
  }
}

export interface CardApplicationRow {
  application_number: string;
  person_key: string;
  status: 'ACCEPTED' | 'COMPLETED' | 'REJECTED';
  delivery_method: 'PICKUP' | 'MAIL';
  delivery_address: string | null;
  delivery_recipient: string | null;
  delivery_phone: string | null;
  issued_card_number: string | null;
  applied_at: Date;
}

export type CardReplacementKind = 'REISSUE' | 'RENEWAL' | 'REPLACEMENT';

export interface CardReplacementRow {
  replacement_number: string;
  person_key: string;
  kind: CardReplacementKind;
  status: 'ACCEPTED' | 'COMPLETED' | 'REJECTED';
  reason: string;
  replaced_card_number: string;
  issued_card_number: string | null;
  applied_at: Date;
}

export type CardLossOperation = 'TEMPORARY_LOSS' | 'FORMAL_LOSS' | 'UNLOCK';

export interface CardLossReportRow {
  report_number: string;
  person_key: string;
  card_number: string;
  operation: CardLossOperation;
  channel: string;
  reported_at: Date;
  expires_at: Date | null;
}

export type CardService = 'INSURANCE_FUNCTION_ENABLED' | 'BANK_ACCOUNT_ACTIVATED' | 'PIN_CHANGED' | 'PIN_RESET';

export interface CardServiceRecordRow {
  record_number: string;
  person_key: string;
  card_number: string;
  service: CardService;
  channel: string;
  performed_at: Date;
}
