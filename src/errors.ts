import { GraphQLError } from 'graphql';

/**
 * Every error a client can see, by stable `extensions.code`. Codes are public contract
 * (README § Errors lists them; a test pins that the two agree); messages may be reworded.
 */
export const ErrorCode = {
  /** An argument or input field is malformed; `extensions.field` names it. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** An ID document number fails its format or GB 11643 check digit. */
  ID_NUMBER_INVALID: 'ID_NUMBER_INVALID',
  /** A unified social credit code fails its format or GB 32100 check digit. */
  CREDIT_CODE_INVALID: 'CREDIT_CODE_INVALID',
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
