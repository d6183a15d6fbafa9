import type { GatewayContext } from '../context.js';
import type { StatisticsFilter } from '../audit/statistics-store.js';
import { bundleSpeedUps, itemSpeedUps, PROMISED_SPEED_UP_PERCENT } from './speed-up.js';
import type { SpeedUpStore } from './speed-up-store.js';

type Context = GatewayContext & { readonly speedUp?: SpeedUpStore };

/** `Statistics.speedUp`: over the window `statistics(filter)` checked and passed down (its `window`). */
export const speedUpResolvers = {
  Statistics: {
    speedUp: async (parent: { window?: StatisticsFilter }, _: unknown, context: Context) => {
      if (!context.speedUp) throw new Error('speedUp: no SpeedUpStore in the GraphQL context (gateway/server.ts createContext)');
      const raw = await context.speedUp.compute(parent.window ?? {});
      return {
        promisedSpeedUpPercent: PROMISED_SPEED_UP_PERCENT,
        items: itemSpeedUps(context.catalog, raw.items),
        bundles: bundleSpeedUps(context.catalog, raw.bundles),
      };
    },
  },
};
