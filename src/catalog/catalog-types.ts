/**
 * Types of the loaded, cross-checked catalog. Everything here is produced by `loadCatalog`
 * and frozen; references (items in bundles, materials, enums, shared fields) are resolved.
 */
import type { SubgraphName } from '../config.js';
import type { Rule } from './rules.js';

/** The five back-office systems: one list, `SUBGRAPH_NAMES` in src/config.ts. */
export { SUBGRAPH_NAMES, type SubgraphName } from '../config.js';

export const FIELD_TYPES = [
  'STRING',
  'TEXT',
  'DATE',
  'BOOLEAN',
  'INT',
  'MONEY',
  'PHONE',
  'ID_NUMBER',
  'BANK_ACCOUNT',
  'ADDRESS',
  'REGION_CODE',
  'CREDIT_CODE',
  'ENUM',
  'ENUM_LIST',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const APPLICANT_KINDS = ['PERSON', 'EMPLOYER'] as const;

/** Where an application is made (the GraphQL Channel enum). */
export const CHANNELS = ['ONLINE', 'MOBILE', 'COUNTER', 'SELF_SERVICE_TERMINAL', 'BANK_AGENT', 'POST_AGENT', 'HOME_VISIT', 'PROACTIVE'] as const;
export type Channel = (typeof CHANNELS)[number];
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

export const MODES = ['PARALLEL', 'SERIAL', 'MERGED'] as const;
export type Mode = (typeof MODES)[number];

export const SELECTIONS = ['REQUIRED', 'OPTIONAL', 'PRESELECTED', 'AUTOMATIC'] as const;
export type Selection = (typeof SELECTIONS)[number];

export const SOURCE_DOCUMENTS = ['NATIONAL_NOTICE_2021_23', 'JIANGSU_PLAN'] as const;
export type SourceDocument = (typeof SOURCE_DOCUMENTS)[number];

export const FIELDS_SOURCES = ['national-notice', 'derived'] as const;
export type FieldsSource = (typeof FIELDS_SOURCES)[number];

export interface EnumValue {
  readonly value: string;
  readonly label: string;
}

export interface EnumDef {
  readonly name: string;
  readonly values: readonly EnumValue[];
  /** `enums.yaml`, or the item file that defines it inline. */
  readonly file: string;
}

/** One form field, of an item or of the shared 基本信息 dictionary. */
export interface FieldDef {
  readonly name: string;
  readonly label: string;
  readonly type: FieldType;
  readonly required: boolean;
  readonly requiredWhen?: Rule;
  /** GraphQL enum name, for ENUM and ENUM_LIST. */
  readonly enum?: string;
  /** Resolved allowed values, for ENUM and ENUM_LIST. */
  readonly values?: readonly EnumValue[];
  readonly description?: string;
  /** For ID_NUMBER: the sibling field holding the document type; GB 11643 applies to 居民身份证. */
  readonly idTypeField?: string;
  /** True for a field the source does not list but the item cannot work without. */
  readonly derived: boolean;
  /**
   * For a required item field: what the item does when a bundle does not ask it. Such a field is
   * optional in the item's mutation input (a bundle may leave it out with `omit` / `only`).
   */
  readonly whenAbsent?: string;
}

/** How the gateway fills an item field the bundle does not ask (see `BundleItem.derived`). */
export type Derivation =
  { readonly value: string | number | boolean | readonly string[]; readonly basis: string } | { readonly sharedField: string; readonly basis: string };

export interface DerivedField {
  readonly field: FieldDef;
  readonly from: Derivation;
}

/**
 * Back-office records that hold a material already (免提交), by what the shared record of a person
 * says: `endedEmployment` an employment registration that ended (its termination proof),
 * `cardInForce` a social security card in force (the photo it was made with).
 */
export const SHARED_RECORD_SOURCES = ['endedEmployment', 'cardInForce'] as const;
export type SharedRecordSource = (typeof SHARED_RECORD_SOURCES)[number];

export interface Material {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** A key material (核心材料): missing, the application is refused. Non-key: it may follow (容缺受理). */
  readonly key: boolean;
  /** The back-office record that already holds it for a person, if any (免提交). */
  readonly sharedRecord?: SharedRecordSource;
}

export interface MaterialRequirement {
  readonly material: Material;
  /** Needed only when this rule holds (evaluated in the item's scope). */
  readonly when?: Rule;
  /** Key for this item: the item's own say, else the material's. */
  readonly key: boolean;
}

export interface LocalPolicyValue {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly unit: 'WORKING_DAYS' | 'DAYS' | 'YUAN' | 'YEARS' | 'MONTHS' | 'PERCENT';
  readonly basis: string;
}

export interface FactDef {
  readonly name: string;
  readonly label: string;
}

export interface Handling {
  readonly kind: 'INSTANT' | 'TIME_LIMITED';
  /** Working days, resolved from a local-policy default where the item refers to one. */
  readonly workingDays: number | null;
  /** Calendar days (some statutes count 日, not 工作日). */
  readonly calendarDays: number | null;
  /** Where the figure comes from: a national rule, a configurable local default, or nowhere. */
  readonly figure: 'NATIONAL' | 'LOCAL_POLICY' | 'NONE';
  readonly localPolicyKey?: string;
  readonly basis: string;
  /** A deadline on the applicant (e.g. 30 days after hiring), not on the agency. */
  readonly applicantDeadline?: string;
}

export type ItemOwner = { readonly kind: 'subgraph'; readonly subgraph: SubgraphName } | { readonly kind: 'department'; readonly department: string };

export interface ServiceItem {
  readonly code: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly owner: ItemOwner;
  readonly subgraph?: SubgraphName;
  readonly department?: string;
  readonly applicantKind: readonly ApplicantKind[];
  readonly handling: Handling;
  readonly commitmentAllowed: boolean;
  /** Where a commitment may replace the materials (e.g. only at the counter, 现场办理); absent: on every channel. */
  readonly commitmentChannels?: readonly Channel[];
  readonly materials: readonly MaterialRequirement[];
  /** camelCase mutation in the owning subgraph; absent for items of other departments. */
  readonly mutation?: string;
  /** `RegisterUnemploymentInput` for `registerUnemployment`. */
  readonly inputTypeName?: string;
  /**
   * `implemented: true` in the items file: the subgraph handles the item. `npm run codegen` gives
   * it a mutation in the subgraph's schema and requires its handler; others are listed, not served.
   */
  readonly implemented: boolean;
  readonly fieldsSource: FieldsSource;
  readonly notes: readonly string[];
  /** Shared 基本信息 fields this item needs (asked once, in the shared section). */
  readonly sharedFields: readonly FieldDef[];
  readonly fields: readonly FieldDef[];
  readonly file: string;
}

export interface Scenario {
  readonly code: string;
  readonly name: string;
  readonly applicantKind: readonly ApplicantKind[];
  readonly mode: Mode;
  /** The bundle's roles, or this scenario's own (创业 企业: the enterprise, not the founder). */
  readonly roles: BundleRoles;
}

/** Shared fields that carry one person's identity on the form (their names in the bundle's sharedFields). */
export interface PersonFields {
  /** The document type's field; null: the number is of a 居民身份证 (e.g. agentIdNumber). */
  readonly idType: string | null;
  readonly idNumber: string;
  readonly name: string | null;
  readonly gender: string | null;
  readonly birthDate: string | null;
  readonly phone: string | null;
}

export const APPLICANT_ROLES = ['SUBJECT', 'FAMILY_MEMBER', 'EMPLOYER_HANDLER'] as const;
export type ApplicantRole = (typeof APPLICANT_ROLES)[number];

/**
 * The two roles of a form: the subject (whose records change) and the applicant (who applies for
 * them). `person` is the person the submission is kept under and its items are dispatched for:
 * the subject when a person; when an employer, the worker the form names, else its handler.
 */
export interface BundleRoles {
  readonly subject: { readonly kind: 'PERSON' } | { readonly kind: 'EMPLOYER'; readonly creditCode: string | null; readonly name: string | null };
  readonly person: PersonFields;
  readonly applicant:
    { readonly kind: 'SUBJECT' } | { readonly kind: Exclude<ApplicantRole, 'SUBJECT'>; readonly person: PersonFields; readonly relationship: string | null };
}

export interface BundleItem {
  readonly code: string;
  readonly item: ServiceItem;
  readonly selection: Selection;
  readonly when?: Rule;
  /** Scenario codes this entry applies to; null = every scenario (or a bundle without scenarios). */
  readonly scenarios: readonly string[] | null;
  readonly section?: string;
  /** Human reason shown when a rule adds the item. */
  readonly reason?: string;
  /**
   * The item's fields as this bundle asks them: an ENUM or ENUM_LIST field may offer only the
   * values the bundle's source lists (`fieldValues` in the bundle file); the item's contract keeps them all.
   * Only the fields the bundle asks (its source's list: `only` / `omit` / `derive` narrow it).
   */
  readonly fields: readonly FieldDef[];
  /** Item fields this bundle does not ask and nobody fills: the item does without them (`whenAbsent`). */
  readonly omitted: readonly string[];
  /** Item fields this bundle does not ask: the gateway fills them from the form when it stores the submission. */
  readonly derived: readonly DerivedField[];
}

export interface BundleSharedField {
  readonly field: FieldDef;
  readonly required: boolean;
  readonly requiredWhen?: Rule;
}

export interface GuideText {
  readonly conditions: readonly string[];
  readonly process: readonly string[];
  readonly where: readonly string[];
  readonly fees: string;
}

export interface Bundle {
  readonly code: string;
  readonly name: string;
  readonly source: { readonly document: SourceDocument; readonly number: number };
  readonly basis: readonly string[];
  readonly applicantKind: readonly ApplicantKind[];
  readonly lead: string;
  readonly participants: readonly string[];
  /** Bundle-wide mode; null when each scenario has its own. */
  readonly mode: Mode | null;
  readonly scenarios: readonly Scenario[];
  readonly sharedFieldsSource: FieldsSource;
  readonly sharedFields: readonly BundleSharedField[];
  /** Whose records change and who applies (default: the person named by idType/idNumber, applying themselves). */
  readonly roles: BundleRoles;
  readonly items: readonly BundleItem[];
  readonly notes: readonly string[];
  readonly guide: GuideText;
  readonly file: string;
}

export interface Catalog {
  readonly dir: string;
  readonly items: ReadonlyMap<string, ServiceItem>;
  readonly bundles: ReadonlyMap<string, Bundle>;
  readonly enums: ReadonlyMap<string, EnumDef>;
  readonly sharedFields: ReadonlyMap<string, FieldDef>;
  readonly materials: ReadonlyMap<string, Material>;
  readonly localPolicy: ReadonlyMap<string, LocalPolicyValue>;
  /**
   * Local-policy keys with `value: null`: no honest default exists, the figure is set by local
   * policy (shown as such); a rule needing it has none until the deployment gives one.
   */
  readonly localPolicyUnset: ReadonlyMap<string, Omit<LocalPolicyValue, 'value'>>;
  readonly facts: ReadonlyMap<string, FactDef>;
  readonly itemsBySubgraph: ReadonlyMap<SubgraphName, readonly ServiceItem[]>;
  readonly externalItems: readonly ServiceItem[];
}
