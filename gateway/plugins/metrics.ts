import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayMetrics } from '../../src/observability/metrics.js';

/** Counts and times every operation by type and outcome (`/metrics`). */
export function metricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const stopTimer = metrics.operationSeconds.startTimer();
      return {
        async willSendResponse({ operation, errors }) {
          const labels = { type: operation?.operation ?? 'unknown', outcome: errors?.length ? 'error' : 'ok' };
          metrics.operations.inc(labels);
          stopTimer(labels);
        },
      };
    },
  };
}
