import { randomUUID } from 'node:crypto';
import type { SubgraphName } from '../../src/config.js';
import type { ReceivedItemOutcome } from '../../src/contract/item-contract.js';
import type { DemoPerson } from '../../src/demo/demo-data.js';
import { personKey } from '../../src/identity/person-key.js';
import type { TestStack } from './stack.js';

export const OUTCOME_FIELDS = 'itemCode status recordType recordId reference rejection { code message field }';

export type Outcome = ReceivedItemOutcome;

/** The ApplicantInput the gateway would send for a demo person. */
export function applicantOf(stack: TestStack, person: DemoPerson) {
  return {
    personId: personKey(stack.config.personKeySecret, person.idType, person.idNumber),
    name: person.name, gender: person.gender, birthDate: person.birthDate,
    idType: person.idType, idNumber: person.idNumber, phone: person.phone,
  };
}

export function dispatchFor(stack: TestStack, person: DemoPerson, itemCode: string, extra: Record<string, unknown> = {}) {
  return { idempotencyKey: randomUUID(), itemCode, channel: 'ONLINE', applicant: applicantOf(stack, person), ...extra };
}

/**
 * Sends one item mutation straight to its subgraph, exactly as the gateway dispatches it.
 * `input` undefined: the item has no fields of its own (the mutation takes no input).
 */
export async function dispatchItem(stack: TestStack, subgraph: SubgraphName, mutation: string, inputType: string | null, input: unknown, dispatch: unknown) {
  const query = inputType
    ? `mutation ($input: ${inputType}!, $dispatch: ItemDispatchInput!) { outcome: ${mutation}(input: $input, dispatch: $dispatch) { ${OUTCOME_FIELDS} } }`
    : `mutation ($dispatch: ItemDispatchInput!) { outcome: ${mutation}(dispatch: $dispatch) { ${OUTCOME_FIELDS} } }`;
  return stack.graphql<{ outcome: Outcome }>(query, inputType ? { input, dispatch } : { dispatch }, stack.subgraphs.get(subgraph)!.url);
}

/** The counter's decision on an accepted item, straight to the owning subgraph. */
export async function decideItem(stack: TestStack, subgraph: SubgraphName, mutation: string, idempotencyKey: string, decision: Record<string, unknown>) {
  return stack.graphql<{ outcome: Outcome }>(
    `mutation ($key: String!, $decision: ItemDecisionInput!) { outcome: ${mutation}(idempotencyKey: $key, decision: $decision) { ${OUTCOME_FIELDS} } }`,
    { key: idempotencyKey, decision },
    stack.subgraphs.get(subgraph)!.url,
  );
}
