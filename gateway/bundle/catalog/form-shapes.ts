/**
 * The merged form (一张表单), the guide (一次告知) and a validation as the plain shapes of
 * `schema/bundle-catalog.graphql`. Only mapping here; the logic stays in src/catalog.
 */
import type { BundleForm, BundleValidation, Catalog, RuleAddedItem, ServiceGuide } from '../../../src/catalog/index.js';
import { fieldShape } from './catalog-shapes.js';

type AddedItem = Pick<RuleAddedItem, 'code' | 'selection' | 'reason'> & { readonly condition?: RuleAddedItem['condition'] };

export function addedItemShape(catalog: Catalog, added: AddedItem) {
  return {
    code: added.code,
    name: catalog.items.get(added.code)?.name ?? added.code,
    selection: added.selection,
    reason: added.reason,
    condition: added.condition ?? null,
  };
}

export function formShape(catalog: Catalog, form: BundleForm) {
  return {
    bundleCode: form.bundleCode,
    bundleName: form.bundleName,
    scenario: form.scenario,
    mode: form.mode,
    sharedFields: form.sharedFields.map((f) => fieldShape(catalog, f.field, f.required, f.requiredWhen)),
    items: form.items.map((item) => ({
      code: item.code,
      name: item.name,
      selection: item.selection,
      section: item.section ?? null,
      origin: item.origin,
      reason: item.reason ?? null,
      fields: item.fields.map((f) => fieldShape(catalog, f.field, f.required, f.requiredWhen)),
    })),
    addedItems: form.addedItems.map((a) => addedItemShape(catalog, a)),
    materials: form.materials.map((m) => ({ ...m, description: catalog.materials.get(m.id)?.description ?? null })),
    notes: form.notes,
    timeLimit: form.timeLimit,
  };
}

/** The guide is already plain data; optional values become explicit nulls. */
export function guideShape(guide: ServiceGuide) {
  return { ...guide, items: guide.items.map((i) => ({ ...i, applicantDeadline: i.applicantDeadline ?? null })) };
}

export function validationShape(catalog: Catalog, validation: BundleValidation) {
  return {
    valid: validation.valid,
    errors: validation.errors,
    addedItems: validation.addedItems.map((a) => addedItemShape(catalog, a)),
    conditionalItems: validation.conditionalItems.map((a) => addedItemShape(catalog, a)),
    timeLimit: validation.timeLimit,
    deferredMaterials: deferredMaterialsShape(catalog, validation),
  };
}

/** 容缺受理: the non-key materials missing that may follow, each once with the items waiting for it. */
function deferredMaterialsShape(catalog: Catalog, validation: BundleValidation) {
  const byId = new Map<string, string[]>();
  for (const need of validation.materialNeeds) if (need.status === 'DEFERRED') byId.set(need.materialId, [...(byId.get(need.materialId) ?? []), need.itemCode]);
  const days = catalog.localPolicy.get('materialDeferralDays')?.value ?? null;
  return [...byId].map(([id, requiredBy]) => ({ id, name: catalog.materials.get(id)?.name ?? id, requiredBy, dueInWorkingDays: days }));
}
