/**
 * Which items a submission covers: the chosen ones plus those the bundle's rules add
 * (conditional 默认勾选 and 自动办理). Rules are re-evaluated until nothing more is added.
 */
import type { Bundle, BundleItem, Mode, Scenario, Selection } from './catalog-types.js';
import { describeRule, evaluateRule, type RuleContext } from './rules.js';

export class BundleUsageError extends Error {
  constructor(
    readonly code: 'SCENARIO_REQUIRED' | 'SCENARIO_NOT_FOUND' | 'ITEM_NOT_IN_BUNDLE',
    message: string,
  ) {
    super(message);
    this.name = 'BundleUsageError';
  }
}

/** The scenario object, or null for a bundle without scenarios. Throws on a missing or unknown scenario. */
export function scenarioOf(bundle: Bundle, scenario: string | null | undefined): Scenario | null {
  if (bundle.scenarios.length === 0) {
    if (scenario) throw new BundleUsageError('SCENARIO_NOT_FOUND', `bundle ${bundle.code} has no scenarios, got "${scenario}"`);
    return null;
  }
  if (!scenario) {
    throw new BundleUsageError('SCENARIO_REQUIRED', `bundle ${bundle.code} needs a scenario: ${bundle.scenarios.map((s) => s.code).join(', ')}`);
  }
  const found = bundle.scenarios.find((s) => s.code === scenario);
  if (!found) {
    throw new BundleUsageError(
      'SCENARIO_NOT_FOUND',
      `bundle ${bundle.code} has no scenario "${scenario}" (expected ${bundle.scenarios.map((s) => s.code).join(', ')})`,
    );
  }
  return found;
}

export function modeOf(bundle: Bundle, scenario: Scenario | null): Mode {
  return scenario?.mode ?? bundle.mode ?? 'PARALLEL';
}

/** The bundle's entries that apply to the scenario. */
export function entriesFor(bundle: Bundle, scenario: Scenario | null): BundleItem[] {
  return bundle.items.filter((e) => e.scenarios === null || (scenario !== null && e.scenarios.includes(scenario.code)));
}

/** The items ticked when the form opens: 必选 and unconditional 默认勾选. */
export function defaultSelection(bundle: Bundle, scenario?: string | null): string[] {
  return entriesFor(bundle, scenarioOf(bundle, scenario))
    .filter((e) => e.selection === 'REQUIRED' || (e.selection === 'PRESELECTED' && !e.when))
    .map((e) => e.code);
}

export interface RuleAddedItem {
  readonly code: string;
  readonly selection: Selection;
  readonly reason: string;
  /** ALWAYS: no condition; MET: its condition holds; DEPENDS: it depends on facts or values not known yet. */
  readonly condition: 'ALWAYS' | 'MET' | 'DEPENDS';
}

export interface ResolvedSelection {
  readonly scenario: Scenario | null;
  readonly mode: Mode;
  readonly entries: readonly BundleItem[];
  /** Chosen entries, then rule-added ones, in bundle order. */
  readonly included: readonly BundleItem[];
  readonly added: readonly RuleAddedItem[];
  /** Items whose rule could not be decided yet (unknown fact or value). */
  readonly pending: readonly RuleAddedItem[];
}

function reasonOf(entry: BundleItem, bundle: Bundle): string {
  if (entry.reason) return entry.reason;
  if (!entry.when) return entry.selection === 'AUTOMATIC' ? '自动办理' : '默认勾选';
  const names = new Map(bundle.items.map((e) => [e.code, e.item.name]));
  return describeRule(entry.when, { itemName: (c) => names.get(c) ?? c, factLabel: (f) => f });
}

/**
 * Resolves the final set of items. `chosen` must already be codes of entries of this scenario
 * (validateBundle reports others; mergedForm throws). `ctx` supplies facts and field values.
 */
export function resolveSelection(
  bundle: Bundle,
  scenario: Scenario | null,
  chosen: Iterable<string>,
  ctx: Pick<RuleContext, 'facts' | 'field'>,
): ResolvedSelection {
  const entries = entriesFor(bundle, scenario);
  const set = new Set(chosen);
  const added: RuleAddedItem[] = [];
  let pending: RuleAddedItem[] = [];
  for (let round = 0; round <= entries.length; round++) {
    let changed = false;
    pending = [];
    for (const e of entries) {
      if (set.has(e.code)) continue;
      const automatic = e.selection === 'AUTOMATIC' || (e.selection === 'PRESELECTED' && e.when !== undefined);
      if (!automatic) continue;
      const truth = e.when ? evaluateRule(e.when, { ...ctx, chosen: set, scenario: scenario?.code ?? null }) : true;
      const base = { code: e.code, selection: e.selection, reason: reasonOf(e, bundle) };
      if (truth === true) {
        set.add(e.code);
        added.push({ ...base, condition: e.when ? 'MET' : 'ALWAYS' });
        changed = true;
      } else if (truth === 'unknown') {
        pending.push({ ...base, condition: 'DEPENDS' });
      }
    }
    if (!changed) break;
  }
  return {
    scenario,
    mode: modeOf(bundle, scenario),
    entries,
    included: entries.filter((e) => set.has(e.code)),
    added,
    pending,
  };
}

/** Throws ITEM_NOT_IN_BUNDLE when a code is not an entry of the bundle for the scenario. */
export function assertInScenario(bundle: Bundle, scenario: string | null, codes: readonly string[]): void {
  const sc = scenario === null ? null : (bundle.scenarios.find((s) => s.code === scenario) ?? null);
  const allowed = new Set(entriesFor(bundle, sc).map((e) => e.code));
  for (const c of codes) {
    if (!allowed.has(c)) {
      throw new BundleUsageError('ITEM_NOT_IN_BUNDLE', `item "${c}" is not in bundle ${bundle.code}${scenario ? ` (scenario ${scenario})` : ''}`);
    }
  }
}
