import type { Database, Queryable } from '../../src/db/database.js';

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
}

export type NewPerson = Omit<PersonRow, 'nationality' | 'id_valid_until'> & Partial<Pick<PersonRow, 'nationality' | 'id_valid_until'>>;

/** All SQL of the card subgraph. */
export class CardStore {
  constructor(private readonly db: Database) {}

  peopleByKeys(keys: readonly string[]): Promise<PersonRow[]> {
    return this.db.query<PersonRow>('SELECT * FROM card.person WHERE person_key = ANY($1)', [keys]);
  }

  cardsInForceByPersonKeys(keys: readonly string[]): Promise<CardRow[]> {
    return this.db.query<CardRow>(`SELECT * FROM card.social_security_card WHERE person_key = ANY($1) AND status <> 'CANCELLED'`, [keys]);
  }

  applicationsByNumbers(numbers: readonly string[]): Promise<CardApplicationRow[]> {
    return this.db.query<CardApplicationRow>('SELECT * FROM card.card_application WHERE application_number = ANY($1)', [numbers]);
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
      [person.person_key, person.name, person.gender, person.birth_date, person.id_type, person.id_number,
        person.id_valid_until ?? null, person.phone, person.household_address, person.residence_address,
        person.nationality ?? 'CHN', person.ethnicity],
    );
  }

  async insertCardIfAbsent(card: CardRow): Promise<void> {
    await this.db.query(
      `INSERT INTO card.social_security_card (card_number, person_key, status, issued_on, insurance_function_enabled,
         bank_name, bank_account, bank_activated)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [card.card_number, card.person_key, card.status, card.issued_on, card.insurance_function_enabled,
        card.bank_name, card.bank_account, card.bank_activated],
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

  /** Completing an application issues the card: physical and electronic, one-to-one. */
  async issueCardFor(tx: Queryable, applicationNumber: string): Promise<void> {
    const [card] = await tx.query<{ card_number: string }>(
      `INSERT INTO card.social_security_card (card_number, person_key, status, issued_on, insurance_function_enabled)
       SELECT 'K' || nextval('card.card_number_seq'), person_key, 'ACTIVE', current_date, true FROM card.card_application WHERE application_number = $1
       RETURNING card_number`,
      [applicationNumber],
    );
    await tx.query(`UPDATE card.card_application SET status = 'COMPLETED', issued_card_number = $2, decided_at = now() WHERE application_number = $1`, [applicationNumber, card!.card_number]);
  },

  async rejectApplication(tx: Queryable, applicationNumber: string): Promise<void> {
    await tx.query(`UPDATE card.card_application SET status = 'REJECTED', decided_at = now() WHERE application_number = $1`, [applicationNumber]);
  },
};
