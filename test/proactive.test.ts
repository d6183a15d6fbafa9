import { describe, expect, it } from '@jest/globals';
import { DEMO_EMPLOYERS, DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { SUBMIT, cardApplication } from './support/forms.js';
import { insertPeople, insertPriceIndex, insertUnemploymentBenefits } from './support/proactive-people.js';
import { tokenFor } from './support/tokens.js';
import { useStack } from './support/use-stack.js';

const stack = useStack();

const RUN_FIELDS = `id policy itemCode period phase region triggered confirmation { kind reference objectionDays objectionUntil }
  progress { candidates pending handled alreadyHandled notEligible outcomes { key count } }`;
const START = `mutation Start($input: StartProactiveRunInput!) { startProactiveRun(input: $input) { ${RUN_FIELDS} } }`;
const RUN = `query Run($id: ID!) { proactiveRun(id: $id) { ${RUN_FIELDS} } }`;

interface Run {
  id: string;
  phase: string;
  region: string;
  triggered: boolean;
  confirmation: { objectionUntil: string | null };
  progress: { candidates: number; pending: number; handled: number; alreadyHandled: number; notEligible: number; outcomes: { key: string; count: number }[] };
}

const confirmed = { kind: 'STAFF_CONFIRMED', reference: '宁人社〔2026〕1号' };

async function start(policy: string, period: string, confirmation: Record<string, unknown> = confirmed, token?: string): Promise<Run> {
  const { data, errors } = await stack.graphql<{ startProactiveRun: Run }>(
    START,
    { input: { policy, period, confirmation } },
    undefined,
    token ? { token } : {},
  );
  expect(errors).toBeUndefined();
  return data!.startProactiveRun;
}

/** The run once the gateway has worked it as far as it can. */
async function settled(id: string, token?: string): Promise<Run> {
  await stack.gateway.app.proactiveRunner.idle();
  const { data, errors } = await stack.graphql<{ proactiveRun: Run }>(RUN, { id }, undefined, token ? { token } : {});
  expect(errors).toBeUndefined();
  return data!.proactiveRun;
}

/** Submissions the runs made, per person key, straight from the gateway's table. */
async function proactiveSubmissions(keys: readonly string[]): Promise<Map<string, number>> {
  const rows = await stack.databases
    .get('gateway')!
    .query<{ person_key: string; n: number }>(
      `SELECT person_key, count(*)::int AS n FROM gateway.submission WHERE channel = 'PROACTIVE' AND person_key = ANY($1) GROUP BY 1`,
      [keys],
    );
  return new Map(rows.map((r) => [r.person_key, Number(r.n)]));
}

describe('免申即办: the price subsidy for everyone drawing unemployment benefit in a month the mechanism triggers', () => {
  it('handles each qualifying person once; run again, it handles none', async () => {
    const insurance = stack.databases.get('insurance')!;
    const people = await insertPeople(
      stack.databases.get('card')!,
      stack.config.personKeySecret,
      Array.from({ length: 7 }, (_, n) => ({ region: '320102', birthDate: '1980-01-0' + (n + 1), serial: 500 + n })),
    );
    const drawing = people.slice(0, 6).map((p) => p.key);
    await insertUnemploymentBenefits(insurance, drawing, '320102');
    // The seventh drew it, but it ended before the month.
    await insertUnemploymentBenefits(insurance, [people[6]!.key], '320102', '2025-01-01');
    await insurance.query(`UPDATE insurance.benefit SET status = 'ENDED', ends_on = '2025-12-31' WHERE person_key = $1`, [people[6]!.key]);
    await insertPriceIndex(insurance, '2099-06', 4.2);
    const handledBefore = await stack.metric('gateway_proactive_candidates_total', { policy: 'PRICE_SUBSIDY', status: 'HANDLED' });

    const first = await start('PRICE_SUBSIDY', '2099-06');
    expect(first.phase).toBe('LISTING');
    const done = await settled(first.id);
    expect(done.phase).toBe('FINISHED');
    expect(done.triggered).toBe(true);
    // Everyone drawing the benefit in June 2099 (the demo data may add its own): ours among them, each handled.
    expect(done.progress.handled).toBe(done.progress.candidates);
    expect(done.progress.candidates).toBeGreaterThanOrEqual(6);
    expect(done.progress.pending).toBe(0);
    expect(done.progress.outcomes).toEqual([{ key: 'ACCEPTED', count: done.progress.handled }]);
    const made = await proactiveSubmissions(people.map((p) => p.key));
    expect(Object.fromEntries(made)).toEqual(Object.fromEntries(drawing.map((key) => [key, 1])));
    // The insurance subgraph recorded one price subsidy per person, by the same dispatch as a submission.
    const [subsidies] = await insurance.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM insurance.unemployment_supplement WHERE kind = 'PRICE_SUBSIDY' AND person_key = ANY($1)`,
      [drawing],
    );
    expect(Number(subsidies!.n)).toBe(6);
    expect((await stack.metric('gateway_proactive_candidates_total', { policy: 'PRICE_SUBSIDY', status: 'HANDLED' })) - handledBefore).toBe(
      done.progress.handled,
    );
    expect(await stack.metric('gateway_proactive_pending', { policy: 'PRICE_SUBSIDY' })).toBe(0);

    // The submission reads like any other, channel PROACTIVE, with the rule that added it.
    const [row] = await stack.databases.get('gateway')!.query<{ id: string }>(`SELECT id FROM gateway.submission WHERE person_key = $1`, [drawing[0]]);
    const shown = await stack.graphql<{ submission: { channel: string; items: { itemCode: string; status: string; addedReason: string }[] } }>(
      `query ($id: ID!) { submission(id: $id) { channel items { itemCode status addedReason } } }`,
      { id: row!.id },
    );
    expect(shown.errors).toBeUndefined();
    expect(shown.data!.submission.channel).toBe('PROACTIVE');
    expect(shown.data!.submission.items).toEqual([
      { itemCode: 'PRICE_SUBSIDY', status: 'ACCEPTED', addedReason: expect.stringContaining('免申即办（2099-06）') },
    ]);

    const again = await settled((await start('PRICE_SUBSIDY', '2099-06')).id);
    expect(again.phase).toBe('FINISHED');
    expect(again.progress.handled).toBe(0);
    expect(again.progress.alreadyHandled).toBe(done.progress.candidates);
    expect(Object.fromEntries(await proactiveSubmissions(drawing))).toEqual(Object.fromEntries(drawing.map((key) => [key, 1])));
  });

  it('finds nobody in a month the price index does not meet the trigger', async () => {
    await insertPriceIndex(stack.databases.get('insurance')!, '2099-05', 1.0);
    const done = await settled((await start('PRICE_SUBSIDY', '2099-05')).id);
    expect(done).toMatchObject({ phase: 'FINISHED', triggered: false, progress: { candidates: 0, handled: 0 } });
  });

  it('a published notice holds everyone until its objection period is over', async () => {
    await insertPriceIndex(stack.databases.get('insurance')!, '2099-07', 4.0);
    const run = await start('PRICE_SUBSIDY', '2099-07', { kind: 'PUBLIC_NOTICE', reference: '宁人社公示〔2026〕3号', objectionDays: 7 });
    const waiting = await settled(run.id);
    expect(waiting.phase).toBe('OBJECTION_PERIOD');
    expect(waiting.confirmation.objectionUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(waiting.progress.candidates).toBeGreaterThanOrEqual(6);
    expect(waiting.progress.handled).toBe(0);
    expect(waiting.progress.pending).toBe(waiting.progress.candidates);
  });

  it('resumes a run a crashed gateway left mid-way, without doubling', async () => {
    const insurance = stack.databases.get('insurance')!;
    const gateway = stack.databases.get('gateway')!;
    const people = await insertPeople(
      stack.databases.get('card')!,
      stack.config.personKeySecret,
      Array.from({ length: 5 }, (_, n) => ({ region: '320102', birthDate: '1981-02-0' + (n + 1), serial: 600 + n })),
    );
    const keys = people.map((p) => p.key);
    await insertUnemploymentBenefits(insurance, keys, '320102', '2099-08-01');
    await insertPriceIndex(insurance, '2099-08', 5.0);
    const run = await start('PRICE_SUBSIDY', '2099-08');
    const done = await settled(run.id);
    expect(done.progress.handled).toBe(done.progress.candidates);
    // As if the gateway died after handling these five: their candidates back to PENDING, the lease lapsed.
    await gateway.query(
      `UPDATE gateway.proactive_candidate SET status = 'PENDING', outcome = NULL, submission_id = NULL WHERE run_id = $1 AND person_key = ANY($2)`,
      [run.id, keys],
    );
    await gateway.query(`UPDATE gateway.proactive_run SET phase = 'HANDLING', finished_at = NULL, lease_until = NULL WHERE id = $1`, [run.id]);
    await stack.gateway.app.proactiveRunner.process(run.id);
    const resumed = await settled(run.id);
    expect(resumed.phase).toBe('FINISHED');
    expect(resumed.progress.handled).toBe(done.progress.handled);
    expect(Object.fromEntries(await proactiveSubmissions(keys))).toEqual(Object.fromEntries(keys.map((key) => [key, 1])));
    const [subsidies] = await insurance.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM insurance.unemployment_supplement WHERE kind = 'PRICE_SUBSIDY' AND person_key = ANY($1)`,
      [keys],
    );
    expect(Number(subsidies!.n)).toBe(5);
  });
});

