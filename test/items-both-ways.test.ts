import { describe, expect, it } from '@jest/globals';
import { loadCatalog } from '../src/catalog/index.js';
import { DEMO_EMPLOYERS, DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { addDays, todayInChina } from '../src/policy/calendar.js';
import { bothWays, itemOf, itemsOwnedBy, newcomer, type OneItem, type Row } from './support/both-ways.js';
import type { FormPerson } from './support/forms.js';
import { useStack } from './support/use-stack.js';

// Issue #11, "every item has at least one accepted and one rejected test through the gateway":
// each item the catalog gives to card, archive and civil-service, submitted through submitBundle
// once so that it is accepted (or completed) and once so that a rule of its subgraph rejects it.
// Preconditions (a card made and issued, an archive or membership held here, a transfer-in done)
// are set up through the gateway too: earlier submissions, recordCardMade, decideSubmissionItem.
const stack = useStack();
const catalog = loadCatalog();

const SUBGRAPHS = ['card', 'archive', 'civil-service'] as const;
const SOFTWARE = DEMO_EMPLOYERS.software.creditCode;
const HOSPITAL = DEMO_EMPLOYERS.hospital.creditCode;
const today = todayInChina();

const { submitOnly, submissionOf, complete, outcome } = bothWays(stack, catalog);

// ---- card: the lifecycle's preconditions through the gateway ----

const card = (person: FormPerson, item: string, fields: Record<string, unknown> = {}) =>
  outcome({ bundleCode: 'national-social-security-card', person, item, fields: { [item]: fields } });

async function cardNumberOf(person: FormPerson): Promise<string> {
  const { data, errors } = await stack.graphql<{ person: { socialSecurityCard: { cardNumber: string } | null } }>(
    `query ($t: IdDocumentType!, $n: String!) { person(idType: $t, idNumber: $n) { socialSecurityCard { cardNumber } } }`,
    { t: person.idType, n: person.idNumber },
  );
  expect(errors).toBeUndefined();
  return data!.person.socialSecurityCard!.cardNumber;
}

/** 申领 (APPLIED) → made (back office) → issued (the 申领 completed at the counter). */
async function issuedCard(person: FormPerson): Promise<void> {
  const application = await submitOnly({
    bundleCode: 'national-social-security-card',
    person,
    item: 'CARD_APPLICATION',
    fields: { CARD_APPLICATION: { deliveryMethod: 'PICKUP' } },
  });
  expect(itemOf(application, 'CARD_APPLICATION').status).toBe('ACCEPTED');
  const made = await stack.graphql<{ recordCardMade: { status: string } }>(
    'mutation ($n: String!) { recordCardMade(cardNumber: $n, madeBy: "factory-both-ways") { status } }',
    { n: await cardNumberOf(person) },
  );
  expect(made.errors).toBeUndefined();
  await complete(application, 'CARD_APPLICATION');
}

async function activeCard(person: FormPerson): Promise<void> {
  await issuedCard(person);
  expect((await card(person, 'CARD_ENABLE')).status).toBe('COMPLETED');
}

// ---- archive and civil-service: the forms ----

/** 用人单位招用 (national): the software company applies for its new hire, its handler 陈静. */
const employerHiring = (person: FormPerson, item: string, fields: Record<string, unknown> = {}): OneItem => ({
  bundleCode: 'national-employer-hiring',
  person,
  applicant: DEMO_PEOPLE.chenJing,
  employerCreditCode: SOFTWARE,
  item,
  fields: { [item]: fields },
});

/** 事业单位聘用工作人员 (national): the hospital applies for its new hire. */
const institutionHiring = (person: FormPerson, item: string, fields: Record<string, Record<string, unknown>> = {}, also: string[] = []): OneItem => ({
  bundleCode: 'national-institution-hiring',
  person,
  employerCreditCode: HOSPITAL,
  item,
  with: also,
  fields,
});

/** 高校毕业生 (Jiangsu): not yet hired, the talent agency receives the archive. */
const graduate = (person: FormPerson, item: string, fields: Record<string, unknown> = {}): OneItem => ({
  bundleCode: 'jiangsu-graduate',
  person,
  item,
  fields: {
    GRADUATE_RECEPTION: { receptionType: 'BY_TALENT_AGENCY' },
    [item]: { ...(item === 'GRADUATE_RECEPTION' ? { receptionType: 'BY_TALENT_AGENCY' } : {}), ...fields },
  },
});

/** 事业单位新进人员 (Jiangsu, SERIAL) by the hospital: its required items always, and the hiring procedures asked for. */
const NEW_STAFF_REQUIRED = ['STAFF_TRANSFER_IN', 'SALARY_CHANGE_APPROVAL', 'HIRE_APPROVAL_FILING', 'INSTITUTION_PENSION_STAFF_ADDITION'];
const newStaff = (person: FormPerson, item: string, fields: Record<string, Record<string, unknown>> = {}, procedures: string[] = []): OneItem => ({
  bundleCode: 'jiangsu-institution-new-staff',
  person,
  employerCreditCode: HOSPITAL,
  item,
  with: [...NEW_STAFF_REQUIRED, ...procedures],
  fields,
});

/** Receives the person's archive here (employer's 档案接收, completed): it is then held here. */
async function archiveHeld(person: FormPerson): Promise<void> {
  const reception = await submitOnly(employerHiring(person, 'ARCHIVE_TRANSFER_IN'));
  expect(itemOf(reception, 'ARCHIVE_TRANSFER_IN').status).toBe('ACCEPTED');
  await complete(reception, 'ARCHIVE_TRANSFER_IN');
}

// ---- the table: per item, how it is accepted and how a rule rejects it ----

const ROWS: Record<string, Row> = {
  // ---- card ----
  CARD_APPLICATION: {
    code: 'CARD_APPLICATION_OPEN',
    run: async () => {
      const person = newcomer();
      const accepted = await card(person, 'CARD_APPLICATION', { deliveryMethod: 'PICKUP' });
      return { accepted, rejected: await card(person, 'CARD_APPLICATION', { deliveryMethod: 'PICKUP' }) };
    },
  },
  CARD_ENABLE: {
    code: 'CARD_ALREADY_ENABLED',
    run: async () => {
      const person = newcomer();
      await issuedCard(person);
      const accepted = await card(person, 'CARD_ENABLE');
      return { accepted, rejected: await card(person, 'CARD_ENABLE') };
    },
  },
  CARD_PIN_RESET: {
    code: 'CARD_NOT_ENABLED',
    run: async () => {
      const person = newcomer();
      await issuedCard(person);
      // Issued but not enabled: the PIN is set when it is enabled.
      const rejected = await card(person, 'CARD_PIN_RESET', { operation: 'RESET' });
      expect((await card(person, 'CARD_ENABLE')).status).toBe('COMPLETED');
      return { rejected, accepted: await card(person, 'CARD_PIN_RESET', { operation: 'RESET' }) };
    },
  },
  CARD_LOSS_REPORT: {
    code: 'CARD_NOT_LOST',
    run: async () => {
      const person = newcomer();
      await activeCard(person);
      // 解挂 of a card not reported lost.
      const rejected = await card(person, 'CARD_LOSS_REPORT', { operation: 'UNLOCK' });
      return { rejected, accepted: await card(person, 'CARD_LOSS_REPORT', { operation: 'TEMPORARY_LOSS' }) };
    },
  },
  CARD_REISSUE: {
    code: 'CARD_NOT_LOST',
    run: async () => {
      const person = newcomer();
      await activeCard(person);
      // Reissue only after a loss report.
      const rejected = await card(person, 'CARD_REISSUE', { reason: '社保卡遗失' });
      expect((await card(person, 'CARD_LOSS_REPORT', { operation: 'FORMAL_LOSS' })).status).toBe('COMPLETED');
      return { rejected, accepted: await card(person, 'CARD_REISSUE', { reason: '社保卡遗失' }) };
    },
  },
  CARD_RENEWAL: {
    code: 'CARD_NOT_DUE_FOR_RENEWAL',
    run: async () => {
      const person = newcomer();
      await issuedCard(person);
      // A new card, far from its expiry, and not damaged.
      const rejected = await card(person, 'CARD_RENEWAL', { reason: '想换一张' });
      return { rejected, accepted: await card(person, 'CARD_RENEWAL', { reason: '芯片损坏' }) };
    },
  },
  CARD_REPLACEMENT: {
    code: 'NO_REPLACEMENT_GROUND',
    run: async () => {
      const person = newcomer();
      await activeCard(person);
      // Of the current generation and printed with the holder's name: no ground for 换发.
      const rejected = await card(person, 'CARD_REPLACEMENT', { reason: '换发' });
      // The holder's name changed since the card was printed (the form names them by the new one).
      const renamed = { ...person, name: `${person.name}改` };
      return { rejected, accepted: await card(renamed, 'CARD_REPLACEMENT', { reason: '姓名变更' }) };
    },
  },
  CARD_BANK_ACTIVATION: {
    code: 'BANK_ACCOUNT_ALREADY_ACTIVATED',
    run: async () => {
      // 王芳's demo card carries an activated bank account. A new card has a bank account only when it
      // replaces one (it keeps that card's bank): renewed for damage, issued, enabled, then activated.
      const person = DEMO_PEOPLE.wangFang;
      const rejected = await card(person, 'CARD_BANK_ACTIVATION');
      const renewal = await submitOnly({
        bundleCode: 'national-social-security-card',
        person,
        item: 'CARD_RENEWAL',
        fields: { CARD_RENEWAL: { reason: '芯片损坏' } },
      });
      expect(itemOf(renewal, 'CARD_RENEWAL').status).toBe('ACCEPTED');
      await complete(renewal, 'CARD_RENEWAL');
      expect((await card(person, 'CARD_ENABLE')).status).toBe('COMPLETED');
      return { rejected, accepted: await card(person, 'CARD_BANK_ACTIVATION') };
    },
  },
  CARD_CANCELLATION: {
    code: 'NO_CARD_IN_FORCE',
    run: async () => {
      // 退休人员过世 (national): the family member (刘洋) applies for the deceased.
      const death = (deceased: FormPerson): OneItem => ({
        bundleCode: 'national-retiree-death',
        person: deceased,
        applicant: DEMO_PEOPLE.liuYang,
        item: 'CARD_CANCELLATION',
      });
      const rejected = await outcome(death(newcomer({ gender: 'MALE' })));
      const holder = newcomer({ gender: 'MALE' });
      await activeCard(holder);
      return { rejected, accepted: await outcome(death(holder)) };
    },
  },

  // ---- archive ----
  ARCHIVE_TRANSFER_IN: {
    code: 'ARCHIVE_ALREADY_HELD',
    run: async () => {
      const person = newcomer();
      const submission = await submitOnly(employerHiring(person, 'ARCHIVE_TRANSFER_IN'));
      const accepted = itemOf(submission, 'ARCHIVE_TRANSFER_IN');
      await complete(submission, 'ARCHIVE_TRANSFER_IN');
      // Held here now: an archive has one holder at a time.
      return { accepted, rejected: await outcome(employerHiring(person, 'ARCHIVE_TRANSFER_IN')) };
    },
  },
  ARCHIVE_TRANSFER_OUT: {
    code: 'TRANSFER_LETTER_DATE_IN_FUTURE',
    run: async () => {
      const person = newcomer();
      await archiveHeld(person);
      const rejected = await outcome(institutionHiring(person, 'ARCHIVE_TRANSFER_OUT', { ARCHIVE_TRANSFER_OUT: { transferLetterDate: addDays(today, 1) } }));
      return { rejected, accepted: await outcome(institutionHiring(person, 'ARCHIVE_TRANSFER_OUT', { ARCHIVE_TRANSFER_OUT: { transferLetterDate: today } })) };
    },
  },
  PARTY_MEMBERSHIP_TRANSFER_IN: {
    code: 'JOIN_DATE_IN_FUTURE',
    run: async () => {
      const person = newcomer();
      const rejected = await outcome(employerHiring(person, 'PARTY_MEMBERSHIP_TRANSFER_IN', { partyJoinDate: addDays(today, 1) }));
      return { rejected, accepted: await outcome(employerHiring(person, 'PARTY_MEMBERSHIP_TRANSFER_IN')) };
    },
  },
  PARTY_MEMBERSHIP_TRANSFER_OUT: {
    code: 'PARTY_MEMBERSHIP_NOT_HELD',
    run: async () => {
      const person = newcomer();
      const rejected = await outcome(institutionHiring(person, 'PARTY_MEMBERSHIP_TRANSFER_OUT'));
      // The membership received here (转入, completed) can be sent on.
      const transferIn = await submitOnly(employerHiring(person, 'PARTY_MEMBERSHIP_TRANSFER_IN'));
      expect(itemOf(transferIn, 'PARTY_MEMBERSHIP_TRANSFER_IN').status).toBe('ACCEPTED');
      await complete(transferIn, 'PARTY_MEMBERSHIP_TRANSFER_IN');
      return { rejected, accepted: await outcome(institutionHiring(person, 'PARTY_MEMBERSHIP_TRANSFER_OUT')) };
    },
  },
  GRADUATE_RECEPTION: {
    code: 'EMPLOYER_REQUIRED',
    run: async () => {
      const person = newcomer();
      // A reception by the employer, with no employer applying.
      const rejected = await outcome(graduate(person, 'GRADUATE_RECEPTION', { receptionType: 'BY_EMPLOYER' }));
      const accepted = await outcome(graduate(person, 'GRADUATE_RECEPTION', { receptionType: 'BY_TALENT_AGENCY' }));
      return { rejected, accepted };
    },
  },
  MOBILE_TALENT_PARTY_MANAGEMENT: {
    code: 'PARTY_MEMBERSHIP_ALREADY_HELD',
    run: async () => {
      const accepted = await outcome(graduate(newcomer(), 'MOBILE_TALENT_PARTY_MANAGEMENT'));
      // A member whose membership is held here is no floating member.
      const member = newcomer();
      const transferIn = await submitOnly(employerHiring(member, 'PARTY_MEMBERSHIP_TRANSFER_IN'));
      await complete(transferIn, 'PARTY_MEMBERSHIP_TRANSFER_IN');
      return { accepted, rejected: await outcome(graduate(member, 'MOBILE_TALENT_PARTY_MANAGEMENT')) };
    },
  },
  TALENT_COLLECTIVE_HUKOU: {
    code: 'ARCHIVE_NOT_HELD',
    run: async () => {
      const person = newcomer();
      const rejected = await outcome(graduate(person, 'TALENT_COLLECTIVE_HUKOU'));
      await archiveHeld(person);
      return { rejected, accepted: await outcome(graduate(person, 'TALENT_COLLECTIVE_HUKOU')) };
    },
  },

  // ---- civil-service ----
  NEW_HIRE_INFO: {
    code: 'TERM_END_BEFORE_START',
    run: async () => {
      const person = newcomer();
      const termStart = addDays(today, 5);
      const rejected = await outcome(institutionHiring(person, 'NEW_HIRE_INFO', { NEW_HIRE_INFO: { termStart, termEnd: termStart } }));
      return { rejected, accepted: await outcome(institutionHiring(person, 'NEW_HIRE_INFO')) };
    },
  },
  NEW_HIRE_SALARY_APPROVAL: {
    code: 'SALARY_APPROVAL_OPEN',
    run: async () => {
      const person = newcomer();
      // Determined on the appointment of the same submission.
      const accepted = await outcome(institutionHiring(person, 'NEW_HIRE_SALARY_APPROVAL', {}, ['NEW_HIRE_INFO']));
      return { accepted, rejected: await outcome(institutionHiring(person, 'NEW_HIRE_SALARY_APPROVAL')) };
    },
  },
  STAFF_TRANSFER_IN: {
    code: 'POST_GRADE_INVALID',
    run: async () => {
      // A 管理 grade on a 专业技术 post.
      const rejected = await outcome(
        newStaff(newcomer(), 'STAFF_TRANSFER_IN', { STAFF_TRANSFER_IN: { postCategory: 'PROFESSIONAL_TECHNICAL', postGrade: '管理九级' } }),
      );
      return { rejected, accepted: await outcome(newStaff(newcomer(), 'STAFF_TRANSFER_IN')) };
    },
  },
  SALARY_CHANGE_APPROVAL: {
    code: 'EFFECTIVE_BEFORE_START',
    run: async () => {
      // The change takes effect the day before the transfer-in it rests on.
      const transferDate = addDays(today, -30);
      const rejected = await outcome(
        newStaff(newcomer(), 'SALARY_CHANGE_APPROVAL', {
          STAFF_TRANSFER_IN: { transferDate },
          SALARY_CHANGE_APPROVAL: { effectiveDate: addDays(transferDate, -1) },
        }),
      );
      return { rejected, accepted: await outcome(newStaff(newcomer(), 'SALARY_CHANGE_APPROVAL')) };
    },
  },
  HIRE_APPROVAL_FILING: {
    code: 'TERM_END_BEFORE_START',
    run: async () => {
      const termStart = addDays(today, 5);
      const rejected = await outcome(newStaff(newcomer(), 'HIRE_APPROVAL_FILING', { HIRE_APPROVAL_FILING: { termStart, termEnd: termStart } }));
      return { rejected, accepted: await outcome(newStaff(newcomer(), 'HIRE_APPROVAL_FILING')) };
    },
  },
  HIRE_GRADUATE_PROCEDURE: {
    code: 'HIRE_PROCEDURE_CONFLICT',
    run: async () => {
      const accepted = await outcome(newStaff(newcomer(), 'HIRE_GRADUATE_PROCEDURE', {}, ['HIRE_GRADUATE_PROCEDURE']));
      // Hired as a floating talent first: the transfer-in and salary change completed, so a second
      // submission passes its required items and reaches the graduate procedure, which conflicts.
      const person = newcomer();
      // The serial case is left waiting on the procedure: it is still being handled (open).
      const first = await submitOnly(newStaff(person, 'HIRE_MOBILE_TALENT_PROCEDURE', {}, ['HIRE_MOBILE_TALENT_PROCEDURE']), { finish: false });
      expect(itemOf(first, 'HIRE_MOBILE_TALENT_PROCEDURE').status).toBe('WAITING');
      await complete(first, 'STAFF_TRANSFER_IN');
      await complete(first, 'SALARY_CHANGE_APPROVAL');
      expect(itemOf(await submissionOf(first), 'HIRE_MOBILE_TALENT_PROCEDURE').status).toBe('ACCEPTED');
      return { accepted, rejected: await outcome(newStaff(person, 'HIRE_GRADUATE_PROCEDURE', {}, ['HIRE_GRADUATE_PROCEDURE'])) };
    },
  },
  HIRE_MOBILE_TALENT_PROCEDURE: {
    code: 'HIRE_PROCEDURE_CONFLICT',
    run: async () => {
      const accepted = await outcome(newStaff(newcomer(), 'HIRE_MOBILE_TALENT_PROCEDURE', {}, ['HIRE_MOBILE_TALENT_PROCEDURE']));
      // One hiring procedure per new hire: the graduate procedure comes first in the bundle.
      const both = await submitOnly(newStaff(newcomer(), 'HIRE_MOBILE_TALENT_PROCEDURE', {}, ['HIRE_GRADUATE_PROCEDURE', 'HIRE_MOBILE_TALENT_PROCEDURE']));
      expect(itemOf(both, 'HIRE_GRADUATE_PROCEDURE').status).toBe('COMPLETED');
      return { accepted, rejected: itemOf(both, 'HIRE_MOBILE_TALENT_PROCEDURE') };
    },
  },
  HIRE_RETURNEE_PROCEDURE: {
    code: 'STUDY_COUNTRY_INVALID',
    run: async () => {
      const rejected = await outcome(
        newStaff(newcomer(), 'HIRE_RETURNEE_PROCEDURE', { HIRE_RETURNEE_PROCEDURE: { studyCountry: '中国' } }, ['HIRE_RETURNEE_PROCEDURE']),
      );
      return {
        rejected,
        accepted: await outcome(
          newStaff(newcomer(), 'HIRE_RETURNEE_PROCEDURE', { HIRE_RETURNEE_PROCEDURE: { studyCountry: '英国' } }, ['HIRE_RETURNEE_PROCEDURE']),
        ),
      };
    },
  },
};

const OWNED = itemsOwnedBy(catalog, SUBGRAPHS);

describe('every item of card, archive and civil-service, accepted and rejected through the gateway', () => {
  it('has a row for every item the catalog gives to these subgraphs, and none for another', () => {
    expect(OWNED.length).toBeGreaterThan(0);
    expect(Object.keys(ROWS).sort()).toEqual(OWNED);
  });

  it.each(Object.keys(ROWS))('%s', async (code) => {
    const row = ROWS[code]!;
    const { accepted, rejected } = await row.run();
    expect(accepted.itemCode).toBe(code);
    expect(['ACCEPTED', 'COMPLETED']).toContain(accepted.status);
    expect(accepted.rejection).toBeNull();
    expect(rejected).toMatchObject({ itemCode: code, status: 'REJECTED', rejection: { code: row.code } });
  });
});
