import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { Kind, parse, type ConstDirectiveNode, type DefinitionNode, type FieldDefinitionNode, type TypeNode } from 'graphql';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { schemaPath } from '../src/paths.js';
import { ROLE_SCOPES } from '../gateway/auth/principal.js';
import { PERSONAL_FIELDS } from '../gateway/audit/personal-fields.js';
import { MINIMUM_GROUP_SIZE, suppressSmallGroups } from '../gateway/audit/statistics-store.js';
import { SUBMIT, cardApplication, unemploymentApplication } from './support/forms.js';
import { useStack } from './support/use-stack.js';
import { tokenFor } from './support/tokens.js';

describe('small-group suppression', () => {
  it('hides counts from 1 to minimum - 1, and shows zero', () => {
    expect(MINIMUM_GROUP_SIZE).toBe(5);
    expect(
      suppressSmallGroups([
        { key: 'A', count: 9 },
        { key: 'B', count: 3 },
        { key: 'C', count: 2 },
        { key: 'D', count: 0 },
      ]),
    ).toEqual([
      { key: 'A', count: 9 },
      { key: 'B', count: null },
      { key: 'C', count: null },
      { key: 'D', count: 0 },
    ]);
  });

  it('hides the next smallest group when one hidden group could be found by subtraction from the total', () => {
    expect(
      suppressSmallGroups([
        { key: 'A', count: 20 },
        { key: 'B', count: 7 },
        { key: 'C', count: 1 },
      ]),
    ).toEqual([
      { key: 'A', count: 20 },
      { key: 'B', count: null },
      { key: 'C', count: null },
    ]);
  });

  it('hides more while the hidden groups add up to less than the minimum', () => {
    expect(
      suppressSmallGroups([
        { key: 'A', count: 20 },
        { key: 'B', count: 6 },
        { key: 'C', count: 1 },
        { key: 'D', count: 1 },
      ]),
    ).toEqual([
      { key: 'A', count: 20 },
      { key: 'B', count: null },
      { key: 'C', count: null },
      { key: 'D', count: null },
    ]);
  });

  it('shows everything when no group is small', () => {
    expect(
      suppressSmallGroups([
        { key: 'A', count: 5 },
        { key: 'B', count: 6 },
      ]),
    ).toEqual([
      { key: 'A', count: 5 },
      { key: 'B', count: 6 },
    ]);
  });
});

/**
 * From the API schema's roots, following only the fields an analyst's scopes allow by the
 * supergraph's `@requiresScopes` (on the field, on its parent type, on the type it returns),
 * every personal field coordinate that can be reached, with the path to it.
 */
function personalPathsFor(scopes: ReadonlySet<string>): string[] {
  const definitions = parse(readFileSync(schemaPath('supergraph.graphql'), 'utf8')).definitions;
  const types = new Map<string, { directives: readonly ConstDirectiveNode[]; fields: readonly FieldDefinitionNode[]; members: string[] }>();
  const entry = (name: string) => {
    const found = types.get(name) ?? { directives: [], fields: [], members: [] };
    types.set(name, found);
    return found;
  };
  for (const d of definitions as DefinitionNode[]) {
    if (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION) {
      const e = entry(d.name.value);
      types.set(d.name.value, { ...e, directives: [...e.directives, ...(d.directives ?? [])], fields: [...e.fields, ...(d.fields ?? [])] });
    } else if (d.kind === Kind.UNION_TYPE_DEFINITION) {
      entry(d.name.value).members.push(...(d.types ?? []).map((t) => t.name.value));
    } else if (d.kind === Kind.SCALAR_TYPE_DEFINITION || d.kind === Kind.ENUM_TYPE_DEFINITION) {
      const e = entry(d.name.value);
      types.set(d.name.value, { ...e, directives: [...e.directives, ...(d.directives ?? [])] });
    }
  }
  const allowed = (directives: readonly ConstDirectiveNode[] | undefined) => {
    for (const directive of directives ?? []) {
      if (directive.name.value === 'inaccessible') return false;
      if (directive.name.value !== 'requiresScopes') continue;
      const arg = directive.arguments?.find((a) => a.name.value === 'scopes')?.value;
      if (arg?.kind !== Kind.LIST) return false;
      const anyOf = arg.values.map((all) => (all.kind === Kind.LIST ? all.values.map((v) => (v.kind === Kind.STRING ? v.value : '')) : []));
      if (!anyOf.some((all) => all.every((scope) => scopes.has(scope)))) return false;
    }
    return true;
  };
  const named = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : named(type.type));
  const reached: string[] = [];
  const visited = new Set<string>();
  const visit = (typeName: string, path: string) => {
    if (visited.has(typeName)) return;
    visited.add(typeName);
    const type = types.get(typeName);
    if (!type || !allowed(type.directives)) return;
    for (const member of type.members) visit(member, `${path}(${member})`);
    for (const field of type.fields) {
      const returned = named(field.type);
      if (!allowed(field.directives) || !allowed(types.get(returned)?.directives)) continue;
      const coordinate = `${typeName}.${field.name.value}`;
      if (PERSONAL_FIELDS[coordinate]) reached.push(`${path}.${field.name.value} (${coordinate})`);
      visit(returned, `${path}.${field.name.value}`);
    }
  };
  visit('Query', 'Query');
  visit('Mutation', 'Mutation');
  return reached;
}

