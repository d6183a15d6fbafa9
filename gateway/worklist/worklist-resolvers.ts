import { isCalendarDate } from '../../src/graphql/scalars.js';
import { todayInChina } from '../../src/policy/calendar.js';
import type { GatewayContext } from '../context.js';
import { authenticated, forbidden } from '../auth/authorize.js';
import { badInput, pageSize } from '../feedback/feedback-input.js';
import type { WorklistStore } from './worklist-store.js';

/** The context the worklist needs: the gateway's, with its store (gateway/server.ts). */
type Context = GatewayContext & { readonly worklist?: WorklistStore };

interface WorklistFilterInput {
  regionCode?: string | null;
  owner?: string | null;
  dueBy?: string | null;
  priority?: boolean | null;
  pastDue?: boolean | null;
}

export const worklistResolvers = {
  Query: {
    /** A clerk's worklist: their region only (a narrower region within it, if asked). */
    counterWorklist: async (_: unknown, args: { filter?: WorklistFilterInput | null; first?: number | null; offset?: number | null }, context: Context) => {
      if (!context.worklist) throw new Error('counterWorklist: no WorklistStore in the GraphQL context (gateway/server.ts createContext)');
      const principal = authenticated(context.principal, 'counterWorklist');
      if (principal.role !== 'clerk') throw forbidden('the worklist is the counter’s', 'counterWorklist');
      const own = principal.regionPrefix ?? '';
      const filter = args.filter ?? {};
      const region = filter.regionCode ?? own;
      if (!/^\d{0,12}$/.test(region)) throw badInput('filter.regionCode', 'expected a 行政区划 code prefix of digits');
      if (!region.startsWith(own)) throw forbidden(`outside the clerk's region ${own}`, 'filter.regionCode');
      if (filter.dueBy && !isCalendarDate(filter.dueBy)) throw badInput('filter.dueBy', `expected a day as YYYY-MM-DD, got ${JSON.stringify(filter.dueBy)}`);
      const offset = args.offset ?? 0;
      if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) throw badInput('offset', `expected 0 to 10000, got ${offset}`);
      const { total, pastDue, rows } = await context.worklist.list({
        regionPrefix: region,
        ...(filter.owner ? { owner: filter.owner } : {}),
        ...(filter.dueBy ? { dueBy: filter.dueBy } : {}),
        ...(typeof filter.priority === 'boolean' ? { priority: filter.priority } : {}),
        ...(typeof filter.pastDue === 'boolean' ? { pastDue: filter.pastDue } : {}),
        today: todayInChina(),
        first: pageSize(args.first),
        offset,
      });
      for (const row of rows) context.audit.touch(row.person_key);
      return {
        total,
        pastDue,
        items: rows.map((row) => ({
          submissionId: row.submission_id,
          itemCode: row.item_code,
          itemName: context.catalog.items.get(row.item_code)?.name ?? row.item_code,
          owner: row.owner,
          bundleCode: row.bundle_code,
          regionCode: row.region_code,
          acceptedAt: row.accepted_at.toISOString(),
          dueDate: row.due_date,
          pastDue: row.past_due,
          priority: row.priority,
          applicantName: row.applicant_name,
        })),
      };
    },
  },
};
