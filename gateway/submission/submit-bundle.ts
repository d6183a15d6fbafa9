import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../src/errors.js';
import { personKey } from '../../src/identity/person-key.js';
import type { GatewayMetrics } from '../../src/observability/metrics.js';
import { entriesFor, scenarioOf, validateBundle, validateCreditCode, type Catalog, type ValidationError } from '../../src/catalog/index.js';
import { checkIdDocument, type IdDocumentType } from '../identity/id-document.js';
import type { RequestAudit } from '../audit/request-audit.js';
import { authorizeItems, authorizeSubmitter } from '../auth/authorize-submission.js';
import { regionOfCreditCode, regionOfDocument } from '../auth/authorize.js';
import type { DelegationStore } from '../auth/delegation-store.js';
import type { Principal } from '../auth/principal.js';
import type { SubmissionDispatcher } from './dispatch-submission.js';
import { fillDefaults } from './form-defaults.js';
import { idempotencyInProgress, requestHash, type IdempotencyKeys } from './idempotency.js';
import { factsOf, type SharedRecordCache } from './shared-record.js';
import type { NewSubmissionItem, SubmissionRow, SubmissionStore } from './submission-store.js';
import type { Channel } from '../../src/catalog/catalog-types.js';

/** SubmitBundleInput as the client sends it. */
export interface SubmitBundleInput {
  readonly idempotencyKey: string;
  readonly bundleCode: string;
  readonly scenario?: string | null;
  readonly channel: Channel;
  readonly employerCreditCode?: string | null;
  readonly sharedFields: Record<string, unknown>;
  readonly items: ReadonlyArray<{ code: string; fields?: Record<string, unknown> | null }>;
  readonly materials?: readonly string[] | null;
  readonly commitments?: readonly string[] | null;
  /** Agent terminals: how the person was identified on the spot. */
  readonly presence?: { readonly verifiedBy: 'ID_CARD_READER' | 'SOCIAL_SECURITY_CARD' | 'DELEGATION' } | null;
  /** Proxies (and agents acting under one): the delegation (委托书) applied under. */
  readonly delegationId?: string | null;
}

/** Who is submitting, and where the submission records whose data it touched. */
export interface Submitter {
  readonly principal: Principal;
  readonly audit: RequestAudit;
}

