import type { Catalog } from '../../src/catalog/index.js';
import { addCalendarDays, addWorkingDays } from '../../src/policy/working-days.js';

/** A period of the local policy: so many calendar days (日) or working days (工作日). */
export interface Period {
  readonly days: number;
  readonly unit: 'DAYS' | 'WORKING_DAYS';
}

/**
 * The local figures of 好差评, 办不成事 and 绿色通道 (schema/catalog/local-policy.yaml), read once at
 * start-up and frozen. A deployment that removes one, or gives it the wrong unit, does not start.
 */
export interface FeedbackPolicy {
  /** A case not rated within this period after 办结 is recorded as 满意 (the default rating). */
  readonly defaultSatisfiedAfter: Period;
  /** A 差评's follow-up (contact, correction, reply) is due within this period. */
  readonly followUpWithin: Period;
  /** A 办不成事 report is answered within this period. */
  readonly notDoneAnswerWithin: Period;
  /** 绿色通道: an item's promised working (or calendar) days are cut to this percentage, at least one day. */
  readonly priorityPercent: number;
  /** Extra days off (PUBLIC_HOLIDAYS) on top of the State Council's calendar. */
  readonly holidays: ReadonlySet<string>;
}

function period(catalog: Catalog, key: string): Period {
  const figure = catalog.localPolicy.get(key);
  if (!figure) throw new Error(`local-policy.yaml: expected a figure for ${key}, got none (the 好差评 / 办不成事 rules need it)`);
  if (figure.unit !== 'DAYS' && figure.unit !== 'WORKING_DAYS')
    throw new Error(`local-policy.yaml: ${key}: expected unit DAYS or WORKING_DAYS, got ${figure.unit}`);
  if (!Number.isInteger(figure.value) || figure.value < 1)
    throw new Error(`local-policy.yaml: ${key}: expected a whole number of days ≥ 1, got ${figure.value}`);
  return Object.freeze({ days: figure.value, unit: figure.unit });
}

export function feedbackPolicyOf(catalog: Catalog, holidays: ReadonlySet<string>): FeedbackPolicy {
  const percent = catalog.localPolicy.get('priorityTimeLimitPercent');
  if (!percent || percent.unit !== 'PERCENT' || percent.value <= 0 || percent.value > 100)
    throw new Error(
      `local-policy.yaml: priorityTimeLimitPercent: expected a PERCENT from 1 to 100, got ${percent ? `${percent.value} ${percent.unit}` : 'none'}`,
    );
  return Object.freeze({
    defaultSatisfiedAfter: period(catalog, 'ratingDefaultSatisfiedDays'),
    followUpWithin: period(catalog, 'badRatingFollowUpDays'),
    notDoneAnswerWithin: period(catalog, 'notDoneReportAnswerDays'),
    priorityPercent: percent.value,
    holidays,
  });
}

/** The day a period ends, counted from `today` (China date) the way the agencies count it. */
export function deadline(today: string, within: Period, holidays: ReadonlySet<string>): string {
  return within.unit === 'WORKING_DAYS' ? addWorkingDays(today, within.days, holidays) : addCalendarDays(today, within.days, holidays);
}
