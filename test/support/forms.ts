import { randomUUID } from 'node:crypto';
import type { DemoPerson } from '../../src/demo/demo-data.js';

/** The submission selection of the tests: everything the Submission type answers. */
export const SUBMISSION_FIELDS = `id bundleCode scenario mode status channel employerCreditCode timeLimitWorkingDays person { id }
  items { itemCode selection addedReason owner status reference rejection { code message field } skipReason attempts acceptedAt dueDate finishedAt metDueDate record { __typename } }
  history { itemCode from to detail }`;

export const SUBMIT = `mutation Submit($input: SubmitBundleInput!) { submitBundle(input: $input) { ${SUBMISSION_FIELDS} } }`;

export interface SubmittedItem {
  itemCode: string;
  selection: string;
  addedReason: string | null;
  owner: string;
  status: string;
  reference: string | null;
  rejection: { code: string; message: string; field: string | null } | null;
  skipReason: string | null;
  attempts: number;
  dueDate: string | null;
  metDueDate: boolean | null;
  record: { __typename: string } | null;
}

export interface Submitted {
  id: string;
  bundleCode: string;
  status: string;
  mode: string;
  person: { id: string };
  timeLimitWorkingDays: number | null;
  items: SubmittedItem[];
  history: { itemCode: string | null; from: string | null; to: string; detail: string | null }[];
}

const basics = (person: DemoPerson) => ({
  name: person.name,
  gender: person.gender,
  idType: person.idType,
  idNumber: person.idNumber,
  idValidUntil: '2035-01-01',
  phone: person.phone,
});

/** 失业“一件事” (national): the shared part and every item's own fields. */
export function unemploymentApplication(person: DemoPerson, items: readonly string[], overrides: Record<string, unknown> = {}) {
  const fields: Record<string, Record<string, unknown>> = {
    EMPLOYMENT_CERTIFICATE: { paperCertificate: false },
    EMPLOYMENT_DIFFICULTY_RECOGNITION: { difficultyCategory: 'LONG_TERM_UNEMPLOYED' },
    UNEMPLOYMENT_BENEFIT: {},
    JOB_INTRODUCTION: { desiredJob: '软件测试', expectedMonthlySalary: '8000', desiredRegion: '南京市', resumeVisibility: 'APPLIED_EMPLOYERS_ONLY' },
    FLEXIBLE_EMPLOYMENT_INSURANCE: { insuranceTypes: ['ENTERPRISE_PENSION'], startDate: '2025-12-01', contributionGrade: 60 },
    CARD_APPLICATION: { deliveryMethod: 'PICKUP' },
  };
  return {
    idempotencyKey: randomUUID(),
    bundleCode: 'national-unemployment',
    channel: 'ONLINE',
    sharedFields: {
      ...basics(person),
      unemploymentType: 'CONTRACT_EXPIRED',
      formerEmployer: '南京示例软件有限公司',
      unemploymentDate: '2025-10-31',
      householdAddress: person.householdAddress,
      residenceAddress: person.residenceAddress,
    },
    items: items.map((code) => ({ code, fields: fields[code] ?? {} })),
    materials: ['termination-proof', 'photo-2inch', 'difficulty-category-proof', 'training-certificate'],
    commitments: [],
    ...overrides,
  };
}

/** 申领社会保障卡“一件事” (national). */
export function cardApplication(
  person: DemoPerson,
  items: ReadonlyArray<{ code: string; fields?: Record<string, unknown> }>,
  overrides: Record<string, unknown> = {},
) {
  return {
    idempotencyKey: randomUUID(),
    bundleCode: 'national-social-security-card',
    channel: 'COUNTER',
    sharedFields: {
      ...basics(person),
      nationality: '中国',
      ethnicity: person.ethnicity,
      occupation: '职员',
      domicileOrWorkAddress: person.residenceAddress,
    },
    items: items.map((i) => ({ code: i.code, fields: i.fields ?? {} })),
    materials: ['photo-2inch'],
    commitments: [],
    ...overrides,
  };
}

/** 事业单位聘用工作人员“一件事” (national): the institution applies for its new hire. */
export function institutionHiringApplication(
  person: DemoPerson,
  employerCreditCode: string,
  items: ReadonlyArray<{ code: string; fields?: Record<string, unknown> }>,
  overrides: Record<string, unknown> = {},
) {
  return {
    idempotencyKey: randomUUID(),
    bundleCode: 'national-institution-hiring',
    channel: 'ONLINE',
    employerCreditCode,
    sharedFields: {
      ...basics(person),
      birthDate: person.birthDate,
      unitName: '苏州市吴中区示例医院',
      householdType: 'URBAN',
      householdRegistrationPlace: person.householdAddress,
      educationLevel: 'BACHELOR',
      degree: 'BACHELOR',
      graduateSchool: '示例大学',
    },
    items: items.map((i) => ({ code: i.code, fields: i.fields ?? {} })),
    materials: ['employment-contract', 'photo-2inch', 'contribution-certificate', 'military-pension-certificate', 'archive-transfer-letter'],
    commitments: [],
    ...overrides,
  };
}
