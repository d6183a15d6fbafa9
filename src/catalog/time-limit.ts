/**
 * 办结时限 of a bundle: PARALLEL and MERGED take the longest item, SERIAL the sum. Items whose
 * limit is "set by local policy" make the result say so instead of inventing a figure.
 */
import type { Bundle, Mode, ServiceItem } from './catalog-types.js';
import { assertInScenario, resolveSelection, scenarioOf } from './selection.js';

export interface ItemTimeLimit {
  readonly code: string;
  readonly kind: 'INSTANT' | 'TIME_LIMITED';
  readonly workingDays: number | null;
  readonly calendarDays: number | null;
  readonly figure: 'NATIONAL' | 'LOCAL_POLICY' | 'NONE';
}

export interface BundleTimeLimit {
  readonly mode: Mode;
  /** Longest (PARALLEL, MERGED) or total (SERIAL) working days of the items that have one; null if none has. */
  readonly workingDays: number | null;
  /** Same over items counted in calendar days (日); null if none. */
  readonly calendarDays: number | null;
  /** True when every item is 即时办结. */
  readonly instant: boolean;
  /** False when some item's limit is set by local policy with no figure here. */
  readonly determinate: boolean;
  /** Items with no figure ("set by local policy"). */
  readonly setByLocalPolicy: readonly string[];
  /** Items whose figure is a configurable local-policy default. */
  readonly localPolicyDefaults: readonly string[];
  readonly items: readonly ItemTimeLimit[];
  /** Chinese summary for the guide and the applicant. */
  readonly summary: string;
}

function itemLimit(item: ServiceItem): ItemTimeLimit {
  const h = item.handling;
  return { code: item.code, kind: h.kind, workingDays: h.workingDays, calendarDays: h.calendarDays, figure: h.figure };
}

/** Combines item limits by mode. */
export function combineTimeLimits(mode: Mode, items: readonly ServiceItem[]): BundleTimeLimit {
  const limits = items.map(itemLimit);
  const serial = mode === 'SERIAL';
  const fold = (values: number[]): number | null => (values.length === 0 ? null : serial ? values.reduce((a, b) => a + b, 0) : Math.max(...values));
  const working = fold(limits.filter((l) => l.workingDays !== null && l.kind === 'TIME_LIMITED').map((l) => l.workingDays!));
  const calendar = fold(limits.filter((l) => l.calendarDays !== null).map((l) => l.calendarDays!));
  const setByLocalPolicy = limits.filter((l) => l.figure === 'NONE').map((l) => l.code);
  const localPolicyDefaults = limits.filter((l) => l.figure === 'LOCAL_POLICY').map((l) => l.code);
  const nameOf = new Map(items.map((i) => [i.code, i.name]));
  const names = (codes: string[]): string => codes.map((c) => `“${nameOf.get(c) ?? c}”`).join('、');
  const instant = limits.length > 0 && limits.every((l) => l.kind === 'INSTANT');

  const parts: string[] = [];
  if (working !== null) parts.push(`${working}个工作日`);
  if (calendar !== null) parts.push(`${calendar}日`);
  const how = serial ? '串联办理，各事项时限相加' : mode === 'MERGED' ? '整合办理，按最长单项时限' : '并联办理，不超过最长单项时限';
  let summary: string;
  if (limits.length === 0) summary = '未选择事项';
  else if (instant) summary = '即时办结';
  else if (parts.length === 0) summary = `${how}；所选事项时限均由地方规定`;
  else summary = `${how}：${parts.join(serial ? ' + ' : '、')}${!serial && parts.length > 1 ? '（以较晚届满者为准）' : ''}`;
  if (setByLocalPolicy.length > 0 && parts.length > 0) summary += `；另有${names(setByLocalPolicy)}的时限由地方规定，总时限以地方规定为准`;
  if (localPolicyDefaults.length > 0) summary += `；${names(localPolicyDefaults)}按地方默认时限计`;

  return {
    mode,
    workingDays: working,
    calendarDays: calendar,
    instant,
    determinate: setByLocalPolicy.length === 0,
    setByLocalPolicy,
    localPolicyDefaults,
    items: limits,
    summary,
  };
}

/**
 * Time limit of a bundle for the chosen items (plus the items its rules certainly add).
 * Throws BundleUsageError for a missing/unknown scenario or a code not in the bundle.
 */
export function bundleTimeLimit(bundle: Bundle, scenario: string | null | undefined, chosen: Iterable<string>): BundleTimeLimit {
  const sc = scenarioOf(bundle, scenario);
  const codes = [...chosen];
  assertInScenario(bundle, sc?.code ?? null, codes);
  const sel = resolveSelection(bundle, sc, codes, { field: () => ({ known: false }) });
  return combineTimeLimits(
    sel.mode,
    sel.included.map((e) => e.item),
  );
}
