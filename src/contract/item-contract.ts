/**
 * The item contract in TypeScript: how the gateway hands one item to the subgraph that owns it
 * and what the subgraph answers (`schema/item-dispatch.graphql`). One declaration, used by the
 * gateway, the subgraphs and the tests.
 */

/** The applicant as the gateway resolved it (ApplicantInput). */
export interface Applicant {
  readonly personId: string;
  readonly name: string;
  readonly gender: 'MALE' | 'FEMALE';
  readonly birthDate: string;
  readonly idType: string;
  readonly idNumber: string;
  readonly phone?: string | null;
}

export type ItemOutcomeStatus = 'COMPLETED' | 'ACCEPTED' | 'REJECTED';

export interface ItemRejection {
  readonly code: string;
  readonly message: string;
  readonly field?: string | null;
}

/** ItemOutcome: what the subgraph did with the item. */
export interface ItemOutcome {
  readonly itemCode: string;
  readonly status: ItemOutcomeStatus;
  readonly recordType?: string | null;
  readonly recordId?: string | null;
  readonly reference?: string | null;
  readonly rejection?: ItemRejection | null;
}

/** An outcome as read back over GraphQL: every selected field is there, null when unset. */
export interface ReceivedItemOutcome {
  readonly itemCode: string;
  readonly status: ItemOutcomeStatus;
  readonly recordType: string | null;
  readonly recordId: string | null;
  readonly reference: string | null;
  readonly rejection: { readonly code: string; readonly message: string; readonly field: string | null } | null;
}

/** PriorOutcomeInput: in a SERIAL bundle, what an item before this one came to. */
export type PriorOutcome = Pick<ItemOutcome, 'itemCode' | 'status' | 'recordType' | 'recordId' | 'reference'>;

/** ItemDispatchInput: how the gateway hands one item to its subgraph. */
export interface ItemDispatch {
  readonly idempotencyKey: string;
  readonly submissionId?: string | null;
  readonly itemCode: string;
  readonly channel: string;
  readonly applicant: Applicant;
  readonly employerCreditCode?: string | null;
  readonly sharedFields?: Record<string, unknown> | null;
  /** SERIAL bundles: what the items before this one came to. */
  readonly priorOutcomes?: readonly PriorOutcome[] | null;
}

/** ItemDecisionInput: the counter's decision on an accepted item (back office). */
export interface ItemDecisionInput {
  readonly outcome: 'COMPLETE' | 'REJECT';
  readonly reason?: string | null;
  readonly decidedBy: string;
}
