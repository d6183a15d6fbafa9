import { GraphQLError, getNamedType, isUnionType, type GraphQLResolveInfo } from 'graphql';
import { ErrorCode } from '../../src/errors.js';
import { isIsoDateTime } from '../../src/graphql/scalars.js';
import { personKey } from '../../src/identity/person-key.js';
import type { GatewayContext } from '../context.js';
import { checkIdDocument, type IdDocumentType } from '../identity/id-document.js';
import type { SubmitBundleInput } from '../submission/submit-bundle.js';
import type { DepartmentAnswer } from '../submission/referrals.js';
import { assertMayReadPerson, authenticated, forbidden, regionOfDocument, withinRegion } from '../auth/authorize.js';
import type { AuthenticatedPrincipal } from '../auth/principal.js';
import type { DelegationRow } from '../auth/delegation-store.js';
import { todayInChina } from '../../src/policy/calendar.js';
import type { SubmissionEventRow, SubmissionItemRow, SubmissionRow, SubmissionStatus } from '../submission/submission-store.js';

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
    /** Not in the schema: the region the submission was authorized in, for the person rule below. */
    regionCode: row.region_code,
    employerCreditCode: row.employer_credit_code,
    // Submissions stored before roles were kept: their person applied themselves.
    subjectKind: row.roles?.subject.kind ?? 'PERSON',
    applicant: {
      role: row.roles?.applicant.role ?? 'SUBJECT',
      personId: row.roles?.applicant.personKey ?? row.person_key,
      relationship: row.roles?.applicant.relationship ?? null,
    },
    channel: row.channel,
    status: row.status,
    timeLimitWorkingDays: limit?.workingDays ?? null,
    timeLimitSummary: limit?.summary ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    finishedAt: iso(row.finished_at),
  };
}

/** A submission as resolved above: its person is read under the person rule at the time of reading. */
interface ResolvedSubmission {
  readonly id: string;
  readonly person: { readonly id: string };
  readonly regionCode: string | null;
}

