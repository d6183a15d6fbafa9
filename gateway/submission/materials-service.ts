/**
 * 容缺受理, 告知承诺 and 免提交 on a submission: which materials each item was accepted with, the
 * material handed in later (addSubmissionMaterial), the deadline sweep that rejects an item whose
 * material never came, and the verification (核查) of a commitment, a false one revoking the item
 * and recorded on the person (失信).
 */
import { GraphQLError } from 'graphql';
import type { Catalog, MaterialNeed, SharedRecordSource } from '../../src/catalog/index.js';
import type { Database } from '../../src/db/database.js';
import { ErrorCode } from '../../src/errors.js';
import { todayInChina } from '../../src/policy/calendar.js';
import { addWorkingDays } from '../../src/policy/working-days.js';
import { MaterialsStore, type NewCommitmentRow, type NewMaterialRow } from './materials-store.js';
import type { SubmissionService } from './submission-service.js';
import { submissionStatus } from './submission-status.js';
import type { SubmissionRow, SubmissionStore } from './submission-store.js';

/** Local policy (schema/catalog/local-policy.yaml): the periods, in working days, and the days off. */
export interface MaterialPolicy {
  /** 容缺: working days to hand in a deferred material (materialDeferralDays). */
  readonly deferralDays: number;
  /** 告知承诺: working days to verify a commitment (commitmentVerificationDays). */
  readonly verificationDays: number;
  readonly holidays: ReadonlySet<string>;
}

/** Used when the deployment leaves a period unset (`value: null`): short rather than open-ended. */
export const SAFE_DEFAULT_DAYS = { deferralDays: 5, verificationDays: 20 } as const;

export function materialPolicyOf(catalog: Catalog, holidays: ReadonlySet<string>): MaterialPolicy {
  return {
    deferralDays: catalog.localPolicy.get('materialDeferralDays')?.value ?? SAFE_DEFAULT_DAYS.deferralDays,
    verificationDays: catalog.localPolicy.get('commitmentVerificationDays')?.value ?? SAFE_DEFAULT_DAYS.verificationDays,
    holidays,
  };
}

/** The rows a new submission's materials and commitments are stored as (with the submission, one transaction). */
export function materialRowsFor(
  needs: readonly MaterialNeed[],
  onFile: ReadonlyMap<string, SharedRecordSource>,
  policy: MaterialPolicy,
  now: Date = new Date(),
): { materials: NewMaterialRow[]; commitments: NewCommitmentRow[] } {
  const today = todayInChina(now);
  const deferredUntil = addWorkingDays(today, policy.deferralDays, policy.holidays);
  const materials: NewMaterialRow[] = needs.map((need) => {
    const status = need.status === 'DEFERRED' ? 'PENDING' : need.status === 'MISSING' ? 'PENDING' : need.status;
    return {
      item_code: need.itemCode,
      material_id: need.materialId,
      key: need.key,
      status,
      source: need.status === 'ON_FILE' ? (onFile.get(need.materialId) ?? null) : null,
      due_date: status === 'PENDING' ? deferredUntil : null,
    };
  });
  const committed = new Map<string, string[]>();
  for (const need of needs) if (need.status === 'COMMITTED') committed.set(need.itemCode, [...(committed.get(need.itemCode) ?? []), need.materialId]);
  const verificationDue = addWorkingDays(today, policy.verificationDays, policy.holidays);
  return {
    materials,
    commitments: [...committed].map(([itemCode, ids]) => ({ item_code: itemCode, materials: ids, verification_due: verificationDue })),
  };
}

const refuse = (code: ErrorCode, message: string, field: string) => new GraphQLError(message, { extensions: { code, field } });

/** Rejection codes of an item's outcome (`rejection.code`), with messages in src/messages. */
export const MaterialRejection = {
  /** 容缺: the deferred material did not come by its deadline. */
  MATERIAL_NOT_SUPPLIED: 'MATERIAL_NOT_SUPPLIED',
  /** 告知承诺: the commitment was found false; the item is REVOKED. */
  COMMITMENT_FALSE: 'COMMITMENT_FALSE',
} as const;
/** Who the deadline sweep decides as, in the item's history and the owning subgraph's decision. */
const SWEEP_ACTOR = 'system:容缺期限';

