import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import type { SubgraphName } from '../../src/config.js';
import type { ReceivedItemOutcome } from '../../src/contract/item-contract.js';
import { loadCatalog } from '../../src/catalog/index.js';
import { decisionMutationName } from '../../src/catalog/item-codegen.js';
import type { DemoPerson } from '../../src/demo/demo-data.js';
import { personKey } from '../../src/identity/person-key.js';
import { todayInChina } from '../../src/policy/calendar.js';
import type { TestStack } from './stack.js';

export const OUTCOME_FIELDS = 'itemCode status recordType recordId reference rejection { code message field }';

export type Outcome = ReceivedItemOutcome;

/** The ApplicantInput the gateway would send for a demo person. */
export function applicantOf(stack: TestStack, person: DemoPerson) {
  return {
    personId: personKey(stack.config.personKeySecret, person.idType, person.idNumber),
    name: person.name,
    gender: person.gender,
    birthDate: person.birthDate,
    idType: person.idType,
    idNumber: person.idNumber,
    phone: person.phone,
  };
}

export function dispatchFor(stack: TestStack, person: DemoPerson, itemCode: string, extra: Record<string, unknown> = {}) {
  return { idempotencyKey: randomUUID(), itemCode, channel: 'ONLINE', applicant: applicantOf(stack, person), ...extra };
}

const catalog = loadCatalog();

/**
 * Sends one item straight to its subgraph, exactly as the gateway dispatches it: the subgraph,
 * the mutation and its input type are the catalog's for `dispatch.itemCode` (an item with no
 * fields of its own takes no input). `itemCode` sends another item's dispatch to this item.
 */
export async function dispatchItem(stack: TestStack, dispatch: { readonly itemCode: string }, input?: unknown, itemCode = dispatch.itemCode) {
  const item = catalog.items.get(itemCode);
  if (!item?.subgraph || !item.mutation) throw new Error(`${itemCode} is no item of a subgraph`);
  const inputType = item.fields.length > 0 ? item.inputTypeName : null;
  const query = inputType
    ? `mutation ($input: ${inputType}!, $dispatch: ItemDispatchInput!) { outcome: ${item.mutation}(input: $input, dispatch: $dispatch) { ${OUTCOME_FIELDS} } }`
    : `mutation ($dispatch: ItemDispatchInput!) { outcome: ${item.mutation}(dispatch: $dispatch) { ${OUTCOME_FIELDS} } }`;
  return stack.graphql<{ outcome: Outcome }>(query, inputType ? { input: input ?? {}, dispatch } : { dispatch }, stack.subgraphs.get(item.subgraph)!.url);
}

/** The counter's decision on an accepted item, straight to the owning subgraph. */
export async function decideItem(stack: TestStack, subgraph: SubgraphName, idempotencyKey: string, decision: Record<string, unknown>) {
  return stack.graphql<{ outcome: Outcome }>(
    `mutation ($key: String!, $decision: ItemDecisionInput!) { outcome: ${decisionMutationName(subgraph)}(idempotencyKey: $key, decision: $decision) { ${OUTCOME_FIELDS} } }`,
    { key: idempotencyKey, decision },
    stack.subgraphs.get(subgraph)!.url,
  );
}

/**
 * A fresh, valid resident ID number (GB 11643 check character) of someone nobody has records
 * of, born on `birthDate`, of `gender`: subgraphs recompute the applicant's key from the document,
 * so a newcomer needs a document of their own. `region` (6 digits) fixes the issuing region, e.g.
 * one whose social insurance agency handles a person with no record yet. `sequence` (0–499) makes
 * the number unique among newcomers of one birth date, region and gender; else it is drawn.
 */
export function newcomerIdNumber(birthDate: string, gender: 'MALE' | 'FEMALE', region?: string, sequence?: number): string {
  // 南京 districts 11–99: never 玄武 (320102), whose demo social insurance agency would make a
  // newcomer's insurance outcome depend on the draw.
  const district = String(11 + Math.floor(Math.random() * 89));
  const order = 2 * (sequence ?? Math.floor(Math.random() * 500)) + (gender === 'MALE' ? 1 : 0);
  const body = `${region ?? `3201${district}`}${birthDate.replaceAll('-', '')}${String(order).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * weights[index]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/** The next item of the same applicant (a serial bundle's next step): a new idempotency key, another item. */
export function anotherItem<D extends { readonly itemCode: string }>(
  dispatch: D,
  itemCode: string = dispatch.itemCode,
  extra: Record<string, unknown> = {},
): D {
  return { ...dispatch, idempotencyKey: randomUUID(), itemCode, ...extra };
}

/** An entity as the subgraph serves it to the gateway (`_entities`), to check what a record holds. */
export async function entityOf<T>(stack: TestStack, subgraph: SubgraphName, typename: string, id: string, selection: string): Promise<T> {
  const { data, errors } = await stack.graphql<{ _entities: T[] }>(
    `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`,
    { r: [{ __typename: typename, id }] },
    stack.subgraphs.get(subgraph)!.url,
  );
  expect(errors).toBeUndefined();
  return data!._entities[0]!;
}

type OutcomeReply = { data?: { outcome: Outcome }; errors?: unknown };

/** The item was accepted and numbered `<prefix><today in China><6 digits>`. */
export function expectAccepted(result: OutcomeReply, recordType: string, prefix: string): Outcome {
  expect(result.errors).toBeUndefined();
  expect(result.data!.outcome).toMatchObject({ status: 'ACCEPTED', recordType, rejection: null });
  expect(result.data!.outcome.reference).toMatch(new RegExp(`^${prefix}${todayInChina().replaceAll('-', '')}\\d{6}$`));
  return result.data!.outcome;
}

/** A rule refused the item with `code` at `field`, and no record was made. */
export function expectRejected(result: OutcomeReply, code: string, field: string | null = null): void {
  expect(result.errors).toBeUndefined();
  expect(result.data!.outcome).toMatchObject({ status: 'REJECTED', recordType: null, recordId: null, reference: null, rejection: { code, field } });
}
