import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../src/errors.js';
import { isCalendarDate, isIsoDateTime } from '../../src/graphql/scalars.js';
import { personKey } from '../../src/identity/person-key.js';
import type { GatewayContext } from '../context.js';
import { authenticated, delegationFor, forbidden, regionOfDocument, withinRegion } from '../auth/authorize.js';
import type { AuthenticatedPrincipal } from '../auth/principal.js';
import { mayRead } from '../bundle/submission-resolvers.js';
import { checkIdDocument, type IdDocumentType } from '../identity/id-document.js';
import type { SubmissionRow } from '../submission/submission-store.js';
import { deadline } from './feedback-policy.js';
import type { FeedbackService } from './feedback-service.js';
import {
  COMMENT_MAX,
  TEXT_MAX,
  badInput,
  dimensions,
  isBad,
  pageSize,
  text,
  type NotDoneReason,
  type NotDoneResolution,
  type RatingLevel,
} from './feedback-input.js';
import type { NotDoneRow, NotDoneScope } from './not-done-store.js';
import type { FollowUpRow, RatingRow, RatingSource } from './rating-store.js';

/** The context these resolvers need: the gateway's, with the feedback service (gateway/server.ts). */
type Context = GatewayContext & { readonly feedback?: FeedbackService };

const serviceOf = (context: Context): FeedbackService => {
  if (!context.feedback) throw new Error('feedback: no FeedbackService in the GraphQL context (gateway/server.ts createContext)');
  return context.feedback;
};
const fail = (code: string, message: string, field: string) => new GraphQLError(message, { extensions: { code, field } });
const iso = (date: Date | null) => date?.toISOString() ?? null;
const DEVICE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
/** Items the counter (or the department) finished: their own rating is open. */
const FINISHED_ITEM = new Set(['COMPLETED', 'REJECTED']);

/** A case the caller may act on (rate, report): the rule of reading it. Anyone else's is absent. */
async function caseFor(context: Context, principal: AuthenticatedPrincipal, submissionId: string, field: string): Promise<SubmissionRow> {
  const row = await context.submissions.store.byId(submissionId);
  if (!row || !mayRead(principal, row)) throw fail(ErrorCode.ITEM_NOT_FOUND, `no case ${submissionId}`, field);
  context.audit.touch(row.person_key);
  context.audit.submissionId = row.id;
  return row;
}

/** Who is rating, by the caller's role: the applicant, the proxy, the counter's device, a terminal. */
function sourceOf(principal: AuthenticatedPrincipal, deviceId: string | null | undefined): Exclude<RatingSource, 'DEFAULT'> {
  switch (principal.role) {
    case 'citizen':
      return 'APPLICANT';
    case 'proxy':
      return 'PROXY';
    case 'agent':
      return 'TERMINAL';
    case 'clerk':
      // The rating is the applicant's, on the counter's rating device (评价器), never the clerk's own.
      if (!deviceId || !DEVICE_ID.test(deviceId))
        throw badInput('input.deviceId', 'a counter rates through its rating device: expected its id (1–64 of A–Z a–z 0–9 _ . : -)');
      return 'COUNTER_DEVICE';
    case 'analyst':
    case 'admin':
      throw forbidden(`the role ${principal.role} may not rate`, 'rateSubmission');
  }
}

function toFollowUp(row: FollowUpRow) {
  return {
    id: row.id,
    ratingId: row.rating_id,
    submissionId: row.submission_id,
    owner: row.owner,
    dueDate: row.due_date,
    status: row.status,
    contactedAt: iso(row.contacted_at),
    contactNote: row.contact_note,
    correction: row.correction,
    reply: row.reply,
    answeredAt: iso(row.answered_at),
    openedAt: row.opened_at.toISOString(),
    mayRateAgain: row.status === 'ANSWERED' && !row.rated_again,
  };
}

function toRating(row: RatingRow, followUp: FollowUpRow | undefined) {
  return {
    id: row.id,
    submissionId: row.submission_id,
    itemCode: row.item_code || null,
    round: row.round,
    level: row.level,
    bad: isBad(row.level),
    dimensions: row.dimensions,
    comment: row.comment,
    source: row.source,
    ratedAt: row.rated_at.toISOString(),
    followUp: followUp ? toFollowUp(followUp) : null,
  };
}

async function ratingsWithFollowUps(service: FeedbackService, submissionId: string) {
  const rows = await service.ratings.ratingsOf(submissionId);
  const followUps = await service.ratings.followUpsOfRatings(rows.map((r) => r.id));
  return rows.map((row) =>
    toRating(
      row,
      followUps.find((f) => f.rating_id === row.id),
    ),
  );
}

