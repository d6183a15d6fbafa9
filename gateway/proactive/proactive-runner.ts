import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Counter, Gauge } from 'prom-client';
import type { Config } from '../../src/config.js';
import { combineTimeLimits, type Catalog } from '../../src/catalog/index.js';
import { regionOfDocument } from '../../src/auth/row-access.js';
import type { GatewayMetrics } from '../../src/observability/metrics.js';
import { PROACTIVE_SCOPE } from '../../src/subgraph/proactive-candidates.js';
import { regionOfCreditCode } from '../auth/authorize.js';
import { GATEWAY_ACTOR, type SubgraphFetcher } from '../subgraph-fetcher.js';
import type { SubmissionDispatcher } from '../submission/dispatch-submission.js';
import type { SubmissionStore } from '../submission/submission-store.js';
import { todayInChina } from '../../src/policy/calendar.js';
import { PROACTIVE_POLICIES, type Identity } from './policies.js';
import type { CandidateRow, ProactiveStore, RunRow } from './proactive-store.js';

export interface ProactiveRunnerOptions {
  readonly runs: ProactiveStore;
  readonly submissions: SubmissionStore;
  readonly dispatcher: SubmissionDispatcher;
  readonly fetcher: SubgraphFetcher;
  readonly subgraphs: Config['subgraphs'];
  readonly catalog: Catalog;
  readonly metrics: GatewayMetrics;
  readonly logger: FastifyBaseLogger;
  /** A submission's dispatch lease (as submitBundle's). */
  readonly dispatchLeaseSeconds: number;
  /** How often unfinished runs (a crashed gateway's, an objection period over) are looked for. */
  readonly resumeIntervalMs: number;
  /** Candidates per page listed, and per batch handled. */
  readonly pageSize?: number;
  /** Candidates handled at once. */
  readonly concurrency?: number;
}

const RUN_LEASE_SECONDS = 60;
const IDENTITIES = `query ProactiveApplicants($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Person { id name gender birthDate idType idNumber phone } }
}`;

/** The idempotency key of a 免申即办 submission: one per policy, period and subject, whichever run makes it. */
export const proactiveKey = (run: Pick<RunRow, 'policy' | 'period'>, subject: string) => `proactive|${run.policy}|${run.period}|${subject}`;
/** The request hash a run writes on its submissions: a resumed run knows its own. */
const runHash = (runId: string) => `proactive-run:${runId}`;

/**
 * Works 免申即办 runs through their phases: LISTING (the owning subgraph's candidates, page by
 * page, the cursor kept), OBJECTION_PERIOD (a published notice waits for its end), HANDLING (each
 * candidate's item through the same outbox and dispatcher as a submission, channel PROACTIVE),
 * FINISHED. Every step is stored before the next, under a run lease, so a gateway that dies
 * mid-run leaves it to the next pass of any gateway, which goes on where it stopped.
 */
export class ProactiveRunner {
  readonly #owner = `runner-${randomUUID()}`;
  readonly #inFlight = new Set<Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #stopping = false;
  readonly #candidates: Counter<'policy' | 'status'>;
  readonly #pending: Gauge<'policy'>;