describe('免申即办: the resident pension for a person reaching 60, the hiring subsidy for an employer that took on a graduate', () => {
  it('handles the person who reaches 60 in the month, not the one who does not', async () => {
    const insurance = stack.databases.get('insurance')!;
    const [sixty, younger] = await insertPeople(stack.databases.get('card')!, stack.config.personKeySecret, [
      { region: '360302', birthDate: '1966-06-10', serial: 701 },
      { region: '360302', birthDate: '1970-06-10', serial: 702 },
    ]);
    await insurance.query(
      `INSERT INTO insurance.insured_scheme (person_key, scheme, status, since, contribution_months, region_code)
       SELECT k, 'RESIDENT_PENSION', 'CONTRIBUTING', '2010-01-01', 190, '360302' FROM unnest($1::text[]) AS k`,
      [[sixty!.key, younger!.key]],
    );
    const done = await settled((await start('RESIDENT_PENSION', '2026-06')).id);
    expect(done.phase).toBe('FINISHED');
    expect(Object.fromEntries(await proactiveSubmissions([sixty!.key, younger!.key]))).toEqual({ [sixty!.key]: 1 });
    const [claim] = await insurance.query<{ status: string }>(
      `SELECT status FROM insurance.retirement_application WHERE person_key = $1 AND kind = 'RESIDENT_BENEFIT'`,
      [sixty!.key],
    );
    expect(claim?.status).toBe('ACCEPTED');
    expect(done.progress.notEligible).toBeGreaterThanOrEqual(1);
  });

  it('gives the employer the subsidy for the registered graduate it took on, once', async () => {
    const employment = stack.databases.get('employment')!;
    const [graduate] = await insertPeople(stack.databases.get('card')!, stack.config.personKeySecret, [
      { region: '320102', birthDate: '2003-03-03', serial: 801 },
    ]);
    await employment.query(
      `INSERT INTO employment.job_seeker_service (request_number, person_key, status, kind, desired_job, desired_region, graduation_date)
       VALUES ('JS-PROACTIVE-1', $1, 'COMPLETED', 'GRADUATE_JOB_SEEKER_REGISTRATION', '软件测试', '南京市', '2026-06-30')`,
      [graduate!.key],
    );
    await employment.query(
      `INSERT INTO employment.employment_registration (registration_number, person_key, employer_credit_code, started_on) VALUES ('ER-PROACTIVE-1', $1, $2, '2026-09-01')`,
      [graduate!.key, DEMO_EMPLOYERS.software.creditCode],
    );
    const done = await settled((await start('HIRING_GRADUATES_SUBSIDY', '2026-09')).id);
    expect(done.progress).toMatchObject({ candidates: 1, handled: 1, outcomes: [{ key: 'ACCEPTED', count: 1 }] });
    const [subsidy] = await employment.query<{ employer_credit_code: string }>(
      `SELECT employer_credit_code FROM employment.employment_subsidy_application WHERE person_key = $1 AND kind = 'SUBSIDY_HIRING_GRADUATES'`,
      [graduate!.key],
    );
    expect(subsidy?.employer_credit_code).toBe(DEMO_EMPLOYERS.software.creditCode);
    // The subsidy now on record, the subgraph lists nobody again.
    const again = await settled((await start('HIRING_GRADUATES_SUBSIDY', '2026-09')).id);
    expect(again.progress).toMatchObject({ candidates: 0, handled: 0 });
  });
});