export class MaterialsService {
  readonly store: MaterialsStore;

  constructor(private readonly deps: { db: Database; catalog: Catalog; submissions: SubmissionService; submissionStore: SubmissionStore }) {
    this.store = new MaterialsStore(deps.db);
  }

  /**
   * A deferred material handed in: the item's pending material becomes SUPPLIED. The same material
   * again changes nothing; one not pending for the item (never asked, or lapsed) is MATERIAL_NOT_PENDING.
   */
  async addMaterial(submission: SubmissionRow, itemCode: string, materialId: string, by: string): Promise<void> {
    if (!this.deps.catalog.materials.has(materialId))
      throw refuse(ErrorCode.BAD_USER_INPUT, `material: unknown material ${JSON.stringify(materialId)}`, 'material');
    const rows = (await this.store.materials([submission.id])).filter((m) => m.item_code === itemCode);
    const items = await this.deps.submissionStore.items([submission.id]);
    if (!items.some((i) => i.item_code === itemCode)) throw refuse(ErrorCode.ITEM_NOT_FOUND, `no item ${itemCode} in submission ${submission.id}`, 'itemCode');
    const row = rows.find((m) => m.material_id === materialId);
    if (row?.status === 'SUPPLIED') return;
    if (!row || row.status !== 'PENDING' || !(await this.store.supply(submission.id, itemCode, materialId, by))) {
      throw refuse(
        ErrorCode.MATERIAL_NOT_PENDING,
        `${materialId} is not awaited for ${itemCode}${row ? ` (it is ${row.status})` : ''}: only a material accepted to follow (容缺) can be added`,
        'material',
      );
    }
    await this.store.note(submission.id, itemCode, `material ${materialId} handed in (容缺补齐) by ${by}`);
  }

  /** The counter may not complete an item while a material is still to follow. */
  async assertNothingPending(submissionId: string, itemCode: string): Promise<void> {
    const pending = (await this.store.materials([submissionId])).filter((m) => m.item_code === itemCode && m.status === 'PENDING');
    if (pending.length > 0) {
      throw refuse(
        ErrorCode.MATERIAL_PENDING,
        `${itemCode} awaits ${pending.map((m) => m.material_id).join(', ')} (容缺, due ${pending[0]!.due_date}): add it first`,
        'decision.outcome',
      );
    }
  }

  /**
   * One pass of the deadline sweep: every item whose deferred material is overdue on `now`'s date
   * in China is rejected (MATERIAL_NOT_SUPPLIED) in its subgraph and here, and the material LAPSED.
   * Safe on several replicas at once: a second decision of the same item is refused and skipped.
   * Items not yet dispatched wait for the next pass. Returns how many items it rejected.
   */
  async sweepDeadlines(now: Date = new Date(), limit = 100): Promise<number> {
    const overdue = await this.store.overdue(todayInChina(now), limit);
    const byItem = new Map<string, { submissionId: string; itemCode: string; materials: string[]; due: string }>();
    for (const m of overdue) {
      const id = `${m.submission_id}\u0000${m.item_code}`;
      const entry = byItem.get(id) ?? { submissionId: m.submission_id, itemCode: m.item_code, materials: [], due: m.due_date! };
      entry.materials.push(m.material_id);
      byItem.set(id, entry);
    }
    let rejected = 0;
    for (const { submissionId, itemCode, materials, due } of byItem.values()) {
      const [item] = (await this.deps.submissionStore.items([submissionId])).filter((i) => i.item_code === itemCode);
      if (!item || item.status === 'PENDING' || item.status === 'FAILED') continue;
      const names = materials.map((id) => this.deps.catalog.materials.get(id)?.name ?? id).join('、');
      const reason = `容缺材料未在 ${due} 前补齐：${names}`;
      if (item.status === 'ACCEPTED') {
        try {
          await this.deps.submissions.decide(submissionId, itemCode, { outcome: 'REJECT', reason, decidedBy: SWEEP_ACTOR });
        } catch (error) {
          // Decided meanwhile (another replica, or the counter): nothing left to reject.
          if ((error as GraphQLError).extensions?.code !== ErrorCode.ITEM_NOT_PENDING) throw error;
        }
        const [after] = (await this.deps.submissionStore.items([submissionId])).filter((i) => i.item_code === itemCode);
        if (after?.status === 'REJECTED') {
          await this.deps.submissionStore.updateItem(submissionId, itemCode, {
            rejection: { code: MaterialRejection.MATERIAL_NOT_SUPPLIED, message: reason, field: `materials.${materials[0]}` },
          });
          rejected += 1;
        }
      }
      await this.store.lapse(submissionId, itemCode);
    }
    return rejected;
  }

