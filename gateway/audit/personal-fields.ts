/**
 * Every field of the supergraph that holds personal data of one of five kinds, by schema
 * coordinate, with the one masking pattern of each kind. The masking plugin masks by coordinate
 * (never by key name, so aliases change nothing), the analyst test checks no analyst path reaches
 * any of them, and the audit trail records which of them an operation selected.
 */
export const PERSONAL_DATA_KINDS = ['ID_NUMBER', 'PHONE', 'BANK_ACCOUNT', 'CARD_NUMBER', 'ADDRESS', 'NAME'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/**
 * Field coordinate → kind. Go through every `schema/*.graphql` when a field is added (a test
 * fails on a field whose name looks personal and that is neither here nor in NOT_PERSONAL).
 */
export const PERSONAL_FIELDS: Readonly<Record<string, PersonalDataKind>> = Object.freeze({
  // card: the base identity
  'Person.name': 'NAME',
  'Person.idNumber': 'ID_NUMBER',
  'Person.phone': 'PHONE',
  'Person.householdAddress': 'ADDRESS',
  'Person.residenceAddress': 'ADDRESS',
  'SocialSecurityCard.cardNumber': 'CARD_NUMBER',
  'BankAccount.accountNumber': 'BANK_ACCOUNT',
  'CardApplication.deliveryAddress': 'ADDRESS',
  // bundle: 帮办代办, the proxy's own name
  'Delegation.proxyName': 'NAME',
  // bundle: the counter's worklist names the applicant
  'WorkItem.applicantName': 'NAME',
  // bundle: prefill, the values the records hold for a form (by the value's kind)
  'PrefilledName.value': 'NAME',
  'PrefilledPhone.value': 'PHONE',
  'PrefilledBankAccount.value': 'BANK_ACCOUNT',
  // insurance (the subgraph already shows `****1234`; masking again changes nothing)
  'UnemploymentBenefitClaim.bankAccount': 'BANK_ACCOUNT',
  // employment (accounts already shown `****1234` by the subgraph); a person's venue may be their home
  'EmploymentSubsidyApplication.account': 'BANK_ACCOUNT',
  'StartupSubsidyApplication.account': 'BANK_ACCOUNT',
  'StartupSubsidyApplication.venueAddress': 'ADDRESS',
});

/** Fields whose names look personal but hold an organisation's, a catalog entry's or an operation's. */
export const NOT_PERSONAL: ReadonlySet<string> = new Set([
  'ArchiveMove.fromHolder',
  'ArchiveMove.toHolder',
  'ArchiveTransfer.fromHolder',
  'ArchiveTransfer.fromHolderRegionCode',
  'ArchiveTransfer.receivingUnitName',
  'AuditEvent.operationName',
  'BankAccount.bankName',
  'Bundle.name',
  'BundleForm.bundleName',
  'BundleSpeedUp.name',
  'CommitmentBreach.itemName',
  'DeferredMaterial.name',
  'ItemSpeedUp.name',
  'MaterialOnFile.name',
  'SubmissionMaterial.name',
  'BundleFormItem.name',
  'BundleFormMaterial.name',
  'BundleScenario.name',
  'CatalogField.name',
  'Employer.name',
  'HandlingAgency.name',
  'InsuranceTransferIn.transferOutAgencyName',
  'ItemMaterial.name',
  'ItemOwner.name',
  'Mutation.activateCardBankAccount',
  'Mutation.refundDuplicatePensionAccount',
  'Mutation.changeBenefitAccount',
  'Mutation.payResidentPensionAccountLumpSum',
  'Mutation.claimPersonalAccountLumpSum',
  'PersonnelArchive.holder',
  'WorkItem.itemName',
  'PersonnelArchive.holderRegionCode',
  'RuleAddedItem.name',
  'ServiceGuide.name',
  'ServiceGuideItem.name',
  'ServiceGuideMaterial.name',
  'ServiceItem.name',
  'SocialSecurityCard.bankAccount',
  'Submission.bundleName',
  'SubmissionItem.itemName',
  // employment: the employer's or founded enterprise's name, an incubator's
  'EmploymentRegistration.employerName',
  'EmploymentRegistrationApplication.employerName',
  'LaborFiling.employerName',
  'StartupSubsidyApplication.incubatorName',
]);

const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '令狐',
  '慕容',
  '尉迟',
  '公孙',
  '长孙',
  '宇文',
  '司徒',
  '司空',
  '夏侯',
  '轩辕',
  '端木',
  '澹台',
  '南宫',
  '独孤',
  '百里',
  '呼延',
  '西门',
  '申屠',
  '万俟',
  '闻人',
  '赫连',
  '钟离',
  '濮阳',
  '太史',
  '东郭',
  '公冶',
  '左丘',
  '谷梁',
  '拓跋',
  '第五',
  '乐正',
  '仲孙',
  '单于',
  '微生',
  '羊舌',
  '漆雕',
]);

/**
 * Keeps `head` characters and `tail` characters and stars the rest, always starring at least 4
 * (or every character of a shorter value): a short value loses its head first, then its tail.
 */
export function keepEnds(value: string, head: number, tail: number): string {
  const chars = [...value];
  const hidden = Math.max(Math.min(4, chars.length), chars.length - head - tail);
  const visible = chars.length - hidden;
  const keptTail = Math.min(tail, visible);
  const keptHead = visible - keptTail;
  return chars.slice(0, keptHead).join('') + '*'.repeat(hidden) + chars.slice(chars.length - keptTail).join('');
}

function maskName(value: string): string {
  const chars = [...value.trim()];
  if (chars.length <= 1) return chars.length ? '*' : '';
  const surname = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  // A space or middle dot (外国人, 少数民族 transliterations) stays, as a separator.
  return (
    chars.slice(0, surname).join('') +
    chars
      .slice(surname)
      .map((c) => (/[\s·•.]/u.test(c) ? c : '*'))
      .join('')
  );
}

/** The first 6 characters (province and city, as a rule), never more than all but 4, then `****`. */
function maskAddress(value: string): string {
  const chars = [...value];
  return `${chars.slice(0, Math.max(0, Math.min(6, chars.length - 4))).join('')}****`;
}

/** The one pattern of each kind, with its documented example. */
export const MASKS: Readonly<Record<PersonalDataKind, { readonly example: string; mask(value: string): string }>> = {
  ID_NUMBER: { example: '110105********0039 (first 6, last 4)', mask: (v) => keepEnds(v, 6, 4) },
  PHONE: { example: '138****0001 (first 3, last 4)', mask: (v) => keepEnds(v, 3, 4) },
  BANK_ACCOUNT: { example: '6217********0001 (first 4, last 4)', mask: (v) => keepEnds(v, 4, 4) },
  CARD_NUMBER: { example: 'D******001 (first 1, last 3)', mask: (v) => keepEnds(v, 1, 3) },
  ADDRESS: { example: '江苏省南京市**** (first 6 characters)', mask: maskAddress },
  NAME: { example: '张* / 欧阳** (surname kept)', mask: maskName },
};

/** The masked value of a field, by coordinate; values of other fields are returned as they are. */
export function maskValue(coordinate: string, value: string): string {
  const kind = PERSONAL_FIELDS[coordinate];
  return kind ? MASKS[kind].mask(value) : value;
}
