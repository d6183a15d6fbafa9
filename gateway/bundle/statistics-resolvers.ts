import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../src/errors.js';
import { isCalendarDate } from '../../src/graphql/scalars.js';
import type { GatewayContext } from '../context.js';
import { MINIMUM_GROUP_SIZE, suppressSmallGroups, type StatisticsStore } from '../audit/statistics-store.js';

/** The context the statistics need: the gateway's, with its statistics store (gateway/server.ts). */
type Context = GatewayContext & { readonly statistics?: StatisticsStore };

const badInput = (field: string, message: string) => new GraphQLError(`${field}: ${message}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
const atLeastMinimum = (count: number) => (count > 0 && count < MINIMUM_GROUP_SIZE ? null : count);

interface StatisticsFilterInput {
  from?: string | null;
  to?: string | null;
  bundleCode?: string | null;
  channel?: string | null;
}

/**
 * `statistics`: counts for analysts, with small groups hidden. Windows are whole days (China
 * time): finer windows would let two overlapping queries single out one submission.
 */
export const statisticsResolvers = {
  Query: {
    statistics: async (_: unknown, args: { filter?: StatisticsFilterInput | null }, context: Context) => {
      const principal = context.principal;
      if (principal?.kind !== 'authenticated' || !principal.scopes.has('statistics:read')) {
        throw new GraphQLError('statistics: needs the statistics:read scope', { extensions: { code: ErrorCode.FORBIDDEN, field: 'statistics' } });
      }
      if (!context.statistics) throw new Error('statistics: no StatisticsStore in the GraphQL context (gateway/server.ts createContext)');
      const filter = args.filter ?? {};
      for (const field of ['from', 'to'] as const) {
        const value = filter[field];
        if (value && !isCalendarDate(value)) throw badInput(`filter.${field}`, `expected a day as YYYY-MM-DD, got ${JSON.stringify(value)}`);
      }
      const raw = await context.statistics.compute({
        ...(filter.from ? { from: filter.from } : {}),
        ...(filter.to ? { to: filter.to } : {}),
        ...(filter.bundleCode ? { bundleCode: filter.bundleCode } : {}),
        ...(filter.channel ? { channel: filter.channel } : {}),
      });
      const due = suppressSmallGroups([
        { key: 'finishedOnTime', count: raw.dueDates.finishedOnTime },
        { key: 'finishedLate', count: raw.dueDates.finishedLate },
        { key: 'openPastDue', count: raw.dueDates.openPastDue },
        { key: 'openWithinDue', count: raw.dueDates.openWithinDue },
      ]);
      const byKey = (key: string) => due.find((g) => g.key === key)?.count ?? null;
      const round = (hours: number | null) => (hours === null ? null : Math.round(hours * 100) / 100);
      return {
        // The checked window, for Statistics.speedUp (gateway/speed-up/).
        window: {
          ...(filter.from ? { from: filter.from } : {}),
          ...(filter.to ? { to: filter.to } : {}),
          ...(filter.bundleCode ? { bundleCode: filter.bundleCode } : {}),
          ...(filter.channel ? { channel: filter.channel } : {}),
        },
        minimumGroupSize: MINIMUM_GROUP_SIZE,
        submissions: atLeastMinimum(raw.submissions),
        submissionsByBundle: suppressSmallGroups(raw.byBundle),
        submissionsByStatus: suppressSmallGroups(raw.byStatus),
        submissionsByChannel: suppressSmallGroups(raw.byChannel),
        itemsByStatus: suppressSmallGroups(raw.itemsByStatus),
        dueDates: {
          finishedOnTime: byKey('finishedOnTime'),
          finishedLate: byKey('finishedLate'),
          openPastDue: byKey('openPastDue'),
          openWithinDue: byKey('openWithinDue'),
        },
        medianItemCompletionHours: raw.itemCompletion.count >= MINIMUM_GROUP_SIZE ? round(raw.itemCompletion.median) : null,
        medianSubmissionCompletionHours: raw.submissionCompletion.count >= MINIMUM_GROUP_SIZE ? round(raw.submissionCompletion.median) : null,
      };
    },
  },
};
