import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../src/errors.js';
import { addDays, todayInChina } from '../../src/policy/calendar.js';
import { withinRegionPrefix } from '../../src/auth/row-access.js';
import type { GatewayContext } from '../context.js';
import { authenticated } from '../auth/authorize.js';
import { PERIOD_PATTERN, PROACTIVE_POLICIES, PROACTIVE_POLICY_NAMES, type ProactivePolicyCode } from './policies.js';
import type { Confirmation, ProactiveStore, RunRow } from './proactive-store.js';
import type { ProactiveRunner } from './proactive-runner.js';

/** What the resolvers need of the gateway (gateway/server.ts puts it in the context). */
export interface ProactiveService {
  readonly runs: ProactiveStore;
  readonly runner: ProactiveRunner;
}
type Context = GatewayContext & { readonly proactive?: ProactiveService };

const MAX_OBJECTION_DAYS = 90;
const badInput = (field: string, message: string) => new GraphQLError(`${field}: ${message}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });

/** The caller's region prefix, after checking the scope ("" = nation- or province-wide staff). */
function regionOf(context: Context, field: string): string {
  const principal = authenticated(context.principal, field);
  if (!principal.scopes.has('proactive:run')) {
    throw new GraphQLError(`${field}: needs the proactive:run scope`, { extensions: { code: ErrorCode.FORBIDDEN, field } });
  }
  return principal.regionPrefix ?? '';
}

function serviceOf(context: Context): ProactiveService {
  if (!context.proactive) throw new Error('proactive runs: no ProactiveService in the GraphQL context (gateway/server.ts createContext)');
  return context.proactive;
}

/** A run of another region is as absent as a missing one. */
const visible = (run: RunRow | undefined, region: string) => (run && withinRegionPrefix(region, run.region_prefix) ? run : null);

interface StartInput {
  policy: ProactivePolicyCode;
  period: string;
  confirmation: { kind: Confirmation['kind']; reference: string; objectionDays?: number | null };
}

function confirmationOf(input: StartInput['confirmation']): Confirmation {
  const reference = input.reference.trim();
  if (reference.length === 0 || reference.length > 200) throw badInput('input.confirmation.reference', 'expected the document number, 1 to 200 characters');
  const days = input.objectionDays ?? null;
  if (input.kind === 'PUBLIC_NOTICE') {
    if (days === null || !Number.isInteger(days) || days < 1 || days > MAX_OBJECTION_DAYS)
      throw badInput('input.confirmation.objectionDays', `a public notice stands 1 to ${MAX_OBJECTION_DAYS} days, got ${days}`);
  } else if (days !== null) {
    throw badInput('input.confirmation.objectionDays', 'only a PUBLIC_NOTICE has an objection period');
  }
  return { kind: input.kind, reference, objectionDays: days };
}

export const proactiveResolvers = {
  Query: {
    proactiveRun: async (_: unknown, args: { id: string }, context: Context) => {
      const region = regionOf(context, 'proactiveRun');
      return visible(await serviceOf(context).runs.byId(args.id), region);
    },
    proactiveRuns: async (_: unknown, args: { policy?: ProactivePolicyCode | null; first?: number | null }, context: Context) => {
      const region = regionOf(context, 'proactiveRuns');
      const first = args.first ?? 20;
      if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', `expected 1 to 100, got ${first}`);
      return serviceOf(context).runs.list({ ...(args.policy ? { policy: args.policy } : {}), ...(region ? { regionPrefix: region } : {}), first });
    },
  },
  Mutation: {
    startProactiveRun: async (_: unknown, args: { input: StartInput }, context: Context) => {
      const region = regionOf(context, 'startProactiveRun');
      const principal = authenticated(context.principal, 'startProactiveRun');
      const { input } = args;
      if (!PROACTIVE_POLICY_NAMES.includes(input.policy)) throw badInput('input.policy', `unknown policy ${JSON.stringify(input.policy)}`);
      if (!PERIOD_PATTERN.test(input.period)) throw badInput('input.period', `expected a month as YYYY-MM, got ${JSON.stringify(input.period)}`);
      const confirmation = confirmationOf(input.confirmation);
      const service = serviceOf(context);
      const run = await service.runs.create({
        id: `run_${randomUUID()}`,
        policy: input.policy,
        period: input.period,
        region_prefix: region,
        confirmation,
        started_by: principal.subject,
        objection_until: confirmation.objectionDays ? addDays(todayInChina(), confirmation.objectionDays) : null,
      });
      service.runner.kick(run.id);
      return run;
    },
  },
  ProactiveRun: {
    itemCode: (run: RunRow) => PROACTIVE_POLICIES[run.policy].itemCode,
    region: (run: RunRow) => run.region_prefix,
    startedAt: (run: RunRow) => run.started_at.toISOString(),
    finishedAt: (run: RunRow) => run.finished_at?.toISOString() ?? null,
    confirmation: (run: RunRow) => ({ ...run.confirmation, objectionUntil: run.objection_until }),
    progress: async (run: RunRow, _: unknown, context: Context) => {
      const counts = await serviceOf(context).runs.counts(run.id);
      return {
        candidates: counts.PENDING + counts.HANDLED + counts.ALREADY_HANDLED + counts.NOT_ELIGIBLE,
        pending: counts.PENDING,
        handled: counts.HANDLED,
        alreadyHandled: counts.ALREADY_HANDLED,
        notEligible: counts.NOT_ELIGIBLE,
        outcomes: Object.entries(counts.outcomes).map(([key, count]) => ({ key, count })),
      };
    },
  },
};
