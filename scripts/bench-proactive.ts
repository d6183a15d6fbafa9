/**
 * The bench's 免申即办 and 提速办 cases: a run over a population of benefit recipients (candidates
 * per second, listing and handling), and the analysts' statistics with the speed-up over a data
 * set of at least 100,000 submissions bulk-inserted with SQL.
 */
import type { TestStack } from '../test/support/stack.js';
import { tokenFor } from '../test/support/tokens.js';
import { insertPeople, insertPriceIndex, insertUnemploymentBenefits } from '../test/support/proactive-people.js';
import { insertFinishedSubmissions, type FinishedSubmission } from '../test/support/speed-up-data.js';

const CANDIDATES = Number(process.env.BENCH_PROACTIVE_CANDIDATES ?? 2000);
const STATISTICS_SUBMISSIONS = Number(process.env.BENCH_STATISTICS_SUBMISSIONS ?? 100_000);
const PERIOD = '2098-01';

const RUN = 'query Run($id: ID!) { proactiveRun(id: $id) { phase progress { candidates pending handled alreadyHandled notEligible } } }';

export async function benchProactiveRun(stack: TestStack): Promise<void> {
  const card = stack.databases.get('card')!;
  const insurance = stack.databases.get('insurance')!;
  // A population with distinct ID numbers: regions × birth days × serials.
  const people = Array.from({ length: CANDIDATES }, (_, n) => ({
    region: ['320102', '320104', '320105', '320106'][n % 4]!,
    birthDate: `19${60 + (Math.floor(n / 4) % 40)}-0${1 + (n % 9)}-1${n % 10}`,
    serial: Math.floor(n / 40),
  }));
  const keys: string[] = [];
  for (let at = 0; at < people.length; at += 5000)
    keys.push(...(await insertPeople(card, stack.config.personKeySecret, people.slice(at, at + 5000))).map((p) => p.key));
  await insertUnemploymentBenefits(insurance, keys, '320102', `${PERIOD}-01`);
  await insertPriceIndex(insurance, PERIOD, 6.0);

  const clerk = await tokenFor(stack, 'clerk');
  const started = performance.now();
  const { data, errors } = await stack.graphql<{ startProactiveRun: { id: string } }>(
    'mutation Start($input: StartProactiveRunInput!) { startProactiveRun(input: $input) { id } }',
    { input: { policy: 'PRICE_SUBSIDY', period: PERIOD, confirmation: { kind: 'STAFF_CONFIRMED', reference: 'bench' } } },
    undefined,
    { token: clerk },
  );
  if (errors) throw new Error(`startProactiveRun: ${errors[0]!.message}`);
  const id = data!.startProactiveRun.id;
  let listedAt: number | null = null;
  let progress: { phase: string; progress: Record<string, number> };
  for (;;) {
    const answer = await stack.graphql<{ proactiveRun: { phase: string; progress: Record<string, number> } }>(RUN, { id }, undefined, { token: clerk });
    progress = answer.data!.proactiveRun;
    if (listedAt === null && progress.phase !== 'LISTING') listedAt = performance.now();
    if (progress.phase === 'FINISHED') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const finished = performance.now();
  const listing = ((listedAt ?? finished) - started) / 1000;
  const handling = (finished - (listedAt ?? finished)) / 1000;
  const total = progress.progress.candidates!;
  console.log(`
免申即办 run (PRICE_SUBSIDY over ${CANDIDATES} benefit recipients, each item dispatched to insurance):
  candidates ${total}, handled ${progress.progress.handled}, already handled ${progress.progress.alreadyHandled}, not eligible ${progress.progress.notEligible}
  listing   ${listing.toFixed(1)} s  ${(total / Math.max(listing, 0.001)).toFixed(0)} candidates/s
  handling  ${handling.toFixed(1)} s  ${(total / Math.max(handling, 0.001)).toFixed(0)} candidates/s
  whole run ${((finished - started) / 1000).toFixed(1)} s  ${(total / ((finished - started) / 1000)).toFixed(0)} candidates/s`);

  // Again: everyone already handled, nothing dispatched.
  const againStarted = performance.now();
  const again = await stack.graphql<{ startProactiveRun: { id: string } }>(
    'mutation Start($input: StartProactiveRunInput!) { startProactiveRun(input: $input) { id } }',
    { input: { policy: 'PRICE_SUBSIDY', period: PERIOD, confirmation: { kind: 'STAFF_CONFIRMED', reference: 'bench' } } },
    undefined,
    { token: clerk },
  );
  await stack.gateway.app.proactiveRunner.idle();
  const repeat = await stack.graphql<{ proactiveRun: { progress: Record<string, number> } }>(RUN, { id: again.data!.startProactiveRun.id }, undefined, {
    token: clerk,
  });
  const seconds = (performance.now() - againStarted) / 1000;
  console.log(
    `  run again ${seconds.toFixed(1)} s  ${(total / seconds).toFixed(0)} candidates/s (handled ${repeat.data!.proactiveRun.progress.handled}, already handled ${repeat.data!.proactiveRun.progress.alreadyHandled})`,
  );
}

const STATISTICS = `query Stats($filter: StatisticsFilter) { statistics(filter: $filter) {
  submissions submissionsByBundle { key count } itemsByStatus { key count } dueDates { finishedOnTime finishedLate openPastDue openWithinDue }
  medianItemCompletionHours medianSubmissionCompletionHours
  speedUp { items { itemCode medianHours p90Hours instantShare onTimeRate } bundles { bundleCode medianHours p90Hours separateLimitsWorkingDays actualSaving } }
} }`;

export async function benchStatistics(stack: TestStack): Promise<void> {
  const gateway = stack.databases.get('gateway')!;
  const bundles = ['national-unemployment', 'national-retirement', 'national-social-security-card', 'national-employer-hiring', 'jiangsu-death'];
  const insertStarted = performance.now();
  for (let at = 0; at < STATISTICS_SUBMISSIONS; at += 10_000) {
    const chunk: FinishedSubmission[] = Array.from({ length: Math.min(10_000, STATISTICS_SUBMISSIONS - at) }, (_, k) => {
      const n = at + k;
      return {
        bundleCode: bundles[n % bundles.length]!,
        daysAgo: 1 + (n % 28),
        bundleLimitWorkingDays: 10,
        items: [
          { code: 'UNEMPLOYMENT_REGISTRATION', hours: 0.2, instant: true },
          { code: 'UNEMPLOYMENT_BENEFIT', hours: 4 + (n % 200), workingDays: 10, onTime: n % 9 !== 0 },
        ],
      };
    });
    await insertFinishedSubmissions(gateway, `bench-${at}`, chunk);
  }
  await gateway.query('ANALYZE gateway.submission');
  await gateway.query('ANALYZE gateway.submission_item');
  const inserted = (performance.now() - insertStarted) / 1000;
  const [{ n }] = (await gateway.query<{ n: number }>('SELECT count(*)::int AS n FROM gateway.submission')) as [{ n: number }];
  const analyst = await tokenFor(stack, 'analyst');
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const { errors } = await stack.graphql(STATISTICS, { filter: {} }, undefined, { token: analyst });
    if (errors) throw new Error(`statistics: ${errors[0]!.message}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const windowed: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await stack.graphql(STATISTICS, { filter: { bundleCode: 'national-unemployment' } }, undefined, { token: analyst });
    windowed.push(performance.now() - started);
  }
  windowed.sort((a, b) => a - b);
  console.log(`
statistics with the speed-up over ${n} submissions (${2 * STATISTICS_SUBMISSIONS} items bulk-inserted in ${inserted.toFixed(1)} s):
  all bundles      median ${times[2]!.toFixed(0)} ms, slowest ${times[4]!.toFixed(0)} ms (5 queries)
  one bundle       median ${windowed[2]!.toFixed(0)} ms, slowest ${windowed[4]!.toFixed(0)} ms`);
}
