/**
 * Catalog objects as the plain shapes of `schema/bundle-catalog.graphql`: items, fields, bundles.
 * Only mapping here; the logic stays in src/catalog.
 */
import {
  describeRule,
  graphqlTypeOf,
  ownerName,
  type Bundle,
  type BundleItem,
  type Catalog,
  type FieldDef,
  type FieldsSource,
  type Rule,
  type ServiceItem,
} from '../../../src/catalog/index.js';

type RuleLabels = Parameters<typeof describeRule>[1];

/** What the catalog queries read from the GraphQL context. */
export interface CatalogScope {
  readonly catalog: Catalog;
  /** Item codes whose mutation exists in the supergraph. */
  readonly availableItems: ReadonlySet<string>;
}

const FIELDS_SOURCE: Record<FieldsSource, 'NATIONAL_NOTICE' | 'DERIVED'> = { 'national-notice': 'NATIONAL_NOTICE', derived: 'DERIVED' };

/** Names for describeRule: items by their Chinese name, facts by their label. */
export function ruleLabels(catalog: Catalog): RuleLabels {
  return {
    itemName: (code) => catalog.items.get(code)?.name ?? code,
    factLabel: (name) => catalog.facts.get(name)?.label ?? name,
  };
}

export const ruleText = (catalog: Catalog, rule: Rule | undefined): string | null => (rule ? describeRule(rule, ruleLabels(catalog)) : null);

/** A field; `required` / `requiredWhen` as the form or bundle asks them (default: the field's own). */
export function fieldShape(catalog: Catalog, def: FieldDef, required = def.required, requiredWhen = def.requiredWhen) {
  return {
    name: def.name,
    label: def.label,
    type: def.type,
    graphqlType: graphqlTypeOf({ type: def.type, required, ...(def.enum ? { enum: def.enum } : {}) }),
    required,
    requiredWhen: ruleText(catalog, requiredWhen),
    enum: def.enum ?? null,
    values: def.values ?? null,
    description: def.description ?? null,
    derived: def.derived,
  };
}

/**
 * An item `submitBundle` handles now: a subgraph's item whose mutation the supergraph has, or another
 * department's item, which is referred there and tracked (gateway/submission/referrals.ts).
 */
export function isAvailable(item: ServiceItem, availableItems: ReadonlySet<string>): boolean {
  return item.owner.kind === 'department' || availableItems.has(item.code);
}

/** Why an item can or cannot be submitted through `submitBundle` now. */
export function availabilityOf(item: ServiceItem, available: boolean): string {
  if (item.owner.kind === 'department') {
    return `handled by another department (${item.owner.department}): a related service (可拓展关联服务) referred there by submitBundle, with what was sent recorded and its answer recorded by recordDepartmentAnswer`;
  }
  if (!item.mutation) return `its subgraph (${item.owner.subgraph}) has no mutation for it in the catalog`;
  if (!available) return `its subgraph (${item.owner.subgraph}) does not handle it yet: the supergraph has no mutation ${item.mutation}`;
  return `handled by ${item.owner.subgraph} through ${item.mutation}`;
}

export function itemShape(scope: CatalogScope, item: ServiceItem) {
  const { catalog } = scope;
  const available = isAvailable(item, scope.availableItems);
  const h = item.handling;
  return {
    id: item.code,
    code: item.code,
    name: item.name,
    aliases: item.aliases,
    owner: { kind: item.owner.kind === 'subgraph' ? 'SUBGRAPH' : 'DEPARTMENT', name: ownerName(item) },
    subgraph: item.owner.kind === 'subgraph' ? item.owner.subgraph : null,
    department: item.owner.kind === 'department' ? item.owner.department : null,
    applicantKinds: item.applicantKind,
    handling: {
      kind: h.kind,
      workingDays: h.workingDays,
      calendarDays: h.calendarDays,
      figure: h.figure,
      localPolicyKey: h.localPolicyKey ?? null,
      basis: h.basis,
      applicantDeadline: h.applicantDeadline ?? null,
    },
    commitmentAllowed: item.commitmentAllowed,
    materials: item.materials.map((req) => ({
      id: req.material.id,
      name: req.material.name,
      description: req.material.description ?? null,
      condition: ruleText(catalog, req.when),
    })),
    mutation: item.mutation ?? null,
    available,
    availability: availabilityOf(item, available),
    fieldsSource: FIELDS_SOURCE[item.fieldsSource],
    sharedFields: item.sharedFields.map((f) => fieldShape(catalog, f)),
    fields: item.fields.map((f) => fieldShape(catalog, f)),
    notes: item.notes,
  };
}

function entryShape(scope: CatalogScope, entry: BundleItem) {
  return {
    item: itemShape(scope, entry.item),
    selection: entry.selection,
    rule: ruleText(scope.catalog, entry.when),
    scenarios: entry.scenarios,
    section: entry.section ?? null,
    reason: entry.reason ?? null,
  };
}

export function bundleShape(scope: CatalogScope, bundle: Bundle) {
  return {
    id: bundle.code,
    code: bundle.code,
    name: bundle.name,
    source: bundle.source,
    basis: bundle.basis,
    applicantKinds: bundle.applicantKind,
    lead: bundle.lead,
    participants: bundle.participants,
    mode: bundle.mode,
    scenarios: bundle.scenarios.map((s) => ({ code: s.code, name: s.name, applicantKinds: s.applicantKind, mode: s.mode })),
    sharedFields: bundle.sharedFields.map((sf) => fieldShape(scope.catalog, sf.field, sf.required, sf.requiredWhen)),
    sharedFieldsSource: FIELDS_SOURCE[bundle.sharedFieldsSource],
    entries: bundle.items.map((e) => entryShape(scope, e)),
    notes: bundle.notes,
  };
}
