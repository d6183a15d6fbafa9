import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.js';
import { endSpan, startChildSpan } from '../../src/observability/tracing.js';

/** Spans for parsing and validating each operation, and the end of the operation's own span. */
export function tracingPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const span = contextValue.span;
      if (!span) return;
      return {
        async parsingDidStart() {
          const parsing = startChildSpan('gateway', span, 'graphql.parse');
          return async (error) => endSpan(parsing, error);
        },
        async validationDidStart() {
          const validating = startChildSpan('gateway', span, 'graphql.validate');
          return async (errors) => endSpan(validating, errors?.[0]);
        },
        async executionDidStart({ operation }) {
          span.updateName(`graphql ${operation.operation}`);
        },
        async willSendResponse({ errors }) {
          endSpan(span, errors?.[0]);
        },
      };
    },
  };
}
