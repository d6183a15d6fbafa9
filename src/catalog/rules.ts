/**
 * Rules are data: `{chosen}`, `{all}`, `{any}`, `{not}`, `{field, equals}`, `{field, includes}`,
 * `{fact}`, `{scenario}`. Evaluation is three-valued (Kleene): a rule over a fact or a field value
 * that is not known yet is 'unknown', so a merged form can say "depends" instead of guessing.
 */
export type Scalar = string | number | boolean;

export type Rule =
  | { readonly chosen: string }
  | { readonly all: readonly Rule[] }
  | { readonly any: readonly Rule[] }
  | { readonly not: Rule }
  | { readonly field: string; readonly equals: Scalar }
  | { readonly field: string; readonly includes: Scalar }
  | { readonly fact: string }
  | { readonly scenario: string };

export type Truth = boolean | 'unknown';

/** What a rule can look at. Field paths: `name` (the scope's own field) or `ITEM_CODE.name`. */
export interface RuleContext {
  readonly chosen: ReadonlySet<string>;
  readonly scenario?: string | null;
  /** Facts known at submit time; a missing fact is unknown. */
  readonly facts?: Readonly<Record<string, boolean>>;
  /** Returns `{ known: false }` when values are not available (e.g. while building the form). */
  readonly field: (path: string) => { known: true; value: unknown } | { known: false };
}

export function evaluateRule(rule: Rule, ctx: RuleContext): Truth {
  if ('chosen' in rule) return ctx.chosen.has(rule.chosen);
  if ('all' in rule) {
    let result: Truth = true;
    for (const r of rule.all) {
      const t = evaluateRule(r, ctx);
      if (t === false) return false;
      if (t === 'unknown') result = 'unknown';
    }
    return result;
  }
  if ('any' in rule) {
    let result: Truth = false;
    for (const r of rule.any) {
      const t = evaluateRule(r, ctx);
      if (t === true) return true;
      if (t === 'unknown') result = 'unknown';
    }
    return result;
  }
  if ('not' in rule) {
    const t = evaluateRule(rule.not, ctx);
    return t === 'unknown' ? 'unknown' : !t;
  }
  if ('fact' in rule) {
    const v = ctx.facts?.[rule.fact];
    return typeof v === 'boolean' ? v : 'unknown';
  }
  if ('scenario' in rule) {
    if (ctx.scenario === undefined) return 'unknown';
    return ctx.scenario === rule.scenario;
  }
  const got = ctx.field(rule.field);
  if (!got.known) return 'unknown';
  if ('equals' in rule) return got.value === rule.equals;
  return Array.isArray(got.value) && got.value.includes(rule.includes);
}

export interface RuleReferences {
  readonly chosen: string[];
  readonly fields: Array<{ path: string; value?: Scalar }>;
  readonly facts: string[];
  readonly scenarios: string[];
}

/** Every item, field, fact and scenario a rule names (for the loader's cross-checks). */
export function ruleReferences(rule: Rule, into: RuleReferences = { chosen: [], fields: [], facts: [], scenarios: [] }): RuleReferences {
  if ('chosen' in rule) into.chosen.push(rule.chosen);
  else if ('all' in rule) rule.all.forEach((r) => ruleReferences(r, into));
  else if ('any' in rule) rule.any.forEach((r) => ruleReferences(r, into));
  else if ('not' in rule) ruleReferences(rule.not, into);
  else if ('fact' in rule) into.facts.push(rule.fact);
  else if ('scenario' in rule) into.scenarios.push(rule.scenario);
  else into.fields.push({ path: rule.field, value: 'equals' in rule ? rule.equals : rule.includes });
  return into;
}

export interface RuleLabels {
  itemName(code: string): string;
  factLabel(name: string): string;
}

/** A short Chinese sentence saying when the rule holds, for "why was this item added". */
export function describeRule(rule: Rule, labels: RuleLabels): string {
  if ('chosen' in rule) return `已勾选“${labels.itemName(rule.chosen)}”`;
  if ('all' in rule) return rule.all.map((r) => describeRule(r, labels)).join('且');
  if ('any' in rule) return rule.any.map((r) => describeRule(r, labels)).join('或');
  if ('not' in rule) return `并非（${describeRule(rule.not, labels)}）`;
  if ('fact' in rule) return labels.factLabel(rule.fact);
  if ('scenario' in rule) return `办事情形为 ${rule.scenario}`;
  if ('equals' in rule) return `${rule.field} 为 ${String(rule.equals)}`;
  return `${rule.field} 含 ${String(rule.includes)}`;
}

/** An item's rule as the bundle reads it: the item's own field paths become `ITEM_CODE.name`. */
export function qualifyFields(rule: Rule, itemCode: string): Rule {
  if ('all' in rule) return { all: rule.all.map((r) => qualifyFields(r, itemCode)) };
  if ('any' in rule) return { any: rule.any.map((r) => qualifyFields(r, itemCode)) };
  if ('not' in rule) return { not: qualifyFields(rule.not, itemCode) };
  if ('field' in rule) return { ...rule, field: `${itemCode}.${rule.field}` };
  return rule;
}
