/**
 * 办事指南 / 一次告知 of a bundle: basis, conditions, materials (derived from the items, each
 * once), process, where to apply, fees, and the time limit of the whole bundle.
 */
import type { Bundle, Mode } from './catalog-types.js';
import { entriesFor, scenarioOf, modeOf } from './selection.js';
import { combineTimeLimits, type BundleTimeLimit } from './time-limit.js';

export interface ServiceGuide {
  readonly bundleCode: string;
  readonly name: string;
  readonly scenario: string | null;
  readonly mode: Mode;
  readonly basis: readonly string[];
  readonly conditions: readonly string[];
  readonly items: ReadonlyArray<{
    code: string;
    name: string;
    selection: string;
    owner: string;
    basis: string;
    applicantDeadline?: string;
    /** Labels of the item's fields this bundle asks (its source's list). */
    fields: readonly string[];
    /** The item's fields this bundle does not ask, each with what stands for it (derived, or what the item does without it). */
    notAsked: readonly string[];
  }>;
  readonly materials: ReadonlyArray<{ id: string; name: string; requiredBy: readonly string[]; conditional: boolean; commitmentAllowed: boolean }>;
  readonly process: readonly string[];
  readonly where: readonly string[];
  readonly fees: string;
  /** Time limit if every item of the scenario were chosen (the guide's upper bound). */
  readonly timeLimit: BundleTimeLimit;
  readonly notes: readonly string[];
}

export function bundleGuide(bundle: Bundle, scenario?: string | null): ServiceGuide {
  const sc = scenarioOf(bundle, scenario);
  const entries = entriesFor(bundle, sc);
  const materials = new Map<string, { id: string; name: string; requiredBy: string[]; conditional: boolean; commitmentAllowed: boolean }>();
  for (const e of entries) {
    for (const req of e.item.materials) {
      const m = materials.get(req.material.id) ?? { id: req.material.id, name: req.material.name, requiredBy: [], conditional: true, commitmentAllowed: true };
      m.requiredBy.push(e.code);
      if (!req.when) m.conditional = false;
      if (!e.item.commitmentAllowed) m.commitmentAllowed = false;
      materials.set(m.id, m);
    }
  }
  const mode = modeOf(bundle, sc);
  return {
    bundleCode: bundle.code,
    name: bundle.name,
    scenario: sc?.code ?? null,
    mode,
    basis: bundle.basis,
    conditions: bundle.guide.conditions,
    items: entries.map((e) => ({
      code: e.code,
      name: e.item.name,
      selection: e.selection,
      owner: e.item.owner.kind === 'subgraph' ? e.item.owner.subgraph : e.item.owner.department,
      basis: e.item.handling.basis,
      ...(e.item.handling.applicantDeadline ? { applicantDeadline: e.item.handling.applicantDeadline } : {}),
      fields: e.fields.map((f) => f.label),
      notAsked: [
        ...e.derived.map((d) => `${d.field.label}：${d.from.basis}`),
        ...e.omitted.map((name) => e.item.fields.find((f) => f.name === name)!).map((f) => (f.whenAbsent ? `${f.label}：${f.whenAbsent}` : f.label)),
      ],
    })),
    materials: [...materials.values()],
    process: bundle.guide.process,
    where: bundle.guide.where,
    fees: bundle.guide.fees,
    timeLimit: combineTimeLimits(
      mode,
      entries.map((e) => e.item),
    ),
    notes: bundle.notes,
  };
}
