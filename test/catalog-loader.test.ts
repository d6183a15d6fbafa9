/**
 * Broken copies of the real catalog in a temp dir must fail loading with one CatalogError
 * (code CATALOG_INVALID) that names the file and the path of every fault.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { CatalogError, defaultCatalogDir, loadCatalog } from '../src/catalog/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'catalog-'));
  cpSync(defaultCatalogDir(), dir, { recursive: true });
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function edit(file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture: "${from}" not found in ${file}`);
  writeFileSync(path, text.replace(from, to));
}

function loadError(): CatalogError {
  try {
    loadCatalog(dir);
  } catch (e) {
    if (e instanceof CatalogError) return e;
    throw e;
  }
  throw new Error('expected the catalog to fail loading');
}

describe('loadCatalog on a broken catalog', () => {
  it('loads the unbroken copy (control)', () => {
    expect(loadCatalog(dir).bundles.size).toBe(24);
  });

  it('reports an unknown subgraph with file and path', () => {
    edit(
      'items/card.yaml',
      'subgraph: card\n    applicantKind: [PERSON]\n    handling: {kind: TIME_LIMITED, workingDays: {localPolicy: cardProductionDays}, basis: set by local policy}\n    commitmentAllowed: false\n    materials: [{id: photo-2inch, key: true}]  # the card is made from it: key here\n    mutation: reissueSocialSecurityCard',
      'subgraph: cards\n    applicantKind: [PERSON]\n    handling: {kind: TIME_LIMITED, workingDays: {localPolicy: cardProductionDays}, basis: set by local policy}\n    commitmentAllowed: false\n    materials: [{id: photo-2inch, key: true}]  # the card is made from it: key here\n    mutation: reissueSocialSecurityCard',
    );
    const err = loadError();
    expect(err.code).toBe('CATALOG_INVALID');
    expect(err.message).toContain(
      `${join(dir, 'items/card.yaml')}: items[1].subgraph: expected one of employment | insurance | card | archive | civil-service, got "cards"`,
    );
  });

  it('reports a duplicate item code, naming where it was first defined', () => {
    edit('items/archive.yaml', 'code: ARCHIVE_TRANSFER_OUT', 'code: ARCHIVE_TRANSFER_IN');
    const err = loadError();
    expect(err.faults).toContainEqual({
      file: join(dir, 'items/archive.yaml'),
      path: 'items[1].code',
      message: `duplicate item code "ARCHIVE_TRANSFER_IN" (first defined in ${join(dir, 'items/archive.yaml')})`,
    });
  });

  it('reports a rule naming a missing item and a bundle entry naming a missing item — all faults, not just the first', () => {
    edit('bundles/national-unemployment.yaml', 'when: {chosen: UNEMPLOYMENT_BENEFIT}', 'when: {chosen: UNEMPLOYMENT_BENEFITS}');
    edit('bundles/national-unemployment.yaml', '{item: JOB_INTRODUCTION,', '{item: FOO,');
    const err = loadError();
    const file = join(dir, 'bundles/national-unemployment.yaml');
    expect(err.message).toContain(`${file}: items[4].when: rule names a missing item "UNEMPLOYMENT_BENEFITS"`);
    expect(err.message).toContain(`${file}: items[7].item: unknown item "FOO"`);
    expect(err.faults.length).toBeGreaterThanOrEqual(2);
  });

  it('reports unknown materials, shared fields, enums, facts and requiredWhen fields', () => {
    edit(
      'items/insurance.yaml',
      'materials: [termination-proof]\n    mutation: claimUnemploymentBenefit',
      'materials: [termination-prooof]\n    mutation: claimUnemploymentBenefit',
    );
    edit('bundles/national-retiree-death.yaml', 'sharedFields: [deceasedName,', 'sharedFields: [deceasedNam,');
    edit(
      'items/archive.yaml',
      'enum: PartyMemberCategory, required: true}\n      - {name: partyJoinDate',
      'enum: PartyMemberKind, required: true}\n      - {name: partyJoinDate',
    );
    edit('bundles/national-retirement.yaml', '{fact: drawsUnemploymentBenefit}', '{fact: drawsBenefit}');
    edit(
      'items/card.yaml',
      'requiredWhen: {field: deliveryMethod, equals: MAIL}}\n      - {name: mailingRecipient',
      'requiredWhen: {field: deliveryMode, equals: MAIL}}\n      - {name: mailingRecipient',
    );
    const messages = loadError().message;
    expect(messages).toContain(`${join(dir, 'items/insurance.yaml')}: items[13].materials[0]: unknown material "termination-prooof"`);
    expect(messages).toContain(`${join(dir, 'bundles/national-retiree-death.yaml')}: sharedFields[0]: unknown shared field "deceasedNam"`);
    expect(messages).toContain(`${join(dir, 'items/archive.yaml')}: items[2].fields[0].enum: unknown enum "PartyMemberKind"`);
    expect(messages).toContain(`${join(dir, 'bundles/national-retirement.yaml')}: items[9].when: unknown fact "drawsBenefit"`);
    expect(messages).toContain(`${join(dir, 'items/card.yaml')}: items[0].sharedFields[0].requiredWhen: rule names a missing field "deliveryMode"`);
  });

  it('reports a bundle offering values its item field does not have, or restricting a field that is no enum or does not exist', () => {
    const file = join(dir, 'bundles/national-employer-hiring.yaml');
    edit(
      'bundles/national-employer-hiring.yaml',
      'insuranceTypes: [ENTERPRISE_PENSION, WORK_INJURY, UNEMPLOYMENT]',
      'insuranceTypes: [ENTERPRISE_PENSION, MATERNITY]',
    );
    edit(
      'bundles/national-employer-hiring.yaml',
      '{item: E_LABOR_CONTRACT, selection: OPTIONAL,',
      '{item: E_LABOR_CONTRACT, selection: OPTIONAL, fieldValues: {noSuchField: [A]},',
    );
    const err = loadError();
    expect(err.message).toContain(`${file}: items[0].fieldValues.insuranceTypes: insuranceTypes has no value MATERNITY`);
    expect(err.message).toContain(`${file}: items[13].fieldValues.noSuchField: item E_LABOR_CONTRACT has no field "noSuchField"`);
  });

  it('reports a bundle narrowing an item to fields it lacks, or dropping a field the item needs', () => {
    const file = join(dir, 'bundles/national-employer-termination.yaml');
    edit(
      'bundles/national-employer-termination.yaml',
      '{item: CONTRIBUTOR_REDUCTION, selection: PRESELECTED,',
      '{item: CONTRIBUTOR_REDUCTION, selection: PRESELECTED, omit: [reductionDate, reductionCause],',
    );
    edit(
      'bundles/national-employer-termination.yaml',
      '{item: ARREARS_PAYMENT, selection: OPTIONAL,',
      '{item: ARREARS_PAYMENT, selection: OPTIONAL, only: [paymentMethod], omit: [arrearsTo],',
    );
    edit(
      'bundles/national-employer-termination.yaml',
      '{item: ARCHIVE_TRANSFER_IN, selection: OPTIONAL,',
      '{item: ARCHIVE_TRANSFER_IN, selection: OPTIONAL, only: [originalArchiveAgency, deliveryAddress],',
    );
    const err = loadError();
    expect(err.faults).toEqual(
      expect.arrayContaining([
        { file, path: 'items[0].omit[1]', message: 'item CONTRIBUTOR_REDUCTION has no field "reductionCause"' },
        {
          file,
          path: 'items[0].omit',
          message:
            'CONTRIBUTOR_REDUCTION.reductionDate is required by the item: leave it out only if the item says what it does without it (whenAbsent) or the bundle derives it (derive)',
        },
        { file, path: 'items[1].only', message: 'give only or omit, not both' },
        {
          file,
          path: 'items[3]',
          message:
            'ARCHIVE_TRANSFER_IN.deliveryAddress is required when a rule on "deliveryMethod" holds, which this bundle does not ask: leave deliveryAddress out too',
        },
      ]),
    );
  });

  it('reports a derivation that does not fit its field, and a rule on a field the bundle does not ask', () => {
    const file = join(dir, 'bundles/national-work-death-benefits.yaml');
    edit('bundles/national-work-death-benefits.yaml', 'reductionReason: {value: DEATH,', 'reductionReason: {value: DIED,');
    edit('bundles/national-work-death-benefits.yaml', 'reductionDate: {sharedField: deathDate,', 'reductionDate: {sharedField: agentName,');
    edit(
      'bundles/national-work-death-benefits.yaml',
      '{item: INJURY_MEDICAL_EXPENSES, selection: OPTIONAL,',
      '{item: INJURY_MEDICAL_EXPENSES, selection: OPTIONAL, omit: [expenseTypes], derive: {expenseTypes: {sharedField: noSuchField, basis: x}},',
    );
    const err = loadError();
    expect(err.faults).toEqual(
      expect.arrayContaining([
        {
          file,
          path: 'items[7].derive.reductionReason.value',
          message: 'reductionReason: expected one of CONTRACT_ENDED, RETIREMENT, DEATH, TRANSFER_OUT, OTHER, got "DIED"',
        },
        { file, path: 'items[7].derive.reductionDate.sharedField', message: '"agentName" is STRING; reductionDate is DATE' },
        { file, path: 'items[0].derive.expenseTypes', message: '"expenseTypes" is derived: do not list it in only or omit as well' },
        { file, path: 'items[0].derive.expenseTypes.sharedField', message: '"noSuchField" is not one of this bundle\'s sharedFields' },
        { file, path: 'items[1].when', message: 'rule names field "expenseTypes" of item INJURY_MEDICAL_EXPENSES, which this bundle does not ask' },
      ]),
    );
  });

  it('reports whenAbsent on an optional field, and a required field derived from a shared field the bundle does not require', () => {
    edit(
      'items/insurance.yaml',
      '{name: bankAccount, label: 本人银行账户, type: BANK_ACCOUNT, required: false',
      '{name: bankAccount, label: 本人银行账户, type: BANK_ACCOUNT, required: false, whenAbsent: 社保卡银行账户',
    );
    edit(
      'bundles/national-work-death-benefits.yaml',
      'sharedFields: [deceasedName, deceasedGender, deathDate,',
      'sharedFields: [deceasedName, deceasedGender, {name: deathDate, required: false},',
    );
    const err = loadError();
    expect(err.message).toMatch(
      /items\/insurance\.yaml: items\[\d+\]\.fields\[0\]\.whenAbsent: whenAbsent is for a required field \(an optional one may be left out anyway\)/,
    );
    expect(err.message).toContain(
      `${join(dir, 'bundles/national-work-death-benefits.yaml')}: items[7].derive.reductionDate.sharedField: reductionDate is required by the item, but "deathDate" is not required in this bundle`,
    );
  });

  it('reports an item whose time limit names a local-policy figure set to null', () => {
    edit('items/card.yaml', 'workingDays: {localPolicy: cardProductionDays}', 'workingDays: {localPolicy: unemploymentBenefitMonthlyAmount}');
    expect(loadError().message).toContain(
      `${join(dir, 'items/card.yaml')}: items[0].handling.workingDays.localPolicy: local-policy "unemploymentBenefitMonthlyAmount" has no figure: write workingDays: null, basis: set by local policy`,
    );
  });

  it("reports roles naming a field the bundle does not ask, or of the wrong type, and a handler for a person's bundle", () => {
    edit('bundles/national-retiree-death.yaml', 'idNumber: agentIdNumber, name: agentName', 'idNumber: agentIdNo, name: agentPhone');
    edit('bundles/jiangsu-death.yaml', 'applicant: {kind: FAMILY_MEMBER', 'applicant: {kind: EMPLOYER_HANDLER');
    const messages = loadError().message;
    const file = (code: string) => join(dir, `bundles/${code}.yaml`);
    expect(messages).toContain(
      `${file('national-retiree-death')}: roles.applicant.idNumber: names "agentIdNo", which is not one of this bundle's sharedFields`,
    );
    expect(messages).toContain(`${file('national-retiree-death')}: roles.applicant.name: "agentPhone" is a PHONE field; a role's name is STRING`);
    expect(messages).toContain(`${file('jiangsu-death')}: roles.applicant.kind: an employer's handler applies only for an EMPLOYER subject`);
  });

  it('reports an item with neither subgraph nor department, and unknown keys', () => {
    edit('items/external.yaml', '    department: 财政部门\n', '');
    edit('bundles/jiangsu-graduate.yaml', 'lead: employment', 'lead: employment\nleader: employment');
    const err = loadError();
    expect(err.message).toContain(`${join(dir, 'items/external.yaml')}: items[1]: item "FINANCE_PAYROLL_ENROLLMENT" has neither subgraph nor department`);
    expect(err.message).toContain(`${join(dir, 'bundles/jiangsu-graduate.yaml')}: Unrecognized key: "leader"`);
  });

  it('reports an item field that repeats a shared 基本信息 field', () => {
    edit('items/archive.yaml', '{name: partyJoinDate, label: 入党日期', '{name: phone, label: 入党日期');
    expect(loadError().message).toContain(`${join(dir, 'items/archive.yaml')}: items[2].fields[1].name: "phone" is a shared 基本信息 field`);
  });

  it('names files relative to the working directory when the catalog is inside it', () => {
    edit('bundles/national-unemployment.yaml', '{item: JOB_INTRODUCTION,', '{item: FOO,');
    const cwd = process.cwd();
    process.chdir(dirname(dir));
    try {
      expect(loadError().message).toContain(`${basename(dir)}/bundles/national-unemployment.yaml: items[7].item: unknown item "FOO"`);
    } finally {
      process.chdir(cwd);
    }
  });

  it('reports YAML syntax errors with their line', () => {
    writeFileSync(join(dir, 'materials.yaml'), 'materials:\n  - {id: a, name: [unclosed\n');
    expect(loadError().message).toMatch(new RegExp(`${join(dir, 'materials.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line \\d+:\\d+: YAML`));
  });
});
