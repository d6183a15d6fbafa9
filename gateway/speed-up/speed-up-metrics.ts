import { Gauge, type Registry } from 'prom-client';
import type { Catalog } from '../../src/catalog/index.js';
import { todayInChina } from '../../src/policy/calendar.js';
import { addDays } from '../../src/policy/calendar.js';
import { bundleSpeedUps, itemSpeedUps, type BundleSpeedUp, type ItemSpeedUp } from './speed-up.js';
import type { SpeedUpStore } from './speed-up-store.js';

export interface SpeedUpMetricsOptions {
  readonly store: SpeedUpStore;
  readonly catalog: Catalog;
  /** Days back the dashboards' figures cover (submissions made in them). */
  readonly windowDays?: number;
  /** A scrape within this long of the last computation reuses it. */
  readonly cacheMs?: number;
}

/**
 * 提速办 for dashboards: the figures of `statistics { speedUp }` over the last `windowDays` days, as
 * gauges computed at scrape time (cached), with the same small groups left out.
 */
export function registerSpeedUpMetrics(registry: Registry, options: SpeedUpMetricsOptions): void {
  const windowDays = options.windowDays ?? 30;
  const cacheMs = options.cacheMs ?? 60_000;
  let cached: { at: number; figures: Promise<{ items: ItemSpeedUp[]; bundles: BundleSpeedUp[] }> } | undefined;
  const figures = () => {
    if (!cached || Date.now() - cached.at > cacheMs) {
      const today = todayInChina();
      const figures = options.store
        .compute({ from: addDays(today, -windowDays), to: addDays(today, 1) })
        .then((raw) => ({ items: itemSpeedUps(options.catalog, raw.items), bundles: bundleSpeedUps(options.catalog, raw.bundles) }));
      cached = { at: Date.now(), figures };
      figures.catch(() => (cached = undefined));
    }
    return cached.figures;
  };
  const gauge = <L extends string>(name: string, help: string, labelNames: L[], fill: (g: Gauge<L>, f: Awaited<ReturnType<typeof figures>>) => void) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        // A database that does not answer leaves these out: /metrics still answers (readiness says why).
        fill(this, await figures().catch(() => ({ items: [], bundles: [] })));
      },
    });
  const set = <L extends string>(g: Gauge<L>, labels: Record<L, string>, value: number | null) => {
    if (value !== null) g.set(labels, value);
  };
  gauge('gateway_speed_up_item_hours', `Hours from submission to item finished, last ${windowDays} days (quantile 0.5, 0.9)`, ['item', 'quantile'], (g, f) => {
    for (const i of f.items) {
      set(g, { item: i.itemCode, quantile: '0.5' }, i.medianHours);
      set(g, { item: i.itemCode, quantile: '0.9' }, i.p90Hours);
    }
  });
  gauge('gateway_speed_up_item_limit_working_days', 'Item limits: statutory and promised (working days)', ['item', 'limit'], (g, f) => {
    // Only items with a figure shown: a series of its own would say that 1 to 4 were handled.
    for (const i of f.items.filter((item) => item.finished !== null)) {
      set(g, { item: i.itemCode, limit: 'statutory' }, i.statutoryWorkingDays);
      set(g, { item: i.itemCode, limit: 'promised' }, i.promisedWorkingDays);
    }
  });
  gauge('gateway_speed_up_item_instant_ratio', 'Share of finished items done at once (即时办结)', ['item'], (g, f) => {
    for (const i of f.items) set(g, { item: i.itemCode }, i.instantShare);
  });
  gauge('gateway_speed_up_item_on_time_ratio', 'Share of 受理 items finished by their due date', ['item'], (g, f) => {
    for (const i of f.items) set(g, { item: i.itemCode }, i.onTimeRate);
  });
  gauge('gateway_speed_up_bundle_hours', `Hours from submission to its last item finished, last ${windowDays} days`, ['bundle', 'quantile'], (g, f) => {
    for (const b of f.bundles) {
      set(g, { bundle: b.bundleCode, quantile: '0.5' }, b.medianHours);
      set(g, { bundle: b.bundleCode, quantile: '0.9' }, b.p90Hours);
    }
  });
  gauge(
    'gateway_speed_up_bundle_limit_working_days',
    "A bundle's limit and the sum of its items' separate limits (median, working days)",
    ['bundle', 'limit'],
    (g, f) => {
      for (const b of f.bundles) {
        set(g, { bundle: b.bundleCode, limit: 'bundle' }, b.bundleLimitWorkingDays);
        set(g, { bundle: b.bundleCode, limit: 'separate' }, b.separateLimitsWorkingDays);
      }
    },
  );
  gauge('gateway_speed_up_bundle_saving_ratio', '打包办 saving against the separate limits: promised and actual (lower bound)', ['bundle', 'kind'], (g, f) => {
    for (const b of f.bundles) {
      set(g, { bundle: b.bundleCode, kind: 'promised' }, b.promisedSaving);
      set(g, { bundle: b.bundleCode, kind: 'actual' }, b.actualSaving);
    }
  });
}
