import { randomUUID } from 'node:crypto';
import { entriesFor, type Catalog, type FieldDef, type PersonFields } from '../../src/catalog/index.js';
import { DEMO_EMPLOYERS, DEMO_PEOPLE, type DemoPerson } from '../../src/demo/demo-data.js';
import { addDays, todayInChina } from '../../src/policy/calendar.js';

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

/** An employer's handler (单位经办人), the applicant of an employer's bundle, with their own document. */
export const handlerOf = (person: DemoPerson) => ({
  contactName: person.name,
  contactPhone: person.phone,
  contactIdType: person.idType,
  contactIdNumber: person.idNumber,
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

/** Dates a rule places in the past or the future, in days from today. */
const DAYS_FROM_TODAY: Record<string, number> = {
  arrearsFrom: -400,
  arrearsTo: -60,
  partyJoinDate: -1500,
  leaseStartDate: -60,
  leaseEndDate: 300,
  deathDate: -10,
  graduationDate: -150,
  establishedDate: -90,
  closureDate: -20,
  terminationDate: -1,
  reductionDate: -1,
};

/** Anyone a form may name: a demo person, or a newcomer with a generated document. */
export type FormPerson = Pick<DemoPerson, 'idType' | 'idNumber' | 'name' | 'gender' | 'birthDate' | 'phone'>;

export interface WholeForm {
  readonly bundleCode: string;
  readonly scenario?: string;
  /** The person the items are about (the worker of an employer's bundle, the one who died …). */
  readonly person: FormPerson;
  /** The one who applies, when not the person: a family member, an employer's handler. */
  readonly applicant?: FormPerson;
  readonly employerCreditCode?: string;
  /** Shared fields beyond the generated ones (or instead of them). */
  readonly shared?: Record<string, unknown>;
  /** Item fields beyond the generated ones, by item code. */
  readonly fields?: Record<string, Record<string, unknown>>;
  /** Items left out (every other item the applicant can tick is chosen). */
  readonly without?: readonly string[];
}

/**
 * A valid application of a whole bundle (or scenario): every item the applicant can tick chosen,
 * every shared and item field given a value of its type (overridden by `shared` and `fields`), the
 * roles' fields filled from `person` and `applicant` as the catalog names them, and every
 * material the chosen items may ask for.
 */
export function wholeApplication(catalog: Catalog, form: WholeForm) {
  const bundle = catalog.bundles.get(form.bundleCode)!;
  const scenario = form.scenario ? bundle.scenarios.find((s) => s.code === form.scenario)! : null;
  // Automatic items are listed too when the bundle asks fields of theirs (the rules add them; their fields come from the form).
  // Only the fields the bundle asks (its source's list), not every field of the item.
  const entries = entriesFor(bundle, scenario).filter((e) => (e.selection !== 'AUTOMATIC' || e.fields.length > 0) && !form.without?.includes(e.code));
  const roles = (scenario ?? bundle).roles;
  const today = todayInChina();
  const valueOf = (field: FieldDef): unknown => {
    switch (field.type) {
      case 'STRING':
      case 'TEXT':
        // 三级 is a grade of every post category (管理, 专业技术, 技术工).
        if (field.name === 'postGrade') return '三级';
        return `示例${field.label}`.slice(0, 40);
      case 'ADDRESS':
        return '江苏省南京市玄武区示例路8号';
      case 'DATE':
        if (field.name in DAYS_FROM_TODAY) return addDays(today, DAYS_FROM_TODAY[field.name]!);
        // Starts and ends lie ahead; other dates (events that happened) a month back.
        return /End|Until|To$/.test(field.name)
          ? addDays(today, 400)
          : /Start|From$|effective|report|interview|preferred/i.test(field.name)
            ? addDays(today, 5)
            : addDays(today, -30);
      case 'BOOLEAN':
        return false;
      case 'INT':
        return field.name === 'contributionGrade' ? 60 : 1;
      case 'MONEY':
        return '3000';
      case 'PHONE':
        return '13900000009';
      case 'ID_NUMBER':
        return DEMO_PEOPLE.liNa.idNumber;
      case 'BANK_ACCOUNT':
        return '6222020200112233445';
      case 'REGION_CODE':
        return '320102';
      case 'CREDIT_CODE':
        return form.employerCreditCode ?? DEMO_EMPLOYERS.software.creditCode;
      case 'ENUM':
        return field.values![0]!.value;
      case 'ENUM_LIST':
        return [field.values![0]!.value];
    }
  };
  const shared: Record<string, unknown> = {};
  const sharedDefs = [...bundle.sharedFields.map((s) => s.field), ...entries.flatMap((e) => e.item.sharedFields)];
  for (const field of sharedDefs) shared[field.name] = valueOf(field);
  const asked = new Set(sharedDefs.map((f) => f.name));
  const put = (who: FormPerson, fields: PersonFields) => {
    for (const key of ['idType', 'idNumber', 'name', 'gender', 'birthDate', 'phone'] as const) {
      const name = fields[key];
      if (name && asked.has(name)) shared[name] = who[key];
    }
  };
  put(form.person, roles.person);
  if (roles.applicant.kind !== 'SUBJECT' && roles.applicant.person !== roles.person) put(form.applicant ?? form.person, roles.applicant.person);
  if ('creditCode' in shared && form.employerCreditCode) shared.creditCode = form.employerCreditCode;
  const materials = new Set(entries.flatMap((e) => e.item.materials.map((m) => m.material.id)));
  return {
    idempotencyKey: randomUUID(),
    bundleCode: bundle.code,
    ...(scenario ? { scenario: scenario.code } : {}),
    channel: 'COUNTER',
    ...(form.employerCreditCode ? { employerCreditCode: form.employerCreditCode } : {}),
    sharedFields: { ...shared, ...form.shared },
    items: entries.map((e) => ({
      code: e.code,
      fields: { ...Object.fromEntries(e.fields.map((f) => [f.name, valueOf(f)])), ...form.fields?.[e.code] },
    })),
    materials: [...materials],
    commitments: [],
  };
}
