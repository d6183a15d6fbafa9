import { GraphQLError } from 'graphql';

/**
 * Every error a client can see, by stable `extensions.code`. Codes are public contract
 * (README § Errors lists them; a test pins that the two agree); messages may be reworded.
 */
export const ErrorCode = {
  /** The request itself is malformed (not JSON, a bad `operationName` or `extensions`); HTTP 400. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The document is not GraphQL (a syntax error); HTTP 400. */
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  /** The document does not fit the schema (unknown field, wrong literal); HTTP 400. */
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  /** `operationName` names no operation of the document, or several operations and none named; HTTP 400. */
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  /** An argument or input field is malformed; `extensions.field` names it. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** An ID document number fails its format or GB 11643 check digit. */
  ID_NUMBER_INVALID: 'ID_NUMBER_INVALID',
  /** A unified social credit code fails its format or GB 32100 check digit. */
  CREDIT_CODE_INVALID: 'CREDIT_CODE_INVALID',
  /** submitBundle / validateBundle: the form is wrong; `extensions.errors` lists every fault with its field. */
  BUNDLE_INVALID: 'BUNDLE_INVALID',
  /** No bundle with this code. */
  BUNDLE_NOT_FOUND: 'BUNDLE_NOT_FOUND',
  /** The bundle has scenarios and none was given. */
  SCENARIO_REQUIRED: 'SCENARIO_REQUIRED',
  /** The bundle has no such scenario. */
  SCENARIO_NOT_FOUND: 'SCENARIO_NOT_FOUND',
  /** An item code that is not part of the bundle (or of its scenario). */
  ITEM_NOT_IN_BUNDLE: 'ITEM_NOT_IN_BUNDLE',
  /** A chosen item that no subgraph handles yet; nothing was stored. */
  ITEM_NOT_AVAILABLE: 'ITEM_NOT_AVAILABLE',
  /** No such item (in the submission, or dispatched with this key). */
  ITEM_NOT_FOUND: 'ITEM_NOT_FOUND',
  /** Only an ACCEPTED item can be completed or rejected. */
  ITEM_NOT_PENDING: 'ITEM_NOT_PENDING',
  /** The owning service refused the counter's decision on an item (`extensions.reason` is its stable code); the item stays ACCEPTED. */
  DECISION_REFUSED: 'DECISION_REFUSED',
  /** No card with this number. */
  CARD_NOT_FOUND: 'CARD_NOT_FOUND',
  /** The card lifecycle does not allow this change from the card's state; `extensions.from` / `to` name them. */
  CARD_TRANSITION_NOT_ALLOWED: 'CARD_TRANSITION_NOT_ALLOWED',
  /** An answer of another department for an item that was not referred to it (or is not one of its items). */
  ITEM_NOT_REFERRED: 'ITEM_NOT_REFERRED',
  /** The department's answer on this item is already recorded (a different one). */
  REFERRAL_ALREADY_ANSWERED: 'REFERRAL_ALREADY_ANSWERED',
  /** addSubmissionMaterial: the material is not awaited for the item (never deferred, handed in already as another, or its deadline passed). */
  MATERIAL_NOT_PENDING: 'MATERIAL_NOT_PENDING',
  /** The item cannot be completed while a material accepted to follow (容缺) is still missing. */
  MATERIAL_PENDING: 'MATERIAL_PENDING',
  /** No commitment (告知承诺) was signed for this item. */
  COMMITMENT_NOT_FOUND: 'COMMITMENT_NOT_FOUND',
  /** The commitment's verification (核查) is recorded already, with a different result. */
  COMMITMENT_ALREADY_VERIFIED: 'COMMITMENT_ALREADY_VERIFIED',
  /** 好差评: the case (or item) is not finished yet, so it cannot be rated. */
  RATING_NOT_OPEN: 'RATING_NOT_OPEN',
  /** 好差评: already rated (again only once, after a 差评's follow-up is answered). */
  RATING_EXISTS: 'RATING_EXISTS',
  /** 好差评: the rating period is over; an unrated case was recorded as 满意. */
  RATING_PERIOD_OVER: 'RATING_PERIOD_OVER',
  /** No 差评 follow-up with this id that the caller may handle. */
  FOLLOW_UP_NOT_FOUND: 'FOLLOW_UP_NOT_FOUND',
  /** The follow-up's reply is recorded already (a reply is final). */
  FOLLOW_UP_ANSWERED: 'FOLLOW_UP_ANSWERED',
  /** No 办不成事 report with this id that the caller may answer. */
  NOT_DONE_REPORT_NOT_FOUND: 'NOT_DONE_REPORT_NOT_FOUND',
  /** The 办不成事 report is answered already. */
  NOT_DONE_REPORT_ANSWERED: 'NOT_DONE_REPORT_ANSWERED',
  /** 绿色通道: the person does not meet the priority reason given, or the caller may not set it. */
  PRIORITY_NOT_ELIGIBLE: 'PRIORITY_NOT_ELIGIBLE',
  /** The idempotency key was used before with a different input. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  /** A submission with this key is still being handled: retry shortly. */
  IDEMPOTENCY_KEY_IN_PROGRESS: 'IDEMPOTENCY_KEY_IN_PROGRESS',
  /** No valid bearer token for an operation that needs one (or an invalid token). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** An item's `dispatch.applicant.personId` is not the key of its ID document: the applicant is not trusted. */
  APPLICANT_KEY_MISMATCH: 'APPLICANT_KEY_MISMATCH',
  /** The caller's role, region, agreement or delegation does not allow this; `extensions.field` names what. */
  FORBIDDEN: 'FORBIDDEN',
  /** No delegation with this id that the caller may see (someone else's is as absent as a missing one). */
  DELEGATION_NOT_FOUND: 'DELEGATION_NOT_FOUND',
  /** The operation is too deep, too costly, has too many aliases, directives or tokens; `extensions.limit` names which. */
  OPERATION_LIMIT_EXCEEDED: 'OPERATION_LIMIT_EXCEEDED',
  /** The client sent more operations than its role allows in the window; `extensions.retryAfterSeconds` says when to retry. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** An agent terminal sent query text: it may only send registered operations by hash. */
  PERSISTED_QUERY_REQUIRED: 'PERSISTED_QUERY_REQUIRED',
  /** No operation is registered (or cached) under this hash. */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** The audit trail could not be written: the answer is withheld (HTTP 503); retry shortly. */
  AUDIT_UNAVAILABLE: 'AUDIT_UNAVAILABLE',
  /** A database is briefly unavailable (restarting, too many connections, a conflict): `extensions.retryable` is true; retry shortly. */
  TEMPORARILY_UNAVAILABLE: 'TEMPORARILY_UNAVAILABLE',
  /** A subgraph did not answer in time or answered with an error. */
  DOWNSTREAM_SERVICE_ERROR: 'DOWNSTREAM_SERVICE_ERROR',
  /** Anything unexpected: masked for the client, logged in full. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A client error about one input field: `field` is its path as the client wrote it. */
export function inputError(code: ErrorCode, message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, field } });
}