function toReport(row: NotDoneRow) {
  return {
    id: row.id,
    submissionId: row.submission_id,
    bundleCode: row.bundle_code,
    itemCode: row.item_code,
    reason: row.reason,
    detail: row.detail,
    owner: row.owner,
    dueDate: row.due_date,
    status: row.status,
    answer: row.answer,
    resolution: row.resolution,
    answeredAt: iso(row.answered_at),
    reportedAt: row.reported_at.toISOString(),
  };
}

interface RatingInput {
  submissionId: string;
  itemCode?: string | null;
  level: RatingLevel;
  dimensions?: string[] | null;
  comment?: string | null;
  deviceId?: string | null;
}

/** 好差评: one rating per finished case or item; once more after a 差评's follow-up is answered. */
async function rateSubmission(input: RatingInput, context: Context) {
  const service = serviceOf(context);
  const principal = authenticated(context.principal, 'rateSubmission');
  const source = sourceOf(principal, input.deviceId);
  const chosen = dimensions(input.dimensions);
  const comment = text('input.comment', input.comment, COMMENT_MAX);
  const row = await caseFor(context, principal, input.submissionId, 'input.submissionId');
  const itemCode = input.itemCode ?? '';
  let finishedAt = row.finished_at;
  if (itemCode) {
    const item = (await context.submissionLoaders.items.load(row.id)).find((i) => i.item_code === itemCode);
    if (!item) throw fail(ErrorCode.ITEM_NOT_FOUND, `no item ${itemCode} in this case`, 'input.itemCode');
    finishedAt = FINISHED_ITEM.has(item.status) ? item.finished_at : null;
  }
  const field = itemCode ? 'input.itemCode' : 'input.submissionId';
  if (!finishedAt) throw fail(ErrorCode.RATING_NOT_OPEN, 'not finished yet: a case (or item) is rated once it is finished', field);

  // The case's default rating first, if its period is over: then there is nothing left to rate.
  await service.recordDefaults(row.id);
  const existing = (await service.ratings.ratingsOf(row.id)).filter((r) => r.item_code === itemCode);
  const first = existing.find((r) => r.round === 1);
  const over = () => fail(ErrorCode.RATING_PERIOD_OVER, 'the rating period is over (an unrated case was recorded as satisfied)', field);
  const exists = () => fail(ErrorCode.RATING_EXISTS, 'already rated: again only once, after a 差评 follow-up is answered', field);
  let round: 1 | 2 = 1;
  if (!first) {
    if (service.ratings.periodOver(finishedAt, service.policy.defaultSatisfiedAfter, service.policy.holidays)) throw over();
  } else {
    if (first.source === 'DEFAULT') throw over();
    const [followUp] = await service.ratings.followUpsOfRatings([first.id]);
    if (!followUp || followUp.status !== 'ANSWERED' || existing.some((r) => r.round === 2)) throw exists();
    round = 2;
  }
  const opensFollowUp = round === 1 && isBad(input.level);
  const inserted = await service.ratings.insert({
    submissionId: row.id,
    itemCode,
    round,
    level: input.level,
    dimensions: chosen,
    comment,
    source,
    raterSubject: principal.subject,
    raterRole: principal.role,
    bundleCode: row.bundle_code,
    regionCode: row.region_code,
    followUp: opensFollowUp
      ? {
          owner: service.ownerOf(row.bundle_code, itemCode || null),
          dueDate: deadline(service.today(), service.policy.followUpWithin, service.policy.holidays),
        }
      : null,
  });
  // Two raters at once: the second finds the first's.
  if (!inserted) throw exists();
  const [followUp] = await service.ratings.followUpsOfRatings([inserted.id]);
  return toRating(inserted, followUp);
}

interface HandlingInput {
  contactedAt?: string | null;
  contactNote?: string | null;
  correction?: string | null;
  reply?: string | null;
}