  /**
   * The verification (核查) of an item's commitment. True: recorded. False (with the finding): the
   * item's outcome is revoked (REVOKED, COMMITMENT_FALSE with the finding; an item still ACCEPTED is
   * rejected in its subgraph first) and a 失信 record is kept on the person. The same result again
   * changes nothing; a different one is COMMITMENT_ALREADY_VERIFIED.
   */
  async recordVerification(
    submission: SubmissionRow,
    itemCode: string,
    verification: { truthful: boolean; finding?: string | null; verifiedBy: string },
  ): Promise<void> {
    const finding = verification.finding?.trim() || null;
    const by = verification.verifiedBy.trim();
    if (!by) throw refuse(ErrorCode.BAD_USER_INPUT, 'verification.verifiedBy: blank', 'verification.verifiedBy');
    if (!verification.truthful && !finding)
      throw refuse(ErrorCode.BAD_USER_INPUT, 'verification.finding: a false commitment needs the finding', 'verification.finding');
    const [commitment] = (await this.store.commitments([submission.id])).filter((c) => c.item_code === itemCode);
    if (!commitment) throw refuse(ErrorCode.COMMITMENT_NOT_FOUND, `no commitment (告知承诺) was signed for ${itemCode} in this submission`, 'itemCode');
    if (commitment.status !== 'PENDING') {
      if ((commitment.status === 'TRUE') === verification.truthful && (verification.truthful || commitment.finding === finding)) return;
      throw refuse(ErrorCode.COMMITMENT_ALREADY_VERIFIED, `the commitment for ${itemCode} was verified ${commitment.status} already`, 'verification.truthful');
    }
    if (verification.truthful) {
      if (!(await this.store.verify(submission.id, itemCode, { truthful: true, by, finding })))
        throw refuse(ErrorCode.COMMITMENT_ALREADY_VERIFIED, `the commitment for ${itemCode} was verified meanwhile`, 'verification.truthful');
      await this.store.note(submission.id, itemCode, `commitment verified true (核查属实) by ${by}`);
      return;
    }
    const [item] = (await this.deps.submissionStore.items([submission.id])).filter((i) => i.item_code === itemCode);
    const reason = `告知承诺经核查不实：${finding}`;
    // What the back office still holds open is rejected there first (its record then says so).
    if (item?.status === 'ACCEPTED') {
      try {
        await this.deps.submissions.decide(submission.id, itemCode, { outcome: 'REJECT', reason, decidedBy: by });
      } catch (error) {
        if ((error as GraphQLError).extensions?.code !== ErrorCode.ITEM_NOT_PENDING) throw error;
      }
    }
    if (!(await this.store.verify(submission.id, itemCode, { truthful: false, by, finding })))
      throw refuse(ErrorCode.COMMITMENT_ALREADY_VERIFIED, `the commitment for ${itemCode} was verified meanwhile`, 'verification.truthful');
    await this.deps.submissionStore.updateItem(
      submission.id,
      itemCode,
      {
        status: 'REVOKED',
        rejection: { code: MaterialRejection.COMMITMENT_FALSE, message: reason, field: `commitments.${itemCode}` },
        finished_at: new Date(),
      },
      `revoked: commitment found false (核查不实) by ${by}`,
      (tx) =>
        this.store.recordDishonesty(tx, {
          person_key: submission.person_key,
          submission_id: submission.id,
          item_code: itemCode,
          finding: finding!,
          recorded_by: by,
        }),
    );
    const derived = submissionStatus(await this.deps.submissionStore.items([submission.id]));
    await this.deps.submissionStore.setStatus(submission.id, derived.status, derived.finished);
  }
}
