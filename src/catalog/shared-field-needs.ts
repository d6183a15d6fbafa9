/**
 * Which shared (基本信息) fields a form asks, and when each is required: the bundle's list, then
 * those its items need — always, or only when a rule holds (CARD_APPLICATION needs the mailing
 * address when its card is sent by post). Each field is asked once, however many items need it.
 */
import type { Bundle, FieldDef, ServiceItem } from './catalog-types.js';
import type { Rule } from './rules.js';

export interface SharedFieldNeed {
  readonly field: FieldDef;
  /** Always required. */
  readonly required: boolean;
  /** Required when this rule holds (bundle paths: `ITEM_CODE.field` for an item's field). */
  readonly requiredWhen?: Rule;
}

function combine(a: SharedFieldNeed, b: SharedFieldNeed): SharedFieldNeed {
  if (a.required || b.required) return { field: a.field, required: true };
  const rules = [a.requiredWhen, b.requiredWhen].filter((rule): rule is Rule => rule !== undefined);
  if (rules.length === 0) return { field: a.field, required: false };
  return { field: a.field, required: false, requiredWhen: rules.length === 1 ? rules[0]! : { any: rules } };
}

export function sharedFieldNeeds(bundle: Pick<Bundle, 'sharedFields'>, items: Iterable<ServiceItem>): SharedFieldNeed[] {
  const needs = new Map<string, SharedFieldNeed>();
  for (const sf of bundle.sharedFields) {
    needs.set(sf.field.name, { field: sf.field, required: sf.required, ...(sf.requiredWhen ? { requiredWhen: sf.requiredWhen } : {}) });
  }
  for (const item of items) {
    for (const f of item.sharedFields) {
      const need: SharedFieldNeed = f.requiredWhen ? { field: f, required: false, requiredWhen: f.requiredWhen } : { field: f, required: true };
      const current = needs.get(f.name);
      needs.set(f.name, current ? combine(current, need) : need);
    }
  }
  return [...needs.values()];
}
