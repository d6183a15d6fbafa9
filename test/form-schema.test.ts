import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { loadCatalog, validateBundle } from '../src/catalog/index.js';
import { unemploymentApplication } from './support/forms.js';
import { useStack } from './support/use-stack.js';

/**
 * Issue #14, forms a renderer can use: `formSchema` is the merged form as JSON Schema. It is a
 * valid draft 2020-12 schema for every bundle of the catalog (ajv compiles it, strict about
 * everything but our `x-` annotations), a real application that `validateBundle` accepts passes
 * it, and what the schema can tell is wrong (a bad enum, a pattern, a missing required field,
 * a field the form does not have) fails it at that field.
 */
const stack = useStack();
const FORM_SCHEMA = `query S($bundleCode: String!, $scenario: String, $items: [String!]) { formSchema(bundleCode: $bundleCode, scenario: $scenario, items: $items) }`;

function compiler() {
  // strictRequired is ajv's own lint (a `then: {required}` naming a property defined beside it, not in it).
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true });
  for (const keyword of ['x-fieldType', 'x-requiredWhen', 'x-selection', 'x-origin', 'x-reason', 'x-requiredBy', 'x-checkDigit', 'x-format'])
    ajv.addKeyword(keyword);
  return ajv;
}

async function schemaOf(bundleCode: string, scenario?: string, items?: string[]) {
  const { data, errors } = await stack.graphql<{ formSchema: Record<string, unknown> }>(FORM_SCHEMA, { bundleCode, scenario, items });
  expect(errors).toBeUndefined();
  return data!.formSchema;
}

/** An application's values in the schema's shape: items by code. */
function valuesOf(input: ReturnType<typeof unemploymentApplication>) {
  return {
    sharedFields: input.sharedFields,
    items: Object.fromEntries(input.items.map((item) => [item.code, item.fields])),
    materials: input.materials,
    commitments: input.commitments,
  };
}

describe('formSchema', () => {
  it('is a valid JSON Schema for the default form of every bundle and scenario of the catalog', async () => {
    const catalog = loadCatalog();
    const ajv = compiler();
    let compiled = 0;
    for (const bundle of catalog.bundles.values()) {
      for (const scenario of bundle.scenarios.length ? bundle.scenarios.map((s) => s.code) : [undefined]) {
        const schema = await schemaOf(bundle.code, scenario);
        expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', title: bundle.name });
        ajv.compile(schema);
        compiled += 1;
      }
    }
    expect(compiled).toBeGreaterThanOrEqual(catalog.bundles.size);
  });

  it('accepts a real application that validateBundle accepts, and says where the wrong values are', async () => {
    const chosen = ['UNEMPLOYMENT_REGISTRATION', 'UNEMPLOYMENT_BENEFIT', 'JOB_INTRODUCTION'];
    const schema = await schemaOf('national-unemployment', undefined, chosen);
    const validate = compiler().compile(schema);
    // The form's own materials (the test application carries some for other items too).
    const offered = new Set(
      (schema as { properties: { materials: { items: { oneOf: { const: string }[] } } } }).properties.materials.items.oneOf.map((option) => option.const),
    );
    const full = unemploymentApplication(DEMO_PEOPLE.zhangWei, chosen);
    const input = { ...full, materials: full.materials.filter((id) => offered.has(id)) };
    const checked = validateBundle(loadCatalog(), { ...input, scenario: null });
    expect(checked.errors).toEqual([]);
    validate(valuesOf(input));
    expect(validate.errors ?? []).toEqual([]);

    const paths = (values: unknown) => {
      validate(values);
      return (validate.errors ?? []).map((e) => `${e.instancePath}${e.keyword === 'required' || e.keyword === 'additionalProperties' ? `:${e.keyword}` : ''}`);
    };
    const wrong = valuesOf(input);
    expect(paths({ ...wrong, sharedFields: { ...wrong.sharedFields, phone: '0800' } })).toContain('/sharedFields/phone');
    expect(paths({ ...wrong, sharedFields: { ...wrong.sharedFields, gender: 'OTHER' } })).toContain('/sharedFields/gender');
    expect(paths({ ...wrong, sharedFields: { ...wrong.sharedFields, unemploymentDate: '31.10.2025' } })).toContain('/sharedFields/unemploymentDate');
    const { name: _name, ...nameless } = wrong.sharedFields;
    expect(paths({ ...wrong, sharedFields: nameless })).toContain('/sharedFields:required');
    expect(paths({ ...wrong, sharedFields: { ...wrong.sharedFields, shoeSize: 42 } })).toContain('/sharedFields:additionalProperties');
    expect(paths({ ...wrong, items: { ...wrong.items, JOB_INTRODUCTION: { ...wrong.items.JOB_INTRODUCTION, expectedMonthlySalary: '8k' } } })).toContain(
      '/items/JOB_INTRODUCTION/expectedMonthlySalary',
    );
    expect(paths({ ...wrong, materials: ['no-such-material'] })).toContain('/materials/0');
  });

  it('gives enum values with their labels, and requiredWhen as a rule and, where it can, as if/then', async () => {
    const schema = (await schemaOf('national-unemployment', undefined, ['UNEMPLOYMENT_BENEFIT'])) as {
      properties: { sharedFields: { properties: Record<string, { title: string; oneOf?: { const: string; title: string }[] }> } };
    };
    const gender = schema.properties.sharedFields.properties.gender!;
    expect(gender.title).toBe('性别');
    expect(gender.oneOf).toEqual(expect.arrayContaining([{ const: 'MALE', title: '男' }]));

    // Every conditional field of every bundle: its rule is there; a same-section field rule also as if/then.
    const catalog = loadCatalog();
    let ifThen = 0;
    let rules = 0;
    for (const bundle of catalog.bundles.values()) {
      const found = JSON.stringify(await schemaOf(bundle.code, bundle.scenarios[0]?.code));
      rules += found.split('"x-requiredWhen"').length - 1;
      ifThen += found.split('"if":').length - 1;
    }
    expect(rules).toBeGreaterThan(0);
    expect(ifThen).toBeGreaterThan(0);
  });
});
