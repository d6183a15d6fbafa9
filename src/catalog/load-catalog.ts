/**
 * Reads the catalog's YAML files, validates each with zod, cross-checks references, and
 * returns a frozen Catalog — or throws one CatalogError listing every fault.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { CatalogError, Faults, formatPath } from './catalog-error.js';
import {
  bundleSchema,
  enumsFileSchema,
  factsFileSchema,
  itemSchema,
  localPolicyFileSchema,
  materialsFileSchema,
  sharedFieldsFileSchema,
} from './catalog-schema.js';
import { buildCatalog, type RawCatalog, type RawFile } from './build-catalog.js';
import type { Catalog } from './catalog-types.js';
import type { RawItem } from './catalog-schema.js';

/** `<project>/schema/catalog`, found by walking up from this module (works from src and dist). */
export function defaultCatalogDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'schema', 'catalog');
    if (existsSync(join(candidate, 'bundles'))) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error('schema/catalog not found above src/catalog');
    dir = up;
  }
}

function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

function readYaml<S extends z.ZodType>(abs: string, schema: S, faults: Faults): RawFile<z.infer<S>> {
  const file = displayPath(abs);
  if (!existsSync(abs)) {
    faults.add(file, '', 'file missing');
    return { file };
  }
  const doc = parseDocument(readFileSync(abs, 'utf8'));
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0];
      faults.add(file, line ? `line ${line.line}:${line.col}` : '', `YAML: ${e.message.split('\n')[0]}`);
    }
    return { file };
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      faults.add(file, formatPath(issue.path), issue.message);
    }
    return { file };
  }
  return { file, data: parsed.data };
}

/** An items file: each item validated on its own, so one bad item does not hide the others. */
const itemsFileShape = z.strictObject({ items: z.array(z.unknown()) });

function readItemsFile(abs: string, faults: Faults): RawFile<{ items: Array<RawItem | undefined> }> {
  const read = readYaml(abs, itemsFileShape, faults);
  if (!read.data) return { file: read.file };
  const items: Array<RawItem | undefined> = [];
  read.data.items.forEach((candidate, i) => {
    const parsed = itemSchema.safeParse(candidate);
    items.push(parsed.success ? parsed.data : undefined);
    if (!parsed.success) for (const issue of parsed.error.issues) faults.add(read.file, formatPath(['items', i, ...issue.path]), issue.message);
  });
  return { file: read.file, data: { items } };
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}

/**
 * Loads and validates the catalog under `dir` (default: the project's `schema/catalog`).
 * Throws CatalogError (code CATALOG_INVALID) naming the file and path of every fault.
 */
export function loadCatalog(dir: string = defaultCatalogDir()): Catalog {
  const root = resolve(dir);
  const faults = new Faults();
  const raw: RawCatalog = {
    enums: readYaml(join(root, 'enums.yaml'), enumsFileSchema, faults),
    sharedFields: readYaml(join(root, 'shared-fields.yaml'), sharedFieldsFileSchema, faults),
    materials: readYaml(join(root, 'materials.yaml'), materialsFileSchema, faults),
    facts: readYaml(join(root, 'facts.yaml'), factsFileSchema, faults),
    localPolicy: readYaml(join(root, 'local-policy.yaml'), localPolicyFileSchema, faults),
    itemFiles: yamlFiles(join(root, 'items')).map((f) => ({
      stem: f.replace(/\.yaml$/, ''),
      ...readItemsFile(join(root, 'items', f), faults),
    })),
    bundleFiles: yamlFiles(join(root, 'bundles')).map((f) => ({
      stem: f.replace(/\.yaml$/, ''),
      ...readYaml(join(root, 'bundles', f), bundleSchema, faults),
    })),
  };
  if (raw.itemFiles.length === 0) faults.add(displayPath(join(root, 'items')), '', 'no item files');
  if (raw.bundleFiles.length === 0) faults.add(displayPath(join(root, 'bundles')), '', 'no bundle files');
  const catalog = buildCatalog(root, raw, faults);
  if (faults.list.length > 0 || !catalog) throw new CatalogError(faults.list);
  return catalog;
}