  constructor(private readonly options: ProactiveRunnerOptions) {
    const registers = [options.metrics.registry];
    this.#candidates = new Counter({
      name: 'gateway_proactive_candidates_total',
      help: '免申即办 candidates by policy: listed, then HANDLED, ALREADY_HANDLED or NOT_ELIGIBLE',
      labelNames: ['policy', 'status'],
      registers,
    });
    this.#pending = new Gauge({
      name: 'gateway_proactive_pending',
      help: '免申即办 candidates listed and not yet handled, by policy (the run being worked)',
      labelNames: ['policy'],
      registers,
    });
  }

  /** Works a run in the background (its status query shows the progress). */
  kick(runId: string): void {
    if (this.#stopping) return;
    const work = this.process(runId)
      .catch((error: unknown) =>
        this.options.logger.error({ runId, err: error instanceof Error ? error.message : String(error) }, 'proactive run interrupted; resumed later'),
      )
      .finally(() => this.#inFlight.delete(work));
    this.#inFlight.add(work);
  }

  start(): void {
    const pass = async () => {
      for (const id of await this.options.runs.resumable(10)) this.kick(id);
    };
    void pass().catch(() => undefined);
    this.#timer = setInterval(() => void pass().catch(() => undefined), this.options.resumeIntervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearInterval(this.#timer);
    await Promise.allSettled([...this.#inFlight]);
  }

  /** Waits for the runs this gateway is working on (tests, the bench). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  async process(runId: string): Promise<void> {
    const { runs } = this.options;
    if (!(await runs.takeLease(runId, this.#owner, RUN_LEASE_SECONDS))) return;
    try {
      let run = await runs.byId(runId);
      while (run && run.phase !== 'FINISHED' && !this.#stopping) {
        switch (run.phase) {
          case 'LISTING':
            await this.listPage(run);
            break;
          case 'OBJECTION_PERIOD':
            // The notice stands until its last day: nobody is handled before (a later pass goes on).
            if (run.objection_until && todayInChina() <= run.objection_until) return;
            await runs.setPhase(run.id, 'HANDLING');
            break;
          case 'HANDLING':
            if (await this.handleBatch(run)) await runs.setPhase(run.id, 'FINISHED');
            break;
        }
        if (!(await runs.takeLease(runId, this.#owner, RUN_LEASE_SECONDS))) return;
        run = await runs.byId(runId);
      }
    } finally {
      await runs.releaseLease(runId);
    }
  }

  private async listPage(run: RunRow): Promise<void> {
    const policy = PROACTIVE_POLICIES[run.policy];
    const query = policy.query(run.period);
    const first = this.options.pageSize ?? 500;
    const data = await this.options.fetcher.graphql<Record<string, { candidates: Record<string, unknown>[]; endCursor: string | null; triggered?: boolean }>>(
      policy.subgraph,
      this.options.subgraphs[policy.subgraph].url,
      query.document,
      { ...query.variables, first, after: run.list_cursor },
      // The staff member who started the run, bound to their region, with the scope the subgraph checks.
      { subject: run.started_by, role: 'clerk', scopes: [PROACTIVE_SCOPE], region: run.region_prefix, requestId: run.id },
    );
    const page = data[query.field]!;
    const candidates = page.candidates.map((row) => policy.toCandidate(row));
    await this.options.runs.addPage(run.id, candidates, page.endCursor, page.triggered ?? true);
    this.#candidates.inc({ policy: run.policy, status: 'LISTED' }, candidates.length);
    if (page.endCursor === null) await this.options.runs.setPhase(run.id, run.confirmation.kind === 'PUBLIC_NOTICE' ? 'OBJECTION_PERIOD' : 'HANDLING');
  }

  /** One batch of candidates; true when none is left. */
  private async handleBatch(run: RunRow): Promise<boolean> {
    const { runs } = this.options;
    const batch = await runs.pending(run.id, this.options.pageSize ?? 500);
    if (batch.length === 0) {
      this.#pending.set({ policy: run.policy }, 0);
      return true;
    }
    const identities = await this.identities([...new Set(batch.map((c) => c.person_key))]);
    const concurrency = this.options.concurrency ?? 8;
    let next = 0;
    const worker = async () => {
      while (next < batch.length && !this.#stopping) {
        const candidate = batch[next++]!;
        await this.handle(run, candidate, identities.get(candidate.person_key) ?? null);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const counts = await runs.counts(run.id);
    this.#pending.set({ policy: run.policy }, counts.PENDING);
    return false;
  }

  private async identities(keys: string[]): Promise<Map<string, Identity>> {
    const data = await this.options.fetcher.graphql<{ _entities: (Identity | null)[] }>(
      'card',
      this.options.subgraphs.card.url,
      IDENTITIES,
      { representations: keys.map((id) => ({ __typename: 'Person', id })) },
      GATEWAY_ACTOR,
    );
    return new Map(data._entities.filter((i): i is Identity => i !== null && typeof i.id === 'string').map((i) => [i.id, i]));
  }

  private async handle(run: RunRow, candidate: CandidateRow, identity: Identity | null): Promise<void> {
    const { runs, submissions, catalog } = this.options;
    const policy = PROACTIVE_POLICIES[run.policy];
    const settle = async (status: 'HANDLED' | 'ALREADY_HANDLED' | 'NOT_ELIGIBLE', outcome: string | null, submissionId: string | null) => {
      await runs.settle(run.id, candidate.subject, status, outcome, submissionId);
      this.#candidates.inc({ policy: run.policy, status });
    };
    if (!identity) return settle('NOT_ELIGIBLE', 'NO_IDENTITY_RECORD', null);
    const refusal = policy.notEligible?.(identity, run.period);
    if (refusal) return settle('NOT_ELIGIBLE', 'RULE_NOT_MET', null);

    const key = proactiveKey(run, candidate.subject);
    let submission = await submissions.byIdempotencyKey(key);
    if (submission && submission.request_hash !== runHash(run.id)) return settle('ALREADY_HANDLED', null, submission.id);
    if (!submission) {
      const item = catalog.items.get(policy.itemCode)!;
      const owner = item.owner.kind === 'subgraph' ? item.owner.subgraph : item.owner.department;
      const id = `sub_${randomUUID()}`;
      const employer = candidate.employer_credit_code;
      const created = await submissions.createWithItems(
        {
          id,
          idempotency_key: key,
          request_hash: runHash(run.id),
          bundle_code: policy.bundleCode,
          scenario: policy.scenario,
          mode: 'PARALLEL',
          person_key: candidate.person_key,
          employer_credit_code: employer,
          channel: 'PROACTIVE',
          actor_subject: run.started_by,
          actor_role: 'proactive',
          terminal_id: null,
          delegation_id: null,
          region_code: employer ? regionOfCreditCode(employer) : regionOfDocument(identity.idType, identity.idNumber),
          applicant: {
            personId: identity.id,
            name: identity.name,
            gender: identity.gender,
            birthDate: identity.birthDate,
            idType: identity.idType,
            idNumber: identity.idNumber,
            phone: identity.phone,
          },
          roles: {
            subject: employer ? { kind: 'EMPLOYER', creditCode: employer } : { kind: 'PERSON', personKey: candidate.person_key },
            applicant: { role: 'SUBJECT', personKey: candidate.person_key, relationship: null },
          },
          shared_fields: { ...candidate.facts },
          materials: [],
          commitments: [],
          time_limit: combineTimeLimits('PARALLEL', [item]) as unknown as Record<string, unknown>,
        },
        [
          {
            item_code: item.code,
            // One item, sent at once.
            status: 'PENDING',
            position: 0,
            selection: 'AUTOMATIC',
            added_reason: `免申即办（${run.period}）：${policy.basis}`,
            owner,
            mutation: item.mutation ?? null,
            idempotency_key: `${id}:${item.code}`,
            fields: {},
            working_days: item.handling.kind === 'TIME_LIMITED' ? item.handling.workingDays : null,
            calendar_days: item.handling.kind === 'TIME_LIMITED' ? item.handling.calendarDays : null,
          },
        ],
        this.options.dispatchLeaseSeconds,
        // The item could start now: its limit counts from here.
        new Date(),
      );
      // Another run of the same policy and period made it a moment ago: it is theirs.
      if (!created) {
        const theirs = await submissions.byIdempotencyKey(key);
        return settle('ALREADY_HANDLED', null, theirs?.id ?? null);
      }
      submission = created;
    } else if (!(await submissions.takeLease(submission.id, this.options.dispatchLeaseSeconds))) {
      // Made by this run before a restart and being dispatched by another gateway: the recovery pass finishes it.
      return settle('HANDLED', 'PENDING', submission.id);
    }
    try {
      await this.options.dispatcher.dispatch(submission.id);
    } finally {
      await submissions.releaseLease(submission.id);
    }
    const [item] = await submissions.items([submission.id]);
    return settle('HANDLED', item?.status ?? null, submission.id);
  }
}
