import DataLoader from 'dataloader';
import { GraphQLError, getNamedType, isUnionType, type GraphQLResolveInfo } from 'graphql';
import { ErrorCode } from '../../src/errors.js';
import { personKey } from '../../src/identity/person-key.js';
import type { GatewayContext } from '../context.js';
import { checkIdDocument, type IdDocumentType } from '../identity/id-document.js';
import type { SubmitBundleInput } from '../submission/submit-bundle.js';
import type { SubmissionEventRow, SubmissionItemRow, SubmissionRow, SubmissionStatus, SubmissionStore } from '../submission/submission-store.js';

/** Per-request loaders of a submission's items and history (no N+1 over a page of submissions). */
export function createSubmissionLoaders(store: SubmissionStore) {
  const grouped = <Row extends { submission_id: string }>(fetch: (ids: readonly string[]) => Promise<Row[]>) =>
    new DataLoader<string, Row[]>(async (ids) => {
      const rows = await fetch(ids);
      return ids.map((id) => rows.filter((row) => row.submission_id === id));
    });
  return { items: grouped((ids) => store.items(ids)), events: grouped((ids) => store.events(ids)) };
}
export type SubmissionLoaders = ReturnType<typeof createSubmissionLoaders>;
type Context = GatewayContext;

const iso = (date: Date | null) => date?.toISOString() ?? null;

function toSubmission(row: SubmissionRow, context: GatewayContext) {
  const limit = row.time_limit as { workingDays?: number | null; summary?: string } | null;
  return {
    id: row.id,
    bundleCode: row.bundle_code,
    bundleName: context.catalog.bundles.get(row.bundle_code)?.name ?? row.bundle_code,
    scenario: row.scenario,
    mode: row.mode,
    person: { id: row.person_key },
    employerCreditCode: row.employer_credit_code,
    channel: row.channel,
    status: row.status,
    timeLimitWorkingDays: limit?.workingDays ?? null,
    timeLimitSummary: limit?.summary ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    finishedAt: iso(row.finished_at),
  };
}

function toItem(row: SubmissionItemRow, context: GatewayContext) {
  return {
    itemCode: row.item_code,
    itemName: context.catalog.items.get(row.item_code)?.name ?? row.item_code,
    position: row.position,
    selection: row.selection,
    addedReason: row.added_reason,
    owner: row.owner,
    status: row.status,
    reference: row.reference,
    recordType: row.record_type,
    recordId: row.record_id,
    rejection: row.rejection,
    skipReason: row.skip_reason,
    attempts: row.attempts,
    acceptedAt: iso(row.accepted_at),
    dueDate: row.due_date,
    finishedAt: iso(row.finished_at),
    metDueDate: row.met_due_date,
  };
}

const toEvent = (row: SubmissionEventRow) => ({ at: row.at.toISOString(), itemCode: row.item_code, from: row.from_status, to: row.to_status, detail: row.detail });

interface Cursor {
  readonly createdAt: string;
  readonly id: string;
}
const encodeCursor = (row: SubmissionRow) => Buffer.from(JSON.stringify({ createdAt: row.created_at.toISOString(), id: row.id } satisfies Cursor)).toString('base64url');
function decodeCursor(cursor: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
    if (typeof parsed.createdAt === 'string' && typeof parsed.id === 'string' && !Number.isNaN(Date.parse(parsed.createdAt))) return parsed;
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError('after: not a cursor this API returned', { extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'after' } });
}

const badInput = (field: string, message: string) => new GraphQLError(`${field}: ${message}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });

interface SubmissionFilterInput {
  idType?: IdDocumentType;
  idNumber?: string;
  bundleCode?: string;
  status?: SubmissionStatus;
  channel?: string;
  createdFrom?: string;
  createdTo?: string;
}

export const submissionResolvers = {
  Query: {
    submission: async (_: unknown, args: { id: string }, context: Context) => {
      const row = await context.submissions.store.byId(args.id);
      return row ? toSubmission(row, context) : null;
    },
    submissions: async (_: unknown, args: { filter?: SubmissionFilterInput | null; first: number; after?: string | null }, context: Context) => {
      if (args.first < 1 || args.first > 100) throw badInput('first', `expected 1 to 100, got ${args.first}`);
      const filter = args.filter ?? {};
      if (Boolean(filter.idType) !== Boolean(filter.idNumber)) throw badInput(filter.idType ? 'filter.idNumber' : 'filter.idType', 'idType and idNumber go together');
      for (const field of ['createdFrom', 'createdTo'] as const) {
        if (filter[field] && Number.isNaN(Date.parse(filter[field]!))) throw badInput(`filter.${field}`, `expected an ISO 8601 date or time, got ${JSON.stringify(filter[field])}`);
      }
      const person = filter.idType && filter.idNumber
        ? personKey(context.personKeySecret, filter.idType, checkIdDocument(filter.idType, filter.idNumber, 'filter.idNumber').idNumber)
        : undefined;
      const rows = await context.submissions.list({
        ...(person ? { personKey: person } : {}),
        ...(filter.bundleCode ? { bundleCode: filter.bundleCode } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.channel ? { channel: filter.channel } : {}),
        ...(filter.createdFrom ? { createdFrom: filter.createdFrom } : {}),
        ...(filter.createdTo ? { createdTo: filter.createdTo } : {}),
        ...(args.after ? { after: decodeCursor(args.after) } : {}),
        first: args.first,
      });
      const page = rows.slice(0, args.first);
      return {
        edges: page.map((row) => ({ cursor: encodeCursor(row), node: toSubmission(row, context) })),
        pageInfo: { hasNextPage: rows.length > args.first, endCursor: page.length ? encodeCursor(page[page.length - 1]!) : null },
      };
    },
  },
  Mutation: {
    submitBundle: async (_: unknown, args: { input: SubmitBundleInput }, context: Context) => toSubmission(await context.submissions.submit(args.input), context),
    decideSubmissionItem: async (
      _: unknown,
      args: { submissionId: string; itemCode: string; decision: { outcome: 'COMPLETE' | 'REJECT'; reason?: string | null; decidedBy: string } },
      context: Context,
    ) => toSubmission(await context.submissions.decide(args.submissionId, args.itemCode, args.decision), context),
  },
  Submission: {
    items: async (submission: { id: string }, _: unknown, context: Context) =>
      (await context.submissionLoaders.items.load(submission.id)).map((row) => toItem(row, context)),
    history: async (submission: { id: string }, _: unknown, context: Context) => (await context.submissionLoaders.events.load(submission.id)).map(toEvent),
  },
  SubmissionItem: {
    // A record type the supergraph does not know yet is left out rather than failing the answer.
    record: (item: { recordType: string | null; recordId: string | null }, _: unknown, __: unknown, info: GraphQLResolveInfo) => {
      const union = getNamedType(info.returnType);
      if (!item.recordType || !item.recordId || !isUnionType(union)) return null;
      return union.getTypes().some((type) => type.name === item.recordType) ? { __typename: item.recordType, id: item.recordId } : null;
    },
  },
  ItemRecord: {
    __resolveType: (record: { __typename: string }) => record.__typename,
  },
};
