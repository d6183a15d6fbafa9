import { personKey } from '../../src/identity/person-key.js';
import type { Queryable } from '../../src/db/database.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** A fictitious resident ID number (GB 11643, with its check character): region, birth date, a serial. */
export function idNumberFor(region: string, birthDate: string, serial: number): string {
  const body = `${region}${birthDate.replace(/-/g, '')}${String(serial % 1000).padStart(3, '0')}`;
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * WEIGHTS[index]!, 0);
  return `${body}${CHECK[sum % 11]}`;
}

export interface TestPerson {
  readonly key: string;
  readonly idNumber: string;
  readonly birthDate: string;
}

/** Fictitious people in the card subgraph's own table (the base identity), by SQL, many at once. */
export async function insertPeople(
  card: Queryable,
  secret: string,
  people: readonly { region: string; birthDate: string; serial: number }[],
): Promise<TestPerson[]> {
  const rows = people.map((p) => {
    const idNumber = idNumberFor(p.region, p.birthDate, p.serial);
    return { key: personKey(secret, 'RESIDENT_ID_CARD', idNumber), idNumber, birthDate: p.birthDate, gender: p.serial % 2 === 1 ? 'MALE' : 'FEMALE' };
  });
  await card.query(
    `INSERT INTO card.person (person_key, name, gender, birth_date, id_type, id_number)
     SELECT r.key, '测试' || r.n, r.gender, r.birth::date, 'RESIDENT_ID_CARD', r.id FROM jsonb_to_recordset($1::jsonb) AS r(key text, n int, gender text, birth text, id text)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(rows.map((r, n) => ({ key: r.key, n, gender: r.gender, birth: r.birthDate, id: r.idNumber })))],
  );
  return rows.map(({ key, idNumber, birthDate }) => ({ key, idNumber, birthDate }));
}

/** People drawing unemployment benefit (失业保险金 PAYING since `since`), insured in `region`. */
export async function insertUnemploymentBenefits(insurance: Queryable, keys: readonly string[], region: string, since = '2026-01-01'): Promise<void> {
  await insurance.query(
    `INSERT INTO insurance.insured_scheme (person_key, scheme, status, since, contribution_months, region_code)
     SELECT k, 'UNEMPLOYMENT', 'SUSPENDED', '2016-01-01', 120, $2 FROM unnest($1::text[]) AS k ON CONFLICT DO NOTHING`,
    [keys, region],
  );
  await insurance.query(
    `INSERT INTO insurance.benefit (person_key, kind, status, monthly_amount, started_on) SELECT k, 'UNEMPLOYMENT_BENEFIT', 'PAYING', 2000, $2::date FROM unnest($1::text[]) AS k`,
    [keys, since],
  );
}

/** The price index of a month (its first day), meeting the price subsidy trigger or not. */
export async function insertPriceIndex(insurance: Queryable, month: string, cpi: number): Promise<void> {
  await insurance.query(
    `INSERT INTO insurance.price_index (month, cpi_yoy_percent, food_cpi_yoy_percent) VALUES ($1::date, $2, $2) ON CONFLICT (month) DO UPDATE SET cpi_yoy_percent = $2, food_cpi_yoy_percent = $2`,
    [`${month}-01`, cpi],
  );
}
