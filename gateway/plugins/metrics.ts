import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayMetrics } from '../../src/observability/metrics.js';

/** Counts every operation by type and outcome (`/metrics`). */
export function metricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, errors }) {
          metrics.operations.inc({ type: operation?.operation ?? 'unknown', outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}