function toItem(row: SubmissionItemRow, context: GatewayContext, submission: ResolvedSubmission) {
  return {
    submission,
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

const toEvent = (row: SubmissionEventRow) => ({
  at: row.at.toISOString(),
  itemCode: row.item_code,
  from: row.from_status,
  to: row.to_status,
  detail: row.detail,
});

interface Cursor {
  readonly createdAt: string;
  readonly id: string;
}
const encodeCursor = (row: SubmissionRow) =>
  Buffer.from(JSON.stringify({ createdAt: row.created_at.toISOString(), id: row.id } satisfies Cursor)).toString('base64url');
function decodeCursor(cursor: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
    // Only what encodeCursor writes: a timestamp PostgreSQL accepts and a submission id.
    if (isIsoDateTime(parsed.createdAt) && typeof parsed.id === 'string' && /^[\w-]{1,64}$/.test(parsed.id)) return parsed;
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError('after: not a cursor this API returned', { extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'after' } });
}

/** Row-level read rule: citizens their own, proxies and agents what they took, clerks their region. */
export function mayRead(principal: AuthenticatedPrincipal, row: SubmissionRow): boolean {
  switch (principal.role) {
    case 'citizen':
      // A family member reads what they applied for, for the one who died.
      return row.person_key === principal.personKey || (row.roles?.applicant.role === 'FAMILY_MEMBER' && row.roles.applicant.personKey === principal.personKey);
    case 'proxy':
    case 'agent':
      return row.actor_subject === principal.subject;
    case 'clerk':
      return withinRegion(principal, row.region_code);
    case 'analyst':
    case 'admin':
      return false;
  }
}

/** The narrowing of a list to what the caller may read. */
function readScope(principal: AuthenticatedPrincipal): { personKey?: string; actorSubject?: string; regionPrefix?: string } {
  switch (principal.role) {
    case 'citizen':
      return { personKey: principal.personKey! };
    case 'proxy':
    case 'agent':
      return { actorSubject: principal.subject };
    case 'clerk':
      return principal.regionPrefix ? { regionPrefix: principal.regionPrefix } : {};
    case 'analyst':
    case 'admin':
      throw forbidden(`the role ${principal.role} may not read submissions`, 'submissions');
  }
}

/**
 * The rule of `person`, applied now to the person of a submission. A clerk's region is the one
 * the submission was authorized in (the person's, or for an employer's bundle the employer's).
 */
async function mayReadPersonOf(submission: ResolvedSubmission, context: Context, field: string): Promise<void> {
  const principal = authenticated(context.principal, field);
  await assertMayReadPerson(principal, { key: submission.person.id, region: submission.regionCode }, context.submissions.delegations, field);
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

interface DelegationInput {
  principalIdType: IdDocumentType;
  principalIdNumber: string;
  proxySubject: string;
  proxyName: string;
  items: string[];
  validFrom: string;
  validUntil: string;
  documentRef: string;
}

/** 委托书: registered by the principal themselves, or by a clerk of their region who saw it signed. */
async function registerDelegation(input: DelegationInput, context: Context) {
  const principal = authenticated(context.principal, 'registerDelegation');
  const document = checkIdDocument(input.principalIdType, input.principalIdNumber, 'input.principalIdNumber');
  const key = personKey(context.personKeySecret, input.principalIdType, document.idNumber);
  const principalRegion = regionOfDocument(input.principalIdType, document.idNumber);
  if (principal.role === 'citizen' ? principal.personKey !== key : principal.role !== 'clerk' || !withinRegion(principal, principalRegion)) {
    throw forbidden('a delegation is registered by the person delegating, or by a clerk of their region', 'input.principalIdNumber');
  }
  const unknown = input.items.find((code) => !context.catalog.items.has(code));
  if (unknown) throw badInput('input.items', `unknown item ${JSON.stringify(unknown)}`);
  if (input.items.length === 0) throw badInput('input.items', 'name at least one item');
  if (!(input.validFrom <= input.validUntil)) throw badInput('input.validUntil', 'expected a date on or after validFrom');
  // A 委托书 that has already lapsed would register nothing anyone could use.
  if (input.validUntil < todayInChina()) throw badInput('input.validUntil', 'the delegation has already expired');
  if (!input.documentRef.trim() || !input.proxySubject.trim() || !input.proxyName.trim())
    throw badInput('input.documentRef', 'the signed 委托书, the proxy and their name are required');
  const row = await context.submissions.delegations.create({
    id: `dlg_${crypto.randomUUID()}`,
    principal_person_key: key,
    proxy_subject: input.proxySubject,
    proxy_name: input.proxyName,
    items: input.items,
    valid_from: input.validFrom,
    valid_until: input.validUntil,
    document_ref: input.documentRef,
    registered_by: principal.subject,
    principal_region: principalRegion,
  });
  context.audit.touch(key);
  context.audit.delegation = { id: row.id, principalPersonKey: key };
  return toDelegation(row);
}

function toDelegation(row: DelegationRow) {
  return {
    id: row.id,
    proxySubject: row.proxy_subject,
    proxyName: row.proxy_name,
    items: row.items,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    revokedAt: iso(row.revoked_at),
  };
}

/**
 * The principal withdraws a 委托书 (or a clerk of their region records the withdrawal). From then on
 * the proxy can no longer apply or read under it; what was submitted under it stays. Someone else's
 * delegation is as absent as a missing one, so ids cannot be probed.
 */
async function revokeDelegation(id: string, context: Context) {
  const principal = authenticated(context.principal, 'revokeDelegation');
  const row = await context.submissions.delegations.byId(id);
  const mayRevoke =
    row !== undefined &&
    (principal.role === 'citizen'
      ? principal.personKey === row.principal_person_key
      : principal.role === 'clerk' && withinRegion(principal, row.principal_region));
  if (!row || !mayRevoke) throw new GraphQLError(`no delegation ${id}`, { extensions: { code: ErrorCode.DELEGATION_NOT_FOUND, field: 'id' } });
  const revoked = await context.submissions.delegations.revoke(id, principal.subject);
  context.audit.touch(row.principal_person_key);
  context.audit.delegation = { id: row.id, principalPersonKey: row.principal_person_key };
  return toDelegation(revoked);
}

export const submissionResolvers = {
  Query: {
    submission: async (_: unknown, args: { id: string }, context: Context) => {
      const principal = authenticated(context.principal, 'submission');
      const row = await context.submissions.store.byId(args.id);
      // Someone else's submission is as absent as a missing one: no probing of ids.
      if (!row || !mayRead(principal, row)) return null;
      context.audit.touch(row.person_key);
      return toSubmission(row, context);
    },
    submissions: async (_: unknown, args: { filter?: SubmissionFilterInput | null; first: number; after?: string | null }, context: Context) => {
      if (args.first < 1 || args.first > 100) throw badInput('first', `expected 1 to 100, got ${args.first}`);
      const filter = args.filter ?? {};
      if (Boolean(filter.idType) !== Boolean(filter.idNumber))
        throw badInput(filter.idType ? 'filter.idNumber' : 'filter.idType', 'idType and idNumber go together');
      for (const field of ['createdFrom', 'createdTo'] as const) {
        if (filter[field] && !isIsoDateTime(filter[field]))
          throw badInput(`filter.${field}`, `expected an ISO 8601 date or time, got ${JSON.stringify(filter[field])}`);
      }
      const person =
        filter.idType && filter.idNumber
          ? personKey(context.personKeySecret, filter.idType, checkIdDocument(filter.idType, filter.idNumber, 'filter.idNumber').idNumber)
          : undefined;
      const scope = readScope(authenticated(context.principal, 'submissions'));
      if (scope.personKey && person && person !== scope.personKey) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
      const rows = await context.submissions.list({
        ...(person ? { personKey: person } : {}),
        ...scope,
        ...(filter.bundleCode ? { bundleCode: filter.bundleCode } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.channel ? { channel: filter.channel } : {}),
        ...(filter.createdFrom ? { createdFrom: filter.createdFrom } : {}),
        ...(filter.createdTo ? { createdTo: filter.createdTo } : {}),
        ...(args.after ? { after: decodeCursor(args.after) } : {}),
        first: args.first,
      });
      const page = rows.slice(0, args.first);
      for (const row of page) context.audit.touch(row.person_key);
      return {
        edges: page.map((row) => ({ cursor: encodeCursor(row), node: toSubmission(row, context) })),
        pageInfo: { hasNextPage: rows.length > args.first, endCursor: page.length ? encodeCursor(page[page.length - 1]!) : null },
      };
    },
  },
  Mutation: {
    submitBundle: async (_: unknown, args: { input: SubmitBundleInput }, context: Context) =>
      toSubmission(await context.submissions.submit(args.input, { principal: context.principal, audit: context.audit }), context),
    decideSubmissionItem: async (
      _: unknown,
      args: { submissionId: string; itemCode: string; decision: { outcome: 'COMPLETE' | 'REJECT'; reason?: string | null; decidedBy: string } },
      context: Context,
    ) => {
      const principal = authenticated(context.principal, 'decideSubmissionItem');
      const row = await context.submissions.store.byId(args.submissionId);
      if (!row || !mayRead(principal, row))
        throw new GraphQLError(`no submission ${args.submissionId}`, { extensions: { code: ErrorCode.ITEM_NOT_FOUND, field: 'submissionId' } });
      context.audit.touch(row.person_key);
      context.audit.submissionId = row.id;
      return toSubmission(await context.submissions.decide(args.submissionId, args.itemCode, args.decision), context);
    },
    registerDelegation: async (_: unknown, args: { input: DelegationInput }, context: Context) => registerDelegation(args.input, context),
    revokeDelegation: async (_: unknown, args: { id: string }, context: Context) => revokeDelegation(args.id, context),
    recordDepartmentAnswer: async (_: unknown, args: { submissionId: string; itemCode: string; answer: DepartmentAnswer }, context: Context) => {
      const principal = authenticated(context.principal, 'recordDepartmentAnswer');
      const row = await context.submissions.store.byId(args.submissionId);
      // The same rule as decideSubmissionItem: a submission the caller may not read is not there for them.
      if (!row || !mayRead(principal, row))
        throw new GraphQLError(`no submission ${args.submissionId}`, { extensions: { code: ErrorCode.ITEM_NOT_FOUND, field: 'submissionId' } });
      context.audit.touch(row.person_key);
      context.audit.submissionId = row.id;
      return toSubmission(await context.submissions.answerReferral(args.submissionId, args.itemCode, args.answer), context);
    },
  },
  Submission: {
    items: async (submission: ResolvedSubmission, _: unknown, context: Context) =>
      (await context.submissionLoaders.items.load(submission.id)).map((row) => toItem(row, context, submission)),
    // Reading a submission is not reading its person: that needs the person rule, today (a proxy
    // whose delegation has lapsed still sees what they submitted, not the person's data).
    person: async (submission: ResolvedSubmission, _: unknown, context: Context) => {
      await mayReadPersonOf(submission, context, 'Submission.person');
      return submission.person;
    },
    history: async (submission: { id: string }, _: unknown, context: Context) => (await context.submissionLoaders.events.load(submission.id)).map(toEvent),
  },
  SubmissionItem: {
    referral: async (item: { itemCode: string; submission: ResolvedSubmission }, _: unknown, context: Context) => {
      const row = (await context.submissionLoaders.referrals.load(item.submission.id)).find((r) => r.item_code === item.itemCode);
      return row
        ? {
            department: row.department,
            status: row.status,
            sentAt: row.sent_at.toISOString(),
            sentSharedFields: row.sent.sharedFields,
            sentMaterials: row.sent.materials,
            answeredAt: row.answered_at?.toISOString() ?? null,
            refusalReason: row.refusal_reason,
            departmentReference: row.department_reference,
          }
        : null;
    },
    // A record type the supergraph does not know yet is left out rather than failing the answer.
    // The record is the person's data in its subgraph: the same person rule as Submission.person.
    record: async (
      item: { recordType: string | null; recordId: string | null; submission: ResolvedSubmission },
      _: unknown,
      context: Context,
      info: GraphQLResolveInfo,
    ) => {
      const union = getNamedType(info.returnType);
      if (!item.recordType || !item.recordId || !isUnionType(union)) return null;
      await mayReadPersonOf(item.submission, context, 'SubmissionItem.record');
      return union.getTypes().some((type) => type.name === item.recordType) ? { __typename: item.recordType, id: item.recordId } : null;
    },
  },
  ItemRecord: {
    __resolveType: (record: { __typename: string }) => record.__typename,
  },
};
