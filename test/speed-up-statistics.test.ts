import { describe, expect, it } from '@jest/globals';
import { addDays, todayInChina } from '../src/policy/calendar.js';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { insertFinishedSubmissions, type FinishedSubmission } from './support/speed-up-data.js';
import { tokenFor } from './support/tokens.js';
import { useStack } from './support/use-stack.js';

const stack = useStack();

const SPEED_UP = `query SpeedUp($filter: StatisticsFilter) { statistics(filter: $filter) { speedUp {
  promisedSpeedUpPercent
  items { itemCode name statutoryWorkingDays statutoryCalendarDays promisedWorkingDays finished medianHours p90Hours instantShare onTimeRate }
  bundles { bundleCode name finished medianHours p90Hours bundleLimitWorkingDays separateLimitsWorkingDays promisedSaving actualSaving }
} } }`;

/** Six 失业 submissions ten days ago: the benefit 受理 and finished after 1–6 days (the sixth late), the registration at once. */
const unemployment: FinishedSubmission[] = [1, 2, 3, 4, 5, 6].map((days) => ({
  bundleCode: 'national-unemployment',
  daysAgo: 10,
  bundleLimitWorkingDays: 10,
  items: [
    { code: 'UNEMPLOYMENT_REGISTRATION', hours: 0.1, instant: true },
    { code: 'UNEMPLOYMENT_BENEFIT', hours: days * 24, workingDays: 10, onTime: days < 6 },
    { code: 'UNEMPLOYED_MEDICAL_PREMIUM', hours: days * 24, workingDays: 10 },
  ],
}));
/** Three card submissions: too few to show. */
const cards: FinishedSubmission[] = [1, 2, 3].map((hours) => ({
  bundleCode: 'national-social-security-card',
  daysAgo: 10,
  bundleLimitWorkingDays: null,
  items: [{ code: 'CARD_PIN_RESET', hours, instant: true }],
}));

describe('提速办, measured, for analysts', () => {
  it('gives limits, median and p90 times, instant shares, on-time rates and the bundle saving, with small groups hidden', async () => {
    await insertFinishedSubmissions(stack.databases.get('gateway')!, 'speed', [...unemployment, ...cards]);
    const today = todayInChina();
    const filter = { from: addDays(today, -15), to: addDays(today, 1) };
    const { data, errors } = await stack.graphql<{ statistics: { speedUp: Record<string, any> } }>(SPEED_UP, { filter }, undefined, {
      token: await tokenFor(stack, 'analyst'),
    });
    expect(errors).toBeUndefined();
    const speedUp = data!.statistics.speedUp;
    expect(speedUp.promisedSpeedUpPercent).toBe(50);
    const item = (code: string) => speedUp.items.find((i: { itemCode: string }) => i.itemCode === code);
    // 社会保险经办条例 第24条: 10 working days; promised half of it.
    expect(item('UNEMPLOYMENT_BENEFIT')).toEqual({
      itemCode: 'UNEMPLOYMENT_BENEFIT',
      name: '失业保险金申领',
      statutoryWorkingDays: 10,
      statutoryCalendarDays: null,
      promisedWorkingDays: 5,
      finished: 6,
      medianHours: 84,
      p90Hours: 132,
      instantShare: 0,
      onTimeRate: 0.8333,
    });
    expect(item('UNEMPLOYMENT_REGISTRATION')).toMatchObject({ finished: 6, medianHours: 0.1, instantShare: 1, onTimeRate: null });
    // Three PIN resets: no figure at all.
    expect(item('CARD_PIN_RESET')).toMatchObject({
      statutoryWorkingDays: 0,
      promisedWorkingDays: 0,
      finished: null,
      medianHours: null,
      p90Hours: null,
      instantShare: null,
    });

    const bundle = (code: string) => speedUp.bundles.find((b: { bundleCode: string }) => b.bundleCode === code);
    // Parallel: the bundle within 10 working days where its items one by one would take 20.
    expect(bundle('national-unemployment')).toEqual({
      bundleCode: 'national-unemployment',
      name: expect.any(String),
      finished: 6,
      medianHours: 84,
      p90Hours: 132,
      bundleLimitWorkingDays: 10,
      separateLimitsWorkingDays: 20,
      promisedSaving: 0.5,
      actualSaving: 0.825,
    });
    expect(bundle('national-social-security-card')).toMatchObject({ finished: null, medianHours: null, separateLimitsWorkingDays: null, actualSaving: null });
    // Counts and times only: no person's key, name or number anywhere in the answer.
    const text = JSON.stringify(speedUp);
    expect(text).not.toMatch(/\bp[0-9a-f]{32}\b/);
    for (const person of Object.values(DEMO_PEOPLE)) expect(text).not.toContain(person.idNumber);

    // A window before the data set: nothing finished in it.
    const before = await stack.graphql<{ statistics: { speedUp: Record<string, any> } }>(
      SPEED_UP,
      { filter: { from: addDays(today, -40), to: addDays(today, -20) } },
      undefined,
      { token: await tokenFor(stack, 'analyst') },
    );
    expect(before.data!.statistics.speedUp.items.find((i: { itemCode: string }) => i.itemCode === 'UNEMPLOYMENT_BENEFIT')).toBeUndefined();
  });

  it('refuses the speed-up to a clerk and a citizen, like every statistic', async () => {
    for (const token of [await tokenFor(stack, 'clerk'), await tokenFor(stack, 'citizen', { id_number: DEMO_PEOPLE.zhangWei.idNumber })]) {
      const { errors } = await stack.graphql(SPEED_UP, {}, undefined, { token });
      expect(errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });

  it('and as Prometheus metrics for the dashboards (the last 30 days)', async () => {
    expect(await stack.metric('gateway_speed_up_item_hours', { item: 'UNEMPLOYMENT_BENEFIT', quantile: '0.5' })).toBe(84);
    expect(await stack.metric('gateway_speed_up_item_hours', { item: 'UNEMPLOYMENT_BENEFIT', quantile: '0.9' })).toBe(132);
    expect(await stack.metric('gateway_speed_up_item_limit_working_days', { item: 'UNEMPLOYMENT_BENEFIT', limit: 'promised' })).toBe(5);
    expect(await stack.metric('gateway_speed_up_item_on_time_ratio', { item: 'UNEMPLOYMENT_BENEFIT' })).toBeCloseTo(0.8333, 4);
    expect(await stack.metric('gateway_speed_up_item_instant_ratio', { item: 'UNEMPLOYMENT_REGISTRATION' })).toBe(1);
    expect(await stack.metric('gateway_speed_up_bundle_saving_ratio', { bundle: 'national-unemployment', kind: 'promised' })).toBe(0.5);
    expect(await stack.metric('gateway_speed_up_bundle_limit_working_days', { bundle: 'national-unemployment', limit: 'separate' })).toBe(20);
    // The three PIN resets are left out.
    const text = await (await fetch(`${stack.gatewayOrigin}/metrics`)).text();
    expect(text).not.toContain('item="CARD_PIN_RESET"');
  });
});
