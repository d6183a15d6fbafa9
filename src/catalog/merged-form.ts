/**
 * 一张表单: the shared fields once, then each included item's own fields; 一套材料: each
 * material once, with the items that need it. Pure: built from the bundle alone.
 */
import type { Bundle, FieldDef, Mode, Selection } from './catalog-types.js';
import type { Rule } from './rules.js';
import { evaluateRule } from './rules.js';
import { assertInScenario, resolveSelection, scenarioOf, type RuleAddedItem } from './selection.js';
import { combineTimeLimits, type BundleTimeLimit } from './time-limit.js';
import { sharedFieldNeeds } from './shared-field-needs.js';

export interface FormField {
  readonly field: FieldDef;
  /** Always required. */
  readonly required: boolean;
  /** Required when this rule holds (evaluated on submission). */
  readonly requiredWhen?: Rule;
}

export interface FormItem {
  readonly code: string;
  readonly name: string;
  readonly selection: Selection;
  readonly section?: string;
  /** CHOSEN by the applicant, ADDED by a rule, or CONDITIONAL: added if a fact/value holds at submit time. */
  readonly origin: 'CHOSEN' | 'ADDED' | 'CONDITIONAL';
  readonly reason?: string;
  readonly fields: readonly FormField[];
}

export interface FormMaterial {
  readonly id: string;
  readonly name: string;
  /** Codes of the items that need it. */
  readonly requiredBy: readonly string[];
  /** True when every need of it depends on a value (e.g. only if 需纸质证). */
  readonly conditional: boolean;
  /** Items for which a signed 告知承诺 may replace it. */
  readonly commitmentAllowedFor: readonly string[];
  /** Key (核心材料) for some item that needs it: without it the application is refused. */
  readonly key: boolean;
  /** May follow after acceptance (容缺受理): non-key for every item needing it, each of them time-limited. */
  readonly deferrable: boolean;
  /** The back-office record that may already hold it for the person (免提交); null when none does. */
  readonly sharedRecord: string | null;
}

export interface BundleForm {
  readonly bundleCode: string;
  readonly bundleName: string;
  readonly scenario: string | null;
  readonly mode: Mode;
  readonly sharedFields: readonly FormField[];
  readonly items: readonly FormItem[];
  /** Items the rules add to the chosen ones, with the reason (incl. those that depend on facts). */
  readonly addedItems: readonly RuleAddedItem[];
  readonly materials: readonly FormMaterial[];
  readonly notes: readonly string[];
  readonly timeLimit: BundleTimeLimit;
}

/**
 * The merged form for the chosen items. Throws BundleUsageError when the scenario is missing or
 * unknown, or a chosen code is not an item of the bundle for that scenario.
 */
export function mergedForm(bundle: Bundle, scenario: string | null | undefined, chosenItemCodes: Iterable<string>): BundleForm {
  const sc = scenarioOf(bundle, scenario);
  const chosen = [...new Set(chosenItemCodes)];
  assertInScenario(bundle, sc?.code ?? null, chosen);
  const sel = resolveSelection(bundle, sc, chosen, { field: () => ({ known: false }) });

  const chosenSet = new Set(chosen);
  const addedByCode = new Map(sel.added.map((a) => [a.code, a]));
  const pendingByCode = new Map(sel.pending.map((a) => [a.code, a]));
  const shown = sel.entries.filter((e) => chosenSet.has(e.code) || addedByCode.has(e.code) || pendingByCode.has(e.code));

  const items: FormItem[] = shown.map((e) => {
    const origin = chosenSet.has(e.code) ? 'CHOSEN' : addedByCode.has(e.code) ? 'ADDED' : 'CONDITIONAL';
    const reason = (addedByCode.get(e.code) ?? pendingByCode.get(e.code))?.reason;
    return {
      code: e.code,
      name: e.item.name,
      selection: e.selection,
      ...(e.section ? { section: e.section } : {}),
      origin,
      ...(reason && origin !== 'CHOSEN' ? { reason } : {}),
      fields: e.fields.map((f) => ({ field: f, required: f.required, ...(f.requiredWhen ? { requiredWhen: f.requiredWhen } : {}) })),
    };
  });

  const materials = new Map<
    string,
    {
      id: string;
      name: string;
      requiredBy: string[];
      unconditional: boolean;
      commitment: string[];
      key: boolean;
      deferrable: boolean;
      sharedRecord: string | null;
    }
  >();
  for (const e of shown) {
    for (const req of e.item.materials) {
      const truth = req.when ? evaluateRule(req.when, { chosen: new Set(), field: () => ({ known: false }) }) : true;
      if (truth === false) continue;
      const m = materials.get(req.material.id) ?? {
        id: req.material.id,
        name: req.material.name,
        requiredBy: [],
        unconditional: false,
        commitment: [],
        key: false,
        deferrable: true,
        sharedRecord: req.material.sharedRecord ?? null,
      };
      m.requiredBy.push(e.code);
      if (req.key) m.key = true;
      if (req.key || e.item.handling.kind !== 'TIME_LIMITED') m.deferrable = false;
      if (truth === true) m.unconditional = true;
      if (e.item.commitmentAllowed) m.commitment.push(e.code);
      materials.set(m.id, m);
    }
  }

  const included = sel.included.map((e) => e.item);
  return {
    bundleCode: bundle.code,
    bundleName: bundle.name,
    scenario: sc?.code ?? null,
    mode: sel.mode,
    sharedFields: sharedFieldNeeds(
      bundle,
      shown.map((e) => e.item),
    ),
    items,
    addedItems: [...sel.added, ...sel.pending],
    materials: [...materials.values()].map((m) => ({
      id: m.id,
      name: m.name,
      requiredBy: m.requiredBy,
      conditional: !m.unconditional,
      commitmentAllowedFor: m.commitment,
      key: m.key,
      deferrable: m.deferrable,
      sharedRecord: m.sharedRecord,
    })),
    notes: bundle.notes,
    timeLimit: combineTimeLimits(sel.mode, included),
  };
}