describe('免申即办: who may run a policy', () => {
  it('refuses roles without the proactive:run scope, before anything runs', async () => {
    const input = { policy: 'PRICE_SUBSIDY', period: '2099-06', confirmation: confirmed };
    const runsBefore = await stack.databases.get('gateway')!.query<{ n: number }>('SELECT count(*)::int AS n FROM gateway.proactive_run');
    for (const [token, code] of [
      [await tokenFor(stack, 'analyst'), 'FORBIDDEN'],
      [await tokenFor(stack, 'admin'), 'FORBIDDEN'],
      [await tokenFor(stack, 'citizen', { id_number: DEMO_PEOPLE.zhangWei.idNumber }), 'FORBIDDEN'],
      [await tokenFor(stack, 'clerk', { scope: 'person:read submission:write' }), 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ] as const) {
      const { errors } = await stack.graphql(START, { input }, undefined, { token });
      expect(errors?.map((e) => e.extensions?.code)).toEqual([code]);
    }
    const runsAfter = await stack.databases.get('gateway')!.query<{ n: number }>('SELECT count(*)::int AS n FROM gateway.proactive_run');
    expect(runsAfter[0]!.n).toBe(runsBefore[0]!.n);
  });

  it("a clerk's run covers their region, and another region's clerk does not see it", async () => {
    const nanjing = await tokenFor(stack, 'clerk', { sub: 'clerk-nanjing', region: '3201' });
    const run = await start('PRICE_SUBSIDY', '2099-06', confirmed, nanjing);
    expect(run.region).toBe('3201');
    await settled(run.id, nanjing);
    const suzhou = await tokenFor(stack, 'clerk', { sub: 'clerk-suzhou', region: '3205' });
    const seen = await stack.graphql<{ proactiveRun: Run | null }>(RUN, { id: run.id }, undefined, { token: suzhou });
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.proactiveRun).toBeNull();
    const list = await stack.graphql<{ proactiveRuns: { id: string }[] }>('{ proactiveRuns(first: 100) { id } }', {}, undefined, { token: suzhou });
    expect(list.data!.proactiveRuns.map((r) => r.id)).not.toContain(run.id);
  });

  it('refuses a bad period, a notice without its objection period, and a client submitting as PROACTIVE', async () => {
    for (const [input, field] of [
      [{ policy: 'PRICE_SUBSIDY', period: '2099-13', confirmation: confirmed }, 'input.period'],
      [{ policy: 'PRICE_SUBSIDY', period: '2099-06', confirmation: { kind: 'PUBLIC_NOTICE', reference: 'x' } }, 'input.confirmation.objectionDays'],
      [{ policy: 'PRICE_SUBSIDY', period: '2099-06', confirmation: { kind: 'STAFF_CONFIRMED', reference: '  ' } }, 'input.confirmation.reference'],
    ] as const) {
      const { errors } = await stack.graphql(START, { input });
      expect(errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', field]]);
    }
    const { errors } = await stack.graphql(SUBMIT, {
      input: cardApplication(DEMO_PEOPLE.zhangWei, [{ code: 'CARD_PIN_RESET', fields: { operation: 'RESET' } }], { channel: 'PROACTIVE' }),
    });
    expect(errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['FORBIDDEN', 'channel']]);
  });
});
