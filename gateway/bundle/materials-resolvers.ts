import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../src/errors.js';
import { personKey } from '../../src/identity/person-key.js';
import type { GatewayContext } from '../context.js';
import { checkIdDocument, type IdDocumentType } from '../identity/id-document.js';
import { assertMayReadPerson, authenticated, delegationFor, forbidden, regionOfDocument } from '../auth/authorize.js';
import type { AuthenticatedPrincipal } from '../auth/principal.js';
import { materialsOnFile } from '../submission/materials-on-file.js';
import type { SubmissionRow } from '../submission/submission-store.js';
import { mayRead, toSubmission } from './submission-resolvers.js';

type Context = GatewayContext;

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The submission, if the caller may read it; else as absent as a missing one (no probing of ids). */
async function readable(context: Context, submissionId: string, field: string): Promise<{ principal: AuthenticatedPrincipal; row: SubmissionRow }> {
  const principal = authenticated(context.principal, field);
  const row = await context.submissions.store.byId(submissionId);
  if (!row || !mayRead(principal, row))
    throw new GraphQLError(`no submission ${submissionId}`, { extensions: { code: ErrorCode.ITEM_NOT_FOUND, field: 'submissionId' } });
  context.audit.touch(row.person_key);
  context.audit.submissionId = row.id;
  return { principal, row };
}

/** A person named by document, under the `person` rule (their own, a delegation in force, a clerk's region). */
export async function personOf(
  context: Context,
  args: { idType: IdDocumentType; idNumber: string },
  field: string,
): Promise<{ key: string; idNumber: string }> {
  const principal = authenticated(context.principal, field);
  const document = checkIdDocument(args.idType, args.idNumber, 'idNumber');
  const key = personKey(context.personKeySecret, args.idType, document.idNumber);
  context.audit.touch(key);
  await assertMayReadPerson(principal, { key, region: regionOfDocument(args.idType, document.idNumber) }, context.submissions.delegations);
  return { key, idNumber: document.idNumber };
}

export const materialsResolvers = {
  Query: {
    materialsOnFile: async (_: unknown, args: { idType: IdDocumentType; idNumber: string }, context: Context) => {
      const person = await personOf(context, args, 'materialsOnFile');
      const record = await context.submissions.sharedRecords.get(person.key, args.idType, person.idNumber);
      return materialsOnFile(context.catalog, record).map(({ material, source }) => ({ id: material.id, name: material.name, source }));
    },
    commitmentBreaches: async (_: unknown, args: { idType: IdDocumentType; idNumber: string }, context: Context) => {
      const person = await personOf(context, args, 'commitmentBreaches');
      return (await context.materials.store.dishonestyOf(person.key)).map((row) => ({
        submissionId: row.submission_id,
        itemCode: row.item_code,
        itemName: context.catalog.items.get(row.item_code)?.name ?? row.item_code,
        finding: row.finding,
        recordedAt: row.recorded_at.toISOString(),
      }));
    },
  },
  Mutation: {
    addSubmissionMaterial: async (_: unknown, args: { submissionId: string; itemCode: string; material: string }, context: Context) => {
      const { principal, row } = await readable(context, args.submissionId, 'addSubmissionMaterial');
      // A proxy adds to what they submitted only while the person's delegation for the item stands.
      if (principal.role === 'proxy' && !(await delegationFor(context.submissions.delegations, principal, row.person_key, [args.itemCode]))) {
        throw forbidden('no delegation in force from this person to the proxy for this item', 'itemCode');
      }
      await context.materials.addMaterial(row, args.itemCode, args.material, principal.subject);
      return toSubmission((await context.submissions.store.byId(row.id))!, context);
    },
    recordCommitmentVerification: async (
      _: unknown,
      args: { submissionId: string; itemCode: string; verification: { truthful: boolean; finding?: string | null; verifiedBy: string } },
      context: Context,
    ) => {
      const { row } = await readable(context, args.submissionId, 'recordCommitmentVerification');
      await context.materials.recordVerification(row, args.itemCode, args.verification);
      return toSubmission((await context.submissions.store.byId(row.id))!, context);
    },
  },
  SubmissionItem: {
    materials: async (item: { itemCode: string; submission: { id: string } }, _: unknown, context: Context) =>
      (await context.materialLoaders.materials.load(item.submission.id))
        .filter((m) => m.item_code === item.itemCode)
        .map((m) => ({
          id: m.material_id,
          name: context.catalog.materials.get(m.material_id)?.name ?? m.material_id,
          key: m.key,
          status: m.status,
          source: m.source,
          dueDate: m.due_date,
          suppliedAt: iso(m.supplied_at),
        })),
    commitment: async (item: { itemCode: string; submission: { id: string } }, _: unknown, context: Context) => {
      const row = (await context.materialLoaders.commitments.load(item.submission.id)).find((c) => c.item_code === item.itemCode);
      return row
        ? {
            materials: row.materials,
            status: row.status,
            verificationDueDate: row.verification_due,
            verifiedAt: iso(row.verified_at),
            finding: row.finding,
          }
        : null;
    },
  },
};
