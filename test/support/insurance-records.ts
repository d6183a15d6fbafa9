import { randomUUID } from 'node:crypto';
import { DEMO_EMPLOYERS } from '../../src/demo/demo-data.js';
import { personKey } from '../../src/identity/person-key.js';
import type { FormPerson } from './forms.js';
import type { TestStack } from './stack.js';

/** The agency of 南京市玄武区 (320102), where the demo software company and every record below are. */
export const XUANWU_AGENCY = '南京市玄武区社会保险经办机构';

/**
 * What the insurance agency's records already hold of a person before a test submits anything:
 * years of contributions, a benefit being paid, a work injury recognised or an appraisal concluded
 * long ago. Written as the agency's history (the demo seed writes it the same way); the items under
 * test then read it through their own rules.
 */
export function insuranceRecords(stack: TestStack) {
  const db = () => stack.databases.get('insurance')!;
  const keyOf = (who: FormPerson) => personKey(stack.config.personKeySecret, who.idType, who.idNumber);
  return {
    keyOf,
    async scheme(
      who: FormPerson,
      scheme: string,
      status: 'CONTRIBUTING' | 'SUSPENDED' | 'TERMINATED',
      months: number,
      employer: string | null = DEMO_EMPLOYERS.software.creditCode,
    ): Promise<void> {
      await db().query(
        `INSERT INTO insurance.insured_scheme (person_key, scheme, status, since, contribution_months, employer_credit_code, region_code)
         VALUES ($1, $2, $3, '2000-01-01', $4, $5, '320102')`,
        [keyOf(who), scheme, status, months, employer],
      );
    },
    async benefit(who: FormPerson, kind: string): Promise<void> {
      await db().query(`INSERT INTO insurance.benefit (person_key, kind, status, started_on) VALUES ($1, $2, 'PAYING', '2025-01-01')`, [keyOf(who), kind]);
    },
    /** 工伤认定 concluded a year ago (the software company's worker). */
    async recognisedInjury(who: FormPerson): Promise<void> {
      await db().query(
        `INSERT INTO insurance.work_injury_claim (claim_number, person_key, kind, status, employer_credit_code, region_code, applied_at, decided_at)
         VALUES ($1, $2, 'RECOGNITION', 'COMPLETED', $3, '320102', now() - interval '400 days', now() - interval '380 days')`,
        [`GSH-${randomUUID()}`, keyOf(who), DEMO_EMPLOYERS.software.creditCode],
      );
    },
    /** 劳动能力鉴定 concluded more than a year ago. */
    async concludedAppraisal(who: FormPerson): Promise<void> {
      await db().query(
        `INSERT INTO insurance.work_ability_appraisal (appraisal_number, person_key, kind, status, region_code, applied_at, decided_at)
         VALUES ($1, $2, 'WORK_INJURY', 'COMPLETED', '320102', now() - interval '430 days', now() - interval '400 days')`,
        [`LDJ-${randomUUID()}`, keyOf(who)],
      );
    },
  };
}

/** A valid unified social credit code (GB 32100 check character) from its first 17 characters. */
export function creditCode(body: string): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...body].reduce((total, ch, i) => total + chars.indexOf(ch) * weights[i]!, 0);
  return body + chars[(31 - (sum % 31)) % 31]!;
}