/** A clerk of the case's region records how a 差评 was handled: contact, correction, reply. */
async function recordRatingFollowUp(id: string, handling: HandlingInput, context: Context) {
  const service = serviceOf(context);
  const principal = authenticated(context.principal, 'recordRatingFollowUp');
  const followUp = await service.ratings.followUp(id);
  if (!followUp || principal.role !== 'clerk' || !withinRegion(principal, followUp.region_code))
    throw fail(ErrorCode.FOLLOW_UP_NOT_FOUND, `no follow-up ${id} for this counter`, 'id');
  const row = await context.submissions.store.byId(followUp.submission_id);
  if (row) context.audit.touch(row.person_key);
  context.audit.submissionId = followUp.submission_id;
  if (handling.contactedAt && !isIsoDateTime(handling.contactedAt))
    throw badInput('handling.contactedAt', `expected an ISO 8601 time, got ${JSON.stringify(handling.contactedAt)}`);
  const values = {
    contactedAt: handling.contactedAt ?? null,
    contactNote: text('handling.contactNote', handling.contactNote, TEXT_MAX),
    correction: text('handling.correction', handling.correction, TEXT_MAX),
    reply: text('handling.reply', handling.reply, TEXT_MAX),
  };
  if (!values.contactedAt && !values.contactNote && !values.correction && !values.reply)
    throw badInput('handling', 'expected at least one of contactedAt, contactNote, correction, reply');
  if (followUp.status === 'ANSWERED') throw fail(ErrorCode.FOLLOW_UP_ANSWERED, 'the reply is recorded already', 'id');
  const updated = await service.ratings.recordHandling(id, values, principal.subject);
  if (!updated) throw fail(ErrorCode.FOLLOW_UP_ANSWERED, 'the reply is recorded already', 'id');
  return toFollowUp(updated);
}

interface NotDoneInput {
  submissionId?: string | null;
  bundleCode?: string | null;
  itemCode?: string | null;
  idType?: IdDocumentType | null;
  idNumber?: string | null;
  reason: NotDoneReason;
  detail: string;
}

/** 办不成事: about a case the caller may act on, or, without one, about a person the caller may act for. */
async function reportNotDone(input: NotDoneInput, context: Context) {
  const service = serviceOf(context);
  const principal = authenticated(context.principal, 'reportNotDone');
  const detail = text('input.detail', input.detail, TEXT_MAX, true)!;
  let person: { key: string; region: string | null };
  let bundleCode = input.bundleCode ?? null;
  const itemCode = input.itemCode ?? null;
  if (input.submissionId) {
    const row = await caseFor(context, principal, input.submissionId, 'input.submissionId');
    if (itemCode && !(await context.submissionLoaders.items.load(row.id)).some((i) => i.item_code === itemCode))
      throw fail(ErrorCode.ITEM_NOT_FOUND, `no item ${itemCode} in this case`, 'input.itemCode');
    person = { key: row.person_key, region: row.region_code };
    bundleCode = row.bundle_code;
  } else {
    if (bundleCode && !service.catalog.bundles.has(bundleCode)) throw fail(ErrorCode.BUNDLE_NOT_FOUND, `no bundle ${bundleCode}`, 'input.bundleCode');
    if (itemCode && !service.catalog.items.has(itemCode)) throw fail(ErrorCode.ITEM_NOT_FOUND, `no item ${itemCode}`, 'input.itemCode');
    if (!input.idType || !input.idNumber)
      throw badInput(input.idType ? 'input.idNumber' : 'input.idType', 'without a case, name the person: idType and idNumber');
    const document = checkIdDocument(input.idType, input.idNumber, 'input.idNumber');
    person = { key: personKey(context.personKeySecret, input.idType, document.idNumber), region: regionOfDocument(input.idType, document.idNumber) };
    context.audit.touch(person.key);
    const allowed =
      principal.role === 'citizen'
        ? principal.personKey === person.key
        : principal.role === 'proxy'
          ? Boolean(await delegationFor(context.submissions.delegations, principal, person.key, []))
          : principal.role === 'clerk' || principal.role === 'agent'
            ? withinRegion(principal, person.region)
            : false;
    if (!allowed) throw forbidden('you may report only for yourself, a person who delegated to you, or a person of your region', 'input.idNumber');
  }
  const row = await service.notDone.insert({
    submission_id: input.submissionId ?? null,
    bundle_code: bundleCode,
    item_code: itemCode,
    person_key: person.key,
    region_code: person.region,
    reason: input.reason,
    detail,
    reporter_subject: principal.subject,
    reporter_role: principal.role,
    owner: service.ownerOf(bundleCode, itemCode),
    due_date: deadline(service.today(), service.policy.notDoneAnswerWithin, service.policy.holidays),
  });
  return toReport(row);
}

