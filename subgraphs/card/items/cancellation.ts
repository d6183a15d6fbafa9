/**
 * CARD_CANCELLATION (社会保障卡社保功能注销), TIME_LIMITED (set by local policy): after the
 * holder's death a family member (代办人) applies with the death certificate; completing it
 * cancels the card in whatever state it is (注销: any → CANCELLED), and the electronic card's
 * personal services stop with it (经办条例 art. 7). The card's bank function is the bank's and
 * stays with it. Whose card it is (the deceased as the bundle's subject) is the gateway's part:
 * here, the dispatch's applicant is the holder and the agent is named in the shared fields.
 */
import { rejected } from '../../../src/subgraph/item-ledger.js';
import { todayInChina } from '../../../src/policy/calendar.js';
import type { CardItemHandlers } from '../generated/items.js';
import { cancellations } from '../records.js';
import { cardWrites } from '../writes.js';

const sharedString = (shared: Record<string, unknown> | null | undefined, name: string): string | null => {
  const value = shared?.[name];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
};

/** The agent's fields the item asks for (schema/catalog/items/card.yaml sharedFields). */
const AGENT_FIELDS = ['agentName', 'agentIdNumber', 'agentRelationship'] as const;

export const cancellationHandlers = {
  CARD_CANCELLATION: async (tx, _input, dispatch) => {
    const code = dispatch.itemCode;
    const shared = dispatch.sharedFields;
    const { applicant } = dispatch;
    const deathDate = sharedString(shared, 'deathDate');
    if (!deathDate)
      return rejected(code, 'DEATH_NOT_RECORDED', '注销 after death needs the date of death on the form (死亡时间), and the death certificate', 'deathDate');
    if (deathDate > todayInChina()) return rejected(code, 'DEATH_DATE_IN_FUTURE', `死亡时间 ${deathDate} is after today`, 'deathDate');
    if (deathDate < applicant.birthDate) return rejected(code, 'DEATH_BEFORE_BIRTH', `死亡时间 ${deathDate} is before the holder's birth`, 'deathDate');
    const missing = AGENT_FIELDS.find((name) => !sharedString(shared, name));
    if (missing) return rejected(code, 'AGENT_REQUIRED', 'a family member applies for the deceased: name the agent, their ID number and relation', missing);
    const agentIdNumber = sharedString(shared, 'agentIdNumber')!;
    if (agentIdNumber.toUpperCase() === applicant.idNumber.toUpperCase()) {
      return rejected(code, 'AGENT_IS_HOLDER', 'the agent must be someone other than the deceased holder', 'agentIdNumber');
    }
    const card = await cardWrites.lockCardInForce(tx, applicant.personId);
    if (!card) return rejected(code, 'NO_CARD_IN_FORCE', 'the holder has no social security card in force to cancel');
    if (await cancellations.hasOpen(tx, applicant.personId)) return rejected(code, 'CANCELLATION_OPEN', 'a cancellation of this card is already being handled');
    const number = await cancellations.insert(tx, dispatch, {
      person_key: applicant.personId,
      card_number: card.card_number,
      death_date: deathDate,
      agent_name: sharedString(shared, 'agentName'),
      agent_id_number: agentIdNumber,
      agent_phone: sharedString(shared, 'agentPhone'),
      agent_relationship: sharedString(shared, 'agentRelationship'),
      submission_id: dispatch.submissionId ?? null,
    });
    return cancellations.accepted(dispatch, number);
  },
} satisfies Partial<CardItemHandlers>;
