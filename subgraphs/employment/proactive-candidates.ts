/**
 * 免申即办 from employment's own records: employers that took on a registered graduate (高校毕业生
 * 求职登记 with a graduation date) within the graduate period (离校2年内, 财社〔2017〕164号 第5条) and
 * have no 吸纳毕业生社保补贴 for that person yet.
 */
import type { Migration } from '../../src/db/migrations.js';
import { proactiveCaller } from '../../src/subgraph/proactive-candidates.js';
import type { SubgraphContext } from '../../src/subgraph/define-subgraph.js';
import type { EmploymentStore } from './store.js';
import { GRADUATE_PERIOD_MONTHS } from './policy.js';

type Context = SubgraphContext<EmploymentStore, unknown>;

export const proactiveCandidateMigrations: readonly Migration[] = [
  {
    id: '301-proactive-candidates',
    sql: `
      CREATE INDEX employment_registration_started ON employment.employment_registration (started_on) WHERE ended_on IS NULL;
      CREATE INDEX job_seeker_service_graduates ON employment.job_seeker_service (person_key) WHERE kind = 'GRADUATE_JOB_SEEKER_REGISTRATION';
      CREATE INDEX employment_subsidy_employer ON employment.employment_subsidy_application (person_key, employer_credit_code, kind);
    `,
  },
];

interface Row {
  person_key: string;
  employer_credit_code: string;
  graduation_date: string;
  started_on: string;
}

export const proactiveCandidateResolvers = {
  hiringGraduateCandidates: async (
    _: unknown,
    args: { hiredFrom: string; hiredBefore: string; first: number; after?: string | null },
    { caller, store }: Context,
  ) => {
    const region = proactiveCaller(caller, args.first);
    // The cursor is the last pair seen: person key, then credit code.
    const [afterPerson, afterEmployer] = args.after ? args.after.split('|') : [null, null];
    const rows = await store.db.query<Row>(
      `SELECT r.person_key, r.employer_credit_code, to_char(g.graduation_date, 'YYYY-MM-DD') AS graduation_date, to_char(min(r.started_on), 'YYYY-MM-DD') AS started_on
         FROM employment.employment_registration r
         JOIN LATERAL (SELECT max(j.graduation_date) AS graduation_date FROM employment.job_seeker_service j
                        WHERE j.person_key = r.person_key AND j.kind = 'GRADUATE_JOB_SEEKER_REGISTRATION' AND j.status <> 'REJECTED') g
           ON g.graduation_date IS NOT NULL
        WHERE r.ended_on IS NULL AND r.started_on >= $1::date AND r.started_on < $2::date
          AND r.started_on <= g.graduation_date + make_interval(months => $3)
          AND NOT EXISTS (SELECT 1 FROM employment.employment_subsidy_application a
                           WHERE a.person_key = r.person_key AND a.employer_credit_code = r.employer_credit_code
                             AND a.kind = 'SUBSIDY_HIRING_GRADUATES' AND a.status <> 'REJECTED')
          AND ($4::text IS NULL OR (r.person_key, r.employer_credit_code) > ($4, $5::text))
          AND ($6::text IS NULL OR substring(r.employer_credit_code FROM 3 FOR 6) LIKE $6 || '%')
        GROUP BY r.person_key, r.employer_credit_code, g.graduation_date
        ORDER BY r.person_key, r.employer_credit_code
        LIMIT $7`,
      [args.hiredFrom, args.hiredBefore, GRADUATE_PERIOD_MONTHS, afterPerson ?? null, afterEmployer ?? null, region, args.first + 1],
    );
    const shown = rows.slice(0, args.first);
    const last = shown[shown.length - 1];
    return {
      candidates: shown.map((r) => ({
        personId: r.person_key,
        employerCreditCode: r.employer_credit_code,
        graduationDate: r.graduation_date,
        hiredOn: r.started_on,
      })),
      endCursor: rows.length > args.first && last ? `${last.person_key}|${last.employer_credit_code}` : null,
    };
  },
};
