/**
 * 提速办, measured: per item and bundle, the statutory limit, the promised one, and the time the
 * applicants actually waited (median, 90th percentile), the share finished at once (即时办结), the
 * on-time rate, and a bundle's time against the sum of its items' separate limits (打包办's saving).
 * Groups of fewer than MINIMUM_GROUP_SIZE finished show no figure, as every statistic here.
 */
import type { Catalog } from '../../src/catalog/index.js';
import { MINIMUM_GROUP_SIZE } from '../audit/statistics-store.js';
import type { RawBundleSpeed, RawItemSpeed } from './speed-up-store.js';

/**
 * 限时办结事项要在规定办结时限基础上提速50%以上 (人社部发〔2021〕23号 (二)1; the Dachuan report's 20 items
 * "按照人社部提速50%的统一要求"): the promised limit is the statutory one less this share, rounded up.
 */
export const PROMISED_SPEED_UP_PERCENT = 50;

const round = (value: number | null, digits = 2) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);
const shown = (count: number) => count >= MINIMUM_GROUP_SIZE;
const share = (part: number, whole: number) => (shown(whole) ? round(part / whole, 4) : null);
/** A working day counted as 24 hours: the saving against the separate limits is then a lower bound. */
const HOURS_PER_WORKING_DAY = 24;

export interface ItemSpeedUp {
  readonly itemCode: string;
  readonly name: string;
  readonly statutoryWorkingDays: number | null;
  readonly statutoryCalendarDays: number | null;
  readonly promisedWorkingDays: number | null;
  readonly finished: number | null;
  readonly medianHours: number | null;
  readonly p90Hours: number | null;
  readonly instantShare: number | null;
  readonly onTimeRate: number | null;
}

export interface BundleSpeedUp {
  readonly bundleCode: string;
  readonly name: string;
  readonly finished: number | null;
  readonly medianHours: number | null;
  readonly p90Hours: number | null;
  readonly bundleLimitWorkingDays: number | null;
  readonly separateLimitsWorkingDays: number | null;
  readonly promisedSaving: number | null;
  readonly actualSaving: number | null;
}

export function promisedLimit(statutory: number | null): number | null {
  return statutory === null ? null : Math.ceil((statutory * (100 - PROMISED_SPEED_UP_PERCENT)) / 100);
}

export function itemSpeedUps(catalog: Catalog, raw: readonly RawItemSpeed[]): ItemSpeedUp[] {
  return raw
    .map((r) => {
      const item = catalog.items.get(r.itemCode);
      const limited = item?.handling.kind === 'TIME_LIMITED';
      const statutory = limited ? (item.handling.workingDays ?? null) : null;
      return {
        itemCode: r.itemCode,
        name: item?.name ?? r.itemCode,
        statutoryWorkingDays: item?.handling.kind === 'INSTANT' ? 0 : statutory,
        statutoryCalendarDays: limited ? (item.handling.calendarDays ?? null) : null,
        promisedWorkingDays: item?.handling.kind === 'INSTANT' ? 0 : promisedLimit(statutory),
        finished: shown(r.finished) ? r.finished : null,
        medianHours: shown(r.finished) ? round(r.medianHours) : null,
        p90Hours: shown(r.finished) ? round(r.p90Hours) : null,
        instantShare: share(r.instant, r.finished),
        onTimeRate: share(r.onTime, r.dueFinished),
      };
    })
    .sort((a, b) => a.itemCode.localeCompare(b.itemCode));
}

export function bundleSpeedUps(catalog: Catalog, raw: readonly RawBundleSpeed[]): BundleSpeedUp[] {
  return raw
    .map((r) => {
      const visible = shown(r.finished);
      const separate = visible ? r.separateLimitsWorkingDays : null;
      const limit = visible ? r.bundleLimitWorkingDays : null;
      const median = visible ? r.medianHours : null;
      return {
        bundleCode: r.bundleCode,
        name: catalog.bundles.get(r.bundleCode)?.name ?? r.bundleCode,
        finished: visible ? r.finished : null,
        medianHours: round(median),
        p90Hours: visible ? round(r.p90Hours) : null,
        bundleLimitWorkingDays: round(limit),
        separateLimitsWorkingDays: round(separate),
        promisedSaving: separate && limit !== null ? round(1 - limit / separate, 4) : null,
        actualSaving: separate && median !== null ? round(Math.max(0, 1 - median / (separate * HOURS_PER_WORKING_DAY)), 4) : null,
      };
    })
    .sort((a, b) => a.bundleCode.localeCompare(b.bundleCode));
}