describe('what an analyst can reach', () => {
  it('no path from the roots reaches an ID number, a name, a phone or any other personal field', () => {
    expect(personalPathsFor(new Set(ROLE_SCOPES.analyst))).toEqual([]);
  });

  it('while a clerk reaches them (the walk does find personal fields)', () => {
    const paths = personalPathsFor(new Set(ROLE_SCOPES.clerk));
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringContaining('(Person.idNumber)'),
        expect.stringContaining('(Person.name)'),
        expect.stringContaining('(Person.phone)'),
      ]),
    );
  });
});

describe('statistics through the gateway', () => {
  const stack = useStack();

  const STATISTICS = `query Stats($filter: StatisticsFilter) { statistics(filter: $filter) {
    minimumGroupSize submissions
    submissionsByBundle { key count } submissionsByStatus { key count } submissionsByChannel { key count } itemsByStatus { key count }
    dueDates { finishedOnTime finishedLate openPastDue openWithinDue }
    medianItemCompletionHours medianSubmissionCompletionHours
  } }`;

  it('refuses statistics to a clerk and a citizen with FORBIDDEN', async () => {
    for (const token of [await tokenFor(stack, 'clerk'), await tokenFor(stack, 'citizen', { id_number: DEMO_PEOPLE.zhangWei.idNumber })]) {
      const { errors } = await stack.graphql(STATISTICS, {}, undefined, { token });
      expect(errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });

  it('answers counts only, with small groups hidden', async () => {
    const people = [DEMO_PEOPLE.zhangWei, DEMO_PEOPLE.liuYang, DEMO_PEOPLE.chenJing, DEMO_PEOPLE.wangFang, DEMO_PEOPLE.liNa, DEMO_PEOPLE.zhangWei];
    for (const person of people) {
      const { errors } = await stack.graphql(SUBMIT, { input: unemploymentApplication(person, ['UNEMPLOYMENT_REGISTRATION']) });
      expect(errors).toBeUndefined();
    }
    const { errors } = await stack.graphql(SUBMIT, {
      input: cardApplication(DEMO_PEOPLE.liuYang, [{ code: 'CARD_APPLICATION', fields: { deliveryMethod: 'PICKUP' } }]),
    });
    expect(errors).toBeUndefined();

    const analyst = await tokenFor(stack, 'analyst');
    const all = await stack.graphql<{ statistics: Record<string, any> }>(STATISTICS, {}, undefined, { token: analyst });
    expect(all.errors).toBeUndefined();
    const stats = all.data!.statistics;
    expect(stats.minimumGroupSize).toBe(5);
    expect(stats.submissions).toBe(7);
    // 6 unemployment and 1 card: the card's 1 is hidden, and so is the 6 (else 7 - 6 gives it away).
    expect(stats.submissionsByBundle).toEqual(
      expect.arrayContaining([
        { key: 'national-unemployment', count: null },
        { key: 'national-social-security-card', count: null },
      ]),
    );
    expect(stats.submissionsByChannel).toEqual(
      expect.arrayContaining([
        { key: 'ONLINE', count: null },
        { key: 'COUNTER', count: null },
      ]),
    );
    // Counts only: nothing in the answer names or numbers a person.
    const text = JSON.stringify(stats);
    for (const person of people) for (const value of [person.idNumber, person.name, person.phone]) expect(text).not.toContain(value);

    const unemployment = await stack.graphql<{ statistics: Record<string, any> }>(STATISTICS, { filter: { bundleCode: 'national-unemployment' } }, undefined, {
      token: analyst,
    });
    expect(unemployment.data!.statistics).toMatchObject({
      submissions: 6,
      submissionsByBundle: [{ key: 'national-unemployment', count: 6 }],
      submissionsByChannel: [{ key: 'ONLINE', count: 6 }],
    });
    const items = unemployment.data!.statistics.itemsByStatus as { key: string; count: number | null }[];
    expect(items.reduce((sum, g) => sum + (g.count ?? 0), 0)).toBeLessThanOrEqual(6);

    const none = await stack.graphql<{ statistics: Record<string, any> }>(STATISTICS, { filter: { from: '2000-01-01', to: '2000-01-02' } }, undefined, {
      token: analyst,
    });
    expect(none.data!.statistics).toMatchObject({
      submissions: 0,
      submissionsByBundle: [],
      medianItemCompletionHours: null,
      dueDates: { finishedOnTime: 0, finishedLate: 0, openPastDue: 0, openWithinDue: 0 },
    });

    const bad = await stack.graphql(STATISTICS, { filter: { from: '2026-11-27T10:00:00Z' } }, undefined, { token: analyst });
    expect(bad.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'filter.from']]);
  });
});
