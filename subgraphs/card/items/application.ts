import type { CardItemHandlers } from '../generated/items.js';
import { cardRejected } from '../rules.js';
import { applications } from '../records.js';
import { cardWrites } from '../writes.js';

/** CARD_APPLICATION (申领): accepted, the card issued when the counter completes it. */
export const applicationHandlers = {
  CARD_APPLICATION: async (tx, input, dispatch) => {
    const { applicant } = dispatch;
    // One card in force per person (经办条例 art. 7): a holder asks for 补领 or 换领 instead.
    if (await cardWrites.cardInForce(tx, applicant.personId)) {
      return cardRejected(dispatch, 'CARD_ALREADY_HELD', 'the applicant already holds a social security card in force: apply for 补领 or 换领 instead');
    }
    if (await applications.hasOpen(tx, applicant.personId)) {
      return cardRejected(dispatch, 'CARD_APPLICATION_OPEN', 'an earlier card application of the applicant is still being handled');
    }
    // The card owns the base identity: a first-time applicant's identity is recorded here.
    await cardWrites.ensurePerson(tx, {
      person_key: applicant.personId,
      name: applicant.name,
      gender: applicant.gender,
      birth_date: applicant.birthDate,
      id_type: applicant.idType,
      id_number: applicant.idNumber,
      phone: applicant.phone ?? null,
      household_address: (dispatch.sharedFields?.householdAddress as string | undefined) ?? null,
      residence_address: (dispatch.sharedFields?.residenceAddress as string | undefined) ?? null,
      ethnicity: (dispatch.sharedFields?.ethnicity as string | undefined) ?? null,
    });
    const mailed = input.deliveryMethod === 'MAIL';
    const number = await applications.insert(tx, dispatch, {
      person_key: applicant.personId,
      delivery_method: input.deliveryMethod,
      delivery_address: mailed ? (input.deliveryAddress ?? null) : null,
      delivery_recipient: mailed ? (input.deliveryRecipient ?? null) : null,
      delivery_phone: mailed ? (input.deliveryPhone ?? null) : null,
    });
    return applications.accepted(dispatch, number);
  },
} satisfies Partial<CardItemHandlers>;
