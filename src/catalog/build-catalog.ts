/**
 * Cross-checks the validated files against each other and resolves references into the
 * frozen Catalog. Every fault is recorded with its file and path; nothing stops at the first.
 */
import type { Faults } from './catalog-error.js';
import type { RawBundle, RawItem, RawSharedField } from './catalog-schema.js';
import {
  SUBGRAPH_NAMES,
  type Bundle,
  type Catalog,
  type EnumDef,
  type FactDef,
  type FieldDef,
  type LocalPolicyValue,
  type Material,
  type ServiceItem,
  type SharedRecordSource,
  type SubgraphName,
} from './catalog-types.js';
import { deepFreeze } from './deep-freeze.js';
import { resolveBundle } from './resolve-bundle.js';
import { checkEnumValues, checkIdTypeField, EXTERNAL_FILE, resolveField, resolveItem, strip } from './resolve-item.js';

export interface RawFile<T> {
  readonly file: string;
  readonly data?: T;
}

export interface RawCatalog {
  readonly enums: RawFile<{ enums: Array<{ name: string; values: Array<{ value: string; label: string }> }> }>;
  readonly sharedFields: RawFile<{ fields: RawSharedField[] }>;
  readonly materials: RawFile<{
    materials: Array<{ id: string; name: string; description?: string | undefined; key?: boolean | undefined; sharedRecord?: SharedRecordSource | undefined }>;
  }>;
  readonly facts: RawFile<{ facts: Array<{ name: string; label: string }> }>;
  readonly localPolicy: RawFile<{ policies: Record<string, { label: string; value: number | null; unit: LocalPolicyValue['unit']; basis: string }> }>;
  /** Items that failed their schema are `undefined`, keeping the others' indexes. */
  readonly itemFiles: ReadonlyArray<RawFile<{ items: Array<RawItem | undefined> }> & { stem: string }>;
  readonly bundleFiles: ReadonlyArray<RawFile<RawBundle> & { stem: string }>;
}

const isSubgraph = (s: string): s is SubgraphName => (SUBGRAPH_NAMES as readonly string[]).includes(s);

export function buildCatalog(dir: string, raw: RawCatalog, faults: Faults): Catalog | null {
  // ---- enums ----
  const enums = new Map<string, EnumDef>();
  /** Enums defined inline in an item field: usable by that field only. */
  const inlineEnums = new Map<string, EnumDef>();
  const enumFile = raw.enums.file;
  raw.enums.data?.enums.forEach((e, i) => {
    if (enums.has(e.name)) faults.add(enumFile, `enums[${i}].name`, `duplicate enum "${e.name}"`);
    checkEnumValues(e.values, enumFile, `enums[${i}].values`, faults);
    enums.set(e.name, { name: e.name, values: e.values.map(strip), file: enumFile });
  });

  // ---- materials, facts, local policy ----
  const materials = new Map<string, Material>();
  raw.materials.data?.materials.forEach((m, i) => {
    if (materials.has(m.id)) faults.add(raw.materials.file, `materials[${i}].id`, `duplicate material "${m.id}"`);
    materials.set(m.id, strip({ id: m.id, name: m.name, description: m.description, key: m.key ?? true, sharedRecord: m.sharedRecord }));
  });
  const facts = new Map<string, FactDef>();
  raw.facts.data?.facts.forEach((f, i) => {
    if (facts.has(f.name)) faults.add(raw.facts.file, `facts[${i}].name`, `duplicate fact "${f.name}"`);
    facts.set(f.name, { name: f.name, label: f.label });
  });
  const localPolicy = new Map<string, LocalPolicyValue>();
  const localPolicyUnset = new Map<string, Omit<LocalPolicyValue, 'value'>>();
  for (const [key, p] of Object.entries(raw.localPolicy.data?.policies ?? {})) {
    if (p.value === null) localPolicyUnset.set(key, { key, label: p.label, unit: p.unit, basis: p.basis });
    else localPolicy.set(key, { key, label: p.label, value: p.value, unit: p.unit, basis: p.basis });
  }

  // ---- shared fields dictionary ----
  const sharedFields = new Map<string, FieldDef>();
  const sfFile = raw.sharedFields.file;
  raw.sharedFields.data?.fields.forEach((f, i) => {
    const path = `fields[${i}]`;
    if (sharedFields.has(f.name)) faults.add(sfFile, `${path}.name`, `duplicate shared field "${f.name}"`);
    const def = resolveField(f, undefined, { file: sfFile, path, enums, inlineEnums, faults });
    sharedFields.set(f.name, def);
  });
  raw.sharedFields.data?.fields.forEach((f, i) => {
    if (f.idTypeField) checkIdTypeField(f.idTypeField, sharedFields, sfFile, `fields[${i}].idTypeField`, faults);
  });

  // ---- items ----
  const items = new Map<string, ServiceItem>();
  const itemFileOf = new Map<string, string>();
  const mutations = new Map<string, string>();
  for (const rf of raw.itemFiles) {
    if (rf.stem !== EXTERNAL_FILE && !isSubgraph(rf.stem)) {
      faults.add(rf.file, '', `item files are named after a subgraph (${SUBGRAPH_NAMES.join(', ')}) or "${EXTERNAL_FILE}"`);
    }
    rf.data?.items.forEach((it, i) => {
      if (!it) return;
      const p = `items[${i}]`;
      const first = itemFileOf.get(it.code);
      if (first) faults.add(rf.file, `${p}.code`, `duplicate item code "${it.code}" (first defined in ${first})`);
      else itemFileOf.set(it.code, rf.file);
      const item = resolveItem(it, rf.file, rf.stem, p, {
        enums,
        inlineEnums,
        sharedFields,
        materials,
        facts,
        localPolicy,
        localPolicyUnset,
        faults,
        mutations,
      });
      if (item && !first) items.set(it.code, item);
    });
  }

  // ---- bundles ----
  const bundles = new Map<string, Bundle>();
  const bundleFileOf = new Map<string, string>();
  const sources = new Map<string, string>();
  for (const rf of raw.bundleFiles) {
    const b = rf.data;
    if (!b) continue;
    if (rf.stem !== b.code) faults.add(rf.file, 'code', `bundle code "${b.code}" must match its file name "${rf.stem}.yaml"`);
    const first = bundleFileOf.get(b.code);
    if (first) faults.add(rf.file, 'code', `duplicate bundle code "${b.code}" (first defined in ${first})`);
    else bundleFileOf.set(b.code, rf.file);
    const sourceKey = `${b.source.document}#${b.source.number}`;
    const firstSource = sources.get(sourceKey);
    if (firstSource) faults.add(rf.file, 'source', `source ${b.source.document} number ${b.source.number} is already used by ${firstSource}`);
    else sources.set(sourceKey, rf.file);
    const bundle = resolveBundle(b, rf.file, { items, sharedFields, facts, faults });
    if (bundle && !first) bundles.set(b.code, bundle);
  }

  if (faults.list.length > 0) return null;

  const itemsBySubgraph = new Map<SubgraphName, ServiceItem[]>(SUBGRAPH_NAMES.map((s) => [s, []]));
  const externalItems: ServiceItem[] = [];
  for (const item of items.values()) {
    if (item.subgraph) itemsBySubgraph.get(item.subgraph)!.push(item);
    else externalItems.push(item);
  }
  const allEnums = new Map([...enums, ...inlineEnums]);
  return deepFreeze<Catalog>({
    dir,
    items,
    bundles,
    enums: allEnums,
    sharedFields,
    materials,
    localPolicy,
    localPolicyUnset,
    facts,
    itemsBySubgraph,
    externalItems,
  });
}