async function answerNotDoneReport(id: string, answer: { answer: string; resolution: NotDoneResolution }, context: Context) {
  const service = serviceOf(context);
  const principal = authenticated(context.principal, 'answerNotDoneReport');
  const report = await service.notDone.byId(id);
  if (!report || principal.role !== 'clerk' || !withinRegion(principal, report.region_code))
    throw fail(ErrorCode.NOT_DONE_REPORT_NOT_FOUND, `no report ${id} for this counter`, 'id');
  context.audit.touch(report.person_key);
  if (report.submission_id) context.audit.submissionId = report.submission_id;
  const words = text('answer.answer', answer.answer, TEXT_MAX, true)!;
  if (report.status === 'ANSWERED') throw fail(ErrorCode.NOT_DONE_REPORT_ANSWERED, 'this report is answered already', 'id');
  const answered = await service.notDone.answer(id, words, answer.resolution, principal.subject);
  if (!answered) throw fail(ErrorCode.NOT_DONE_REPORT_ANSWERED, 'this report is answered already', 'id');
  return toReport(answered);
}

function notDoneScope(principal: AuthenticatedPrincipal): NotDoneScope {
  switch (principal.role) {
    case 'clerk':
      return { regionPrefix: principal.regionPrefix ?? '' };
    case 'citizen':
      return { personKey: principal.personKey! };
    case 'proxy':
    case 'agent':
      return { reporterSubject: principal.subject };
    case 'analyst':
    case 'admin':
      throw forbidden(`the role ${principal.role} reads counts only (feedbackStatistics)`, 'notDoneReports');
  }
}

interface StatusFilter {
  status?: 'OPEN' | 'ANSWERED' | null;
  overdue?: boolean | null;
}
const statusFilter = (filter: StatusFilter | null | undefined) => ({
  ...(filter?.status ? { status: filter.status } : {}),
  ...(filter?.overdue ? { overdue: true } : {}),
});

export const feedbackResolvers = {
  Query: {
    ratings: async (_: unknown, args: { submissionId: string }, context: Context) => {
      const service = serviceOf(context);
      const principal = authenticated(context.principal, 'ratings');
      const row = await context.submissions.store.byId(args.submissionId);
      if (!row || !mayRead(principal, row)) return [];
      context.audit.touch(row.person_key);
      await service.recordDefaults(row.id);
      return ratingsWithFollowUps(service, row.id);
    },
    ratingFollowUps: async (_: unknown, args: { filter?: StatusFilter | null; first?: number | null }, context: Context) => {
      const service = serviceOf(context);
      const principal = authenticated(context.principal, 'ratingFollowUps');
      if (principal.role !== 'clerk') throw forbidden('follow-ups are handled at the counter', 'ratingFollowUps');
      const rows = await service.ratings.followUps({ regionPrefix: principal.regionPrefix ?? '', ...statusFilter(args.filter), first: pageSize(args.first) });
      return rows.map(toFollowUp);
    },
    notDoneReports: async (_: unknown, args: { filter?: StatusFilter | null; first?: number | null }, context: Context) => {
      const service = serviceOf(context);
      const scope = notDoneScope(authenticated(context.principal, 'notDoneReports'));
      const rows = await service.notDone.list(scope, { ...statusFilter(args.filter), today: service.today(), first: pageSize(args.first) });
      for (const row of rows) context.audit.touch(row.person_key);
      return rows.map(toReport);
    },
    feedbackStatistics: async (
      _: unknown,
      args: { filter?: { from?: string | null; to?: string | null; bundleCode?: string | null } | null },
      context: Context,
    ) => {
      const service = serviceOf(context);
      const principal = context.principal;
      if (principal.kind !== 'authenticated' || !principal.scopes.has('statistics:read'))
        throw forbidden('feedbackStatistics: needs the statistics:read scope', 'feedbackStatistics');
      const filter = args.filter ?? {};
      for (const field of ['from', 'to'] as const) {
        const value = filter[field];
        if (value && !isCalendarDate(value)) throw badInput(`filter.${field}`, `expected a day as YYYY-MM-DD, got ${JSON.stringify(value)}`);
      }
      await service.recordDefaults();
      return service.statistics.compute(
        {
          ...(filter.from ? { from: filter.from } : {}),
          ...(filter.to ? { to: filter.to } : {}),
          ...(filter.bundleCode ? { bundleCode: filter.bundleCode } : {}),
        },
        service.today(),
      );
    },
  },
  Mutation: {
    rateSubmission: (_: unknown, args: { input: RatingInput }, context: Context) => rateSubmission(args.input, context),
    recordRatingFollowUp: (_: unknown, args: { id: string; handling: HandlingInput }, context: Context) =>
      recordRatingFollowUp(args.id, args.handling, context),
    reportNotDone: (_: unknown, args: { input: NotDoneInput }, context: Context) => reportNotDone(args.input, context),
    answerNotDoneReport: (_: unknown, args: { id: string; answer: { answer: string; resolution: NotDoneResolution } }, context: Context) =>
      answerNotDoneReport(args.id, args.answer, context),
  },
};
