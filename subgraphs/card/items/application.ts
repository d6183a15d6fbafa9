import type { CardItemHandlers } from '../generated/items.js';
import { cardRejected, sharedText } from '../rules.js';
import { applications } from '../records.js';
import { byDispatch, cardWrites } from '../writes.js';

/** CARD_APPLICATION (申领): accepted, the card APPLIED; made in the back office, issued when the counter completes it. */
/** The shared fields of a card sent by post (schema/catalog/shared-fields.yaml), in the order of the delivery_* columns. */
const MAILING_FIELDS = ['mailingAddress', 'mailingRecipient', 'mailingPhone'] as const;

export const applicationHandlers = {
  CARD_APPLICATION: async (tx, input, dispatch) => {
    const { applicant } = dispatch;
    if (await applications.hasOpen(tx, applicant.personId)) {
      return cardRejected(dispatch, 'CARD_APPLICATION_OPEN', 'an earlier card application of the applicant is still being handled');
    }
    // One card in force per person (经办条例 art. 7): a holder asks for 补领 or 换领 instead.
    if (await cardWrites.cardInForce(tx, applicant.personId)) {
      return cardRejected(dispatch, 'CARD_ALREADY_HELD', 'the applicant already holds a social security card in force: apply for 补领 or 换领 instead');
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
    // By post: the address is the bundle's one mailing address (shared fields), never asked twice.
    const mailed = input.deliveryMethod === 'MAIL';
    const mailing = mailed ? MAILING_FIELDS.map((name) => sharedText(dispatch.sharedFields, name)) : [null, null, null];
    const missing = MAILING_FIELDS.find((_, i) => mailed && !mailing[i]);
    if (missing) {
      return cardRejected(
        dispatch,
        'MAILING_ADDRESS_REQUIRED',
        '领卡方式 is 邮寄: give the mailing address, recipient and phone in the shared fields',
        `sharedFields.${missing}`,
      );
    }
    const cardNumber = await cardWrites.createCard(tx, applicant.personId, 'APPLIED', byDispatch(dispatch, 'APPLIED'));
    const number = await applications.insert(tx, dispatch, {
      person_key: applicant.personId,
      delivery_method: input.deliveryMethod,
      delivery_address: mailing[0],
      delivery_recipient: mailing[1],
      delivery_phone: mailing[2],
      issued_card_number: cardNumber,
    });
    return applications.accepted(dispatch, number);
  },
} satisfies Partial<CardItemHandlers>;