export interface SubmitBundleDependencies {
  readonly catalog: Catalog;
  readonly store: SubmissionStore;
  readonly dispatcher: SubmissionDispatcher;
  readonly idempotency: IdempotencyKeys;
  readonly sharedRecords: SharedRecordCache;
  /** Item codes whose mutation exists in the supergraph. */
  readonly availableItems: ReadonlySet<string>;
  readonly personKeySecret: string;
  readonly priceSubsidyTriggered: boolean;
  readonly leaseSeconds: number;
  /** How long a repeat waits for the first request with its key. */
  readonly idempotencyWaitMs: number;
  readonly metrics: GatewayMetrics;
  readonly delegations: DelegationStore;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/** The form is wrong: one error listing every fault with its field; nothing was stored. */
export function bundleInvalid(errors: readonly ValidationError[]): GraphQLError {
  return new GraphQLError(`The application is not valid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, {
    extensions: { code: 'BUNDLE_INVALID', field: errors[0]?.field, errors },
  });
}

/**
 * submitBundle: one form, one set of materials, one submission. Validates everything first, resolves
 * the applicant's shared record once, stores the submission and all its items before any dispatch
 * (the outbox), then dispatches; a repeat with the same idempotency key returns the first submission.
 */
export async function submitBundle(deps: SubmitBundleDependencies, input: SubmitBundleInput, submitter: Submitter): Promise<SubmissionRow> {
  if (!IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
    throw new GraphQLError('idempotencyKey: expected 8 to 128 letters, digits or _ . : -', {
      extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'idempotencyKey' },
    });
  }
  // Keys are the client's own: another client's key names nothing here.
  const idempotencyKey = `${submitter.principal.clientId}|${input.idempotencyKey}`;
  const { idempotencyKey: _clientKey, ...request } = input;
  const hash = requestHash(request);
  const claim = await deps.idempotency.claim(idempotencyKey, hash, deps.idempotencyWaitMs);
  if (claim.kind === 'existing') return touched(submitter, (await deps.store.byId(claim.submissionId))!);
  if (claim.kind === 'in-progress') throw idempotencyInProgress();

  let created: SubmissionRow | null;
  try {
    created = await createSubmission(deps, { ...input, idempotencyKey }, hash, submitter);
  } catch (error) {
    await deps.idempotency.release(idempotencyKey);
    throw error;
  }
  if (!created) {
    // PostgreSQL already holds this key (Redis had forgotten it, or could not say): the truth decides.
    const stored = await deps.idempotency.stored(idempotencyKey, hash, deps.idempotencyWaitMs);
    if (stored.kind !== 'existing') throw idempotencyInProgress();
    return touched(submitter, (await deps.store.byId(stored.submissionId))!);
  }

  deps.metrics.submissions.inc({ bundle: created.bundle_code });
  // Stored with its dispatch lease taken: neither recovery nor a repeat takes it over meanwhile.
  try {
    await deps.dispatcher.dispatch(created.id);
  } finally {
    await deps.store.releaseLease(created.id);
  }
  await deps.sharedRecords.forget(created.person_key);
  await deps.idempotency.complete(idempotencyKey, hash, created.id);
  return touched(submitter, (await deps.store.byId(created.id))!);
}

function touched(submitter: Submitter, row: SubmissionRow): SubmissionRow {
  submitter.audit.touch(row.person_key);
  submitter.audit.submissionId = row.id;
  return row;
}

async function createSubmission(deps: SubmitBundleDependencies, input: SubmitBundleInput, hash: string, submitter: Submitter): Promise<SubmissionRow | null> {
  const { catalog } = deps;
  const bundle = catalog.bundles.get(input.bundleCode);
  const sharedFields = { ...input.sharedFields };
  const faults: ValidationError[] = [];

  // The applicant's document, and what it says of them, before anything else.
  const idType = sharedFields.idType as IdDocumentType | undefined;
  const rawIdNumber = sharedFields.idNumber;
  let document: ReturnType<typeof checkIdDocument> | null = null;
  if (typeof idType === 'string' && typeof rawIdNumber === 'string') {
    try {
      document = checkIdDocument(idType, rawIdNumber, 'sharedFields.idNumber');
      sharedFields.idNumber = document.idNumber;
    } catch (error) {
      faults.push({ code: 'FIELD_INVALID', field: 'sharedFields.idNumber', message: (error as Error).message.replace(/^sharedFields\.idNumber: /, '') });
    }
  }
  if (document?.gender && sharedFields.gender !== undefined && sharedFields.gender !== document.gender) {
    faults.push({
      code: 'FIELD_INVALID',
      field: 'sharedFields.gender',
      message: `the ID number is of a ${document.gender === 'MALE' ? '男' : '女'} holder; the form says otherwise`,
    });
  }
  if (document?.birthDate && sharedFields.birthDate !== undefined && sharedFields.birthDate !== document.birthDate) {
    faults.push({
      code: 'FIELD_INVALID',
      field: 'sharedFields.birthDate',
      message: `the ID number gives birth date ${document.birthDate}; the form says otherwise`,
    });
  }
  const scenario = bundle ? scenarioOf(bundle, input.scenario ?? null) : null;
  const applicantKinds = scenario?.applicantKind ?? bundle?.applicantKind ?? [];
  if (applicantKinds.length === 1 && applicantKinds[0] === 'EMPLOYER') {
    if (!input.employerCreditCode)
      faults.push({
        code: 'FIELD_REQUIRED',
        field: 'employerCreditCode',
        message: 'an employer (单位) applies for this bundle: give its unified social credit code',
      });
  }
  if (input.employerCreditCode) {
    const check = validateCreditCode(input.employerCreditCode);
    if (!check.ok) faults.push({ code: 'FIELD_INVALID', field: 'employerCreditCode', message: check.reason });
  }

  const key = document && idType ? personKey(deps.personKeySecret, idType, document.idNumber) : null;
  // Who may submit for whom, before anything about the person is read.
  const employerBundle = applicantKinds.length === 1 && applicantKinds[0] === 'EMPLOYER';
  const region =
    employerBundle && input.employerCreditCode ? regionOfCreditCode(input.employerCreditCode) : key ? regionOfDocument(idType!, document!.idNumber) : null;
  const actor = key
    ? await authorizeSubmitter(
        submitter.principal,
        { personKey: key, region, channel: input.channel, presence: input.presence ?? null, delegationId: input.delegationId ?? null },
        deps.delegations,
      )
    : null;
  if (actor?.delegationId) {
    submitter.audit.delegation = { id: actor.delegationId, principalPersonKey: key! };
  }

  // One federated fetch (or the cache) for what the back offices know: defaults and facts.
  const record = key && faults.length === 0 ? await deps.sharedRecords.get(key, idType!, document!.idNumber) : null;
  const form = fillDefaults(
    bundle ?? ({ sharedFields: [] } as never),
    catalog.items,
    {
      sharedFields,
      items: input.items.map((item) => ({ code: item.code, fields: { ...(item.fields ?? {}) } })),
    },
    record,
  );
  const validation = validateBundle(catalog, {
    bundleCode: input.bundleCode,
    scenario: input.scenario ?? null,
    items: form.items,
    sharedFields: form.sharedFields,
    materials: input.materials ?? [],
    commitments: input.commitments ?? [],
    channel: input.channel,
    facts: factsOf(record, { priceSubsidyTriggered: deps.priceSubsidyTriggered }),
  });
  faults.push(...validation.errors);
  if (faults.length > 0 || !bundle || !key || !actor) throw bundleInvalid(faults);

  // Every included item must be handled by its subgraph today: refuse before storing anything.
  const includedCodes = new Set([...form.items.map((i) => i.code), ...validation.addedItems.map((a) => a.code)]);
  const entries = entriesFor(bundle, scenario).filter((entry) => includedCodes.has(entry.code));
  const unavailable = entries.filter((e) => e.item.owner.kind === 'subgraph' && !deps.availableItems.has(e.code));
  if (unavailable.length > 0) {
    throw new GraphQLError(`Not every chosen item can be handled yet: ${unavailable.map((e) => `${e.code}（${e.item.name}）`).join(', ')}`, {
      extensions: { code: 'ITEM_NOT_AVAILABLE', field: `items.${unavailable[0]!.code}`, items: unavailable.map((e) => e.code) },
    });
  }

  await authorizeItems(
    submitter.principal,
    actor,
    entries.map((e) => e.code),
    deps.delegations,
  );

  const submissionId = `sub_${randomUUID()}`;
  const fieldsOf = new Map(form.items.map((i) => [i.code, i.fields]));
  const reasons = new Map(validation.addedItems.map((a) => [a.code, a.reason]));
  const items: NewSubmissionItem[] = entries.map((entry, position) => ({
    item_code: entry.code,
    position,
    selection: entry.selection,
    added_reason: reasons.get(entry.code) ?? null,
    owner: entry.item.owner.kind === 'subgraph' ? entry.item.owner.subgraph : entry.item.owner.department,
    mutation: entry.item.mutation ?? null,
    idempotency_key: `${submissionId}:${entry.code}`,
    fields: fieldsOf.get(entry.code) ?? {},
    working_days: entry.item.handling.kind === 'TIME_LIMITED' ? entry.item.handling.workingDays : null,
  }));
  const applicant = {
    personId: key,
    name: (form.sharedFields.name as string | undefined) ?? record?.name,
    gender: document!.gender ?? form.sharedFields.gender ?? record?.gender,
    birthDate: document!.birthDate ?? form.sharedFields.birthDate ?? record?.birthDate,
    idType,
    idNumber: document!.idNumber,
    phone: (form.sharedFields.phone as string | undefined) ?? record?.phone ?? null,
  };
  return deps.store.createWithItems(
    {
      id: submissionId,
      idempotency_key: input.idempotencyKey,
      request_hash: hash,
      bundle_code: bundle.code,
      scenario: scenario?.code ?? null,
      mode: scenario?.mode ?? bundle.mode ?? 'PARALLEL',
      person_key: key,
      employer_credit_code: input.employerCreditCode ?? null,
      channel: actor.channel,
      actor_subject: actor.subject,
      actor_role: actor.role,
      terminal_id: actor.terminalId,
      delegation_id: actor.delegationId,
      region_code: region,
      applicant,
      shared_fields: form.sharedFields,
      materials: [...(input.materials ?? [])],
      commitments: [...(input.commitments ?? [])],
      time_limit: validation.timeLimit as unknown as Record<string, unknown> | null,
    },
    items,
    deps.leaseSeconds,
  );
}
