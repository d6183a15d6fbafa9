import { describe, expect, it } from '@jest/globals';
import { buildASTSchema, isInputObjectType, isObjectType, isUnionType, parse, type GraphQLSchema } from 'graphql';
import { readFile } from 'node:fs/promises';
import { SUBGRAPH_NAMES, type SubgraphName } from '../src/config.js';
import { subgraphSdl } from '../src/subgraph/subgraph-sdl.js';
import { itemInputFields, loadCatalog } from '../src/catalog/index.js';
import { availableItemsOf } from '../gateway/supergraph.js';
import { SUPERGRAPH_FILE } from '../gateway/composition.js';

const catalog = loadCatalog();

/** A subgraph's SDL as a plain schema (federation directives declared away), to read its types. */
async function subgraphSchema(name: SubgraphName): Promise<GraphQLSchema> {
  const sdl = (await subgraphSdl(name)).replace(/extend schema[^]*?\)\s*\n/, '');
  const directives = `directive @key(fields: String!, resolvable: Boolean) repeatable on OBJECT | INTERFACE
    directive @shareable on OBJECT | FIELD_DEFINITION
    directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION`;
  return buildASTSchema(parse(`${directives}\n${sdl}`), { assumeValidSDL: true });
}

describe('catalog and subgraphs never disagree', () => {
  it.each(SUBGRAPH_NAMES)('%s: every item mutation present takes exactly the catalog fields, the dispatch, and answers an ItemOutcome', async (name) => {
    const schema = await subgraphSchema(name);
    const mutations = schema.getMutationType()?.getFields() ?? {};
    const items = (catalog.itemsBySubgraph.get(name) ?? []).filter((i) => i.mutation && mutations[i.mutation]);
    // Each subgraph handles some items already: an empty check would prove nothing.
    expect(items.length).toBeGreaterThan(0);
    // The catalog's `implemented: true` is what the subgraph serves, no more, no less.
    expect(items.map((i) => i.code)).toEqual((catalog.itemsBySubgraph.get(name) ?? []).filter((i) => i.implemented).map((i) => i.code));
    for (const item of items) {
      const field = mutations[item.mutation!]!;
      expect(field.description).toContain(`(${item.code})`);
      expect({ item: item.code, returns: String(field.type) }).toEqual({ item: item.code, returns: 'ItemOutcome!' });
      const args = Object.fromEntries(field.args.map((a) => [a.name, String(a.type)]));
      const expectedFields = itemInputFields(item);
      if (expectedFields.length === 0) {
        expect({ item: item.code, args }).toEqual({ item: item.code, args: { dispatch: 'ItemDispatchInput!' } });
        continue;
      }
      expect({ item: item.code, args }).toEqual({ item: item.code, args: { input: `${item.inputTypeName}!`, dispatch: 'ItemDispatchInput!' } });
      const input = schema.getType(item.inputTypeName!);
      expect(isInputObjectType(input)).toBe(true);
      if (!isInputObjectType(input)) continue;
      const actual = Object.values(input.getFields()).map((f) => ({ name: f.name, type: String(f.type) }));
      expect({ item: item.code, fields: actual }).toEqual({ item: item.code, fields: expectedFields });
    }
  });

  it('no subgraph declares an item mutation the catalog does not know', async () => {
    const known = new Set([...catalog.items.values()].map((i) => i.mutation));
    for (const name of SUBGRAPH_NAMES) {
      const mutations = Object.values((await subgraphSchema(name)).getMutationType()?.getFields() ?? {});
      const unknown = mutations.filter((m) => String(m.type) === 'ItemOutcome!' && !/^decide\w+Item$/.test(m.name) && !known.has(m.name)).map((m) => m.name);
      expect({ subgraph: name, unknown }).toEqual({ subgraph: name, unknown: [] });
    }
  });

  it('the available items are exactly those whose mutation is in the supergraph', async () => {
    const available = availableItemsOf(catalog, await readFile(SUPERGRAPH_FILE, 'utf8'));
    for (const name of SUBGRAPH_NAMES) {
      const mutations = (await subgraphSchema(name)).getMutationType()?.getFields() ?? {};
      for (const item of catalog.itemsBySubgraph.get(name) ?? []) {
        expect({ item: item.code, available: available.has(item.code) }).toEqual({
          item: item.code,
          available: Boolean(item.mutation && mutations[item.mutation]),
        });
      }
    }
    for (const item of catalog.externalItems) expect(available.has(item.code)).toBe(false);
  });

  it('every record entity of the subgraphs is a member of ItemRecord, so submissions can link it', async () => {
    const records: string[] = [];
    for (const name of SUBGRAPH_NAMES) {
      const schema = await subgraphSchema(name);
      for (const type of Object.values(schema.getTypeMap())) {
        if (
          isObjectType(type) &&
          type.name !== 'Person' &&
          type.astNode?.directives?.some((d) => d.name.value === 'key' && /"id"/.test(JSON.stringify(d.arguments)))
        )
          records.push(type.name);
      }
    }
    const supergraph = buildASTSchema(parse(await readFile(SUPERGRAPH_FILE, 'utf8')), { assumeValidSDL: true });
    const union = supergraph.getType('ItemRecord');
    expect(isUnionType(union)).toBe(true);
    if (isUnionType(union))
      expect(
        union
          .getTypes()
          .map((t) => t.name)
          .sort(),
      ).toEqual(records.sort());
  });
});
