/**
 * The catalog's data against the source documents: every bundle of both attachments with its
 * exact items, selections, modes and scenarios, and every national item with exactly the fields
 * the notice lists. The expected tables are typed here from the documents, independently of
 * the YAML, so a transcription slip on either side fails.
 */
import { describe, it, expect, beforeAll } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCatalog, graphqlTypeOf, itemInputFields, mergedForm, SUBGRAPH_NAMES, type Catalog, type Bundle } from '../src/catalog/index.js';

let catalog: Catalog;
beforeAll(() => {
  catalog = loadCatalog();
});

type Row = readonly [code: string, sourceName: string, selection: string];

interface NationalExpectation {
  number: number;
  sharedFields: string[];
  items: Row[];
}

const TRANSFERS_5: Row[] = [
  ['PENSION_TRANSFER_IN_ENTERPRISE', '企业职工养老保险关系转入', 'OPTIONAL'],
  ['PENSION_TRANSFER_IN_INSTITUTION', '机关事业单位养老保险关系转入', 'OPTIONAL'],
  ['PENSION_TRANSFER_IN_MILITARY', '军人退役养老保险关系转入', 'OPTIONAL'],
  ['PENSION_TRANSFER_IN_MILITARY_SPOUSE', '未就业随军配偶养老保险关系转入', 'OPTIONAL'],
  ['UNEMPLOYMENT_INSURANCE_TRANSFER_IN', '失业保险关系转入', 'OPTIONAL'],
];
const ARCHIVE_IN: Row = ['ARCHIVE_TRANSFER_IN', '流动人员人事档案接收', 'OPTIONAL'];
const PARTY_IN: Row = ['PARTY_MEMBERSHIP_TRANSFER_IN', '党员组织关系转入', 'OPTIONAL'];
const CARD = (sel: string): Row => ['CARD_APPLICATION', '社会保障卡（含实体卡和电子卡）申领', sel];
const CARD_CANCEL: Row = ['CARD_CANCELLATION', '社会保障卡社保功能注销', 'PRESELECTED'];

/** 人社部发〔2021〕23号 附件1, bundle by bundle (order-insensitive within a bundle). */
// Beyond the notice's 基本信息, the applicant's role (its `roles` in the catalog) needs its own
// document: the employer's handler (经办人), the family member applying for one who died (代办人);
// 工亡 asks the date of death too, which 社保卡注销 needs (the notice lists it under 退休人员过世 only).
const HANDLER_FIELDS = ['contactName', 'contactPhone', 'contactIdType', 'contactIdNumber'];
const AGENT_FIELDS = ['agentName', 'agentIdNumber', 'agentPhone', 'agentRelationship'];

const NATIONAL: Record<string, NationalExpectation> = {
  'national-employer-hiring': {
    number: 1,
    sharedFields: ['name', 'gender', 'idType', 'idNumber', 'idValidUntil', 'phone', ...HANDLER_FIELDS],
    items: [
      ['CONTRIBUTOR_ADDITION', '缴费人员增减申报-增员申报', 'PRESELECTED'],
      ...TRANSFERS_5,
      CARD('PRESELECTED'),
      ['EMPLOYMENT_REGISTRATION', '就业登记', 'OPTIONAL'],
      ARCHIVE_IN,
      PARTY_IN,
      ['SUBSIDY_HIRING_DISADVANTAGED', '企业吸纳困难人员社保补贴', 'OPTIONAL'],
      ['SUBSIDY_HIRING_GRADUATES', '企业吸纳毕业生社保补贴', 'OPTIONAL'],
      ['SUBSIDY_PUBLIC_WELFARE_POST', '公益性岗位社保补贴', 'OPTIONAL'],
      ['E_LABOR_CONTRACT', '电子劳动合同签订', 'OPTIONAL'],
      ['LABOR_FILING_HIRE', '劳动用工备案', 'OPTIONAL'],
      ['UNEMPLOYMENT_BENEFIT_STOP', '失业保险金停发', 'AUTOMATIC'],
    ],
  },
  'national-employer-termination': {
    number: 2,
    sharedFields: ['name', 'idType', 'idNumber', 'phone', ...HANDLER_FIELDS],
    items: [
      ['CONTRIBUTOR_REDUCTION', '缴费人员增减申报-减员申报', 'PRESELECTED'],
      ['ARREARS_PAYMENT', '社保欠费补缴申报', 'OPTIONAL'],
      ['LABOR_FILING_TERMINATION', '劳动用工备案', 'AUTOMATIC'],
      ARCHIVE_IN,
      PARTY_IN,
    ],
  },
  'national-unemployment': {
    number: 3,
    sharedFields: [
      'name',
      'gender',
      'idType',
      'idNumber',
      'idValidUntil',
      'phone',
      'unemploymentType',
      'formerEmployer',
      'unemploymentDate',
      'householdAddress',
      'residenceAddress',
    ],
    items: [
      ['UNEMPLOYMENT_REGISTRATION', '失业登记', 'PRESELECTED'],
      ['EMPLOYMENT_CERTIFICATE', '《就业创业证》申领', 'PRESELECTED'],
      ['EMPLOYMENT_DIFFICULTY_RECOGNITION', '就业困难人员认定', 'OPTIONAL'],
      ['UNEMPLOYMENT_BENEFIT', '失业保险金申领', 'OPTIONAL'],
      ['UNEMPLOYED_MEDICAL_PREMIUM', '代缴失业人员医疗保险费', 'PRESELECTED'],
      ['PRICE_SUBSIDY', '价格临时补贴', 'AUTOMATIC'],
      ['VOCATIONAL_TRAINING_SUBSIDY', '职业培训补贴申领', 'OPTIONAL'],
      ['JOB_INTRODUCTION', '职业介绍', 'OPTIONAL'],
      ['FLEXIBLE_EMPLOYMENT_INSURANCE', '灵活就业参保缴费', 'OPTIONAL'],
      ['RESIDENT_PENSION_ENROLLMENT', '城乡居民养老保险参保缴费', 'OPTIONAL'],
      CARD('OPTIONAL'),
    ],
  },
  'national-graduate-employment': {
    number: 4,
    sharedFields: [
      'name',
      'gender',
      'ethnicity',
      'politicalStatus',
      'idType',
      'idNumber',
      'idValidUntil',
      'phone',
      'graduateSchool',
      'educationLevel',
      'degree',
      'major',
      'graduationDate',
      'employed',
      'employmentType',
      'employerName',
      'householdAddress',
      'mailingAddress',
      'mailingRecipient',
      'mailingPhone',
    ],
    items: [
      ['JOB_INTRODUCTION', '职业介绍', 'OPTIONAL'],
      ['EMPLOYMENT_SERVICES', '就业服务', 'OPTIONAL'],
      ['EMPLOYMENT_REGISTRATION', '就业登记', 'PRESELECTED'],
      ['EMPLOYMENT_CERTIFICATE', '《就业创业证》申领', 'PRESELECTED'],
      ARCHIVE_IN,
      PARTY_IN,
      ['FLEXIBLE_EMPLOYMENT_INSURANCE', '灵活就业参保缴费', 'OPTIONAL'],
      CARD('PRESELECTED'),
      ['FLEXIBLE_EMPLOYMENT_SUBSIDY', '灵活就业社会保险补贴申领', 'OPTIONAL'],
    ],
  },
  'national-institution-hiring': {
    number: 5,
    sharedFields: ['name', 'gender', 'idType', 'idNumber', 'idValidUntil', 'phone', 'unitName', 'householdType', 'householdRegistrationPlace'],
    items: [
      ['NEW_HIRE_INFO', '事业单位新聘用人员信息', 'PRESELECTED'],
      ['EMPLOYEE_INSURANCE_REGISTRATION', '职工参保登记', 'PRESELECTED'],
      ['CONTRIBUTOR_ADDITION', '缴费人员增减申报-增员申报', 'PRESELECTED'],
      CARD('PRESELECTED'),
      ...TRANSFERS_5,
      ['ARCHIVE_TRANSFER_OUT', '流动人员人事档案转出', 'OPTIONAL'],
      ['PARTY_MEMBERSHIP_TRANSFER_OUT', '党员组织关系转出', 'OPTIONAL'],
      ['STAFFING_ENROLLMENT', '编制部门入编手续办理', 'OPTIONAL'],
      ['NEW_HIRE_SALARY_APPROVAL', '事业单位新聘人员工资核定', 'OPTIONAL'],
      ['FINANCE_PAYROLL_ENROLLMENT', '财政部门工资统发', 'OPTIONAL'],
      ['HOUSING_FUND_REGISTRATION', '公积金办理', 'OPTIONAL'],
      ['UNEMPLOYMENT_BENEFIT_STOP', '失业保险金停发', 'AUTOMATIC'],
    ],
  },
  'national-entrepreneurship': {
    number: 6,
    sharedFields: ['name', 'gender', 'idType', 'idNumber', 'idValidUntil', 'phone', 'enterpriseName', 'enterpriseAddress', 'personalBankAccount'],
    items: [
      ARCHIVE_IN,
      PARTY_IN,
      ['BUSINESS_START_GUIDANCE', '创业开业指导', 'OPTIONAL'],
      ['STARTUP_LOAN_PERSONAL', '个人创业担保贷款资格认定', 'OPTIONAL'],
      ['STARTUP_LOAN_ENTERPRISE', '企业吸纳就业创业担保贷款资格认定', 'OPTIONAL'],
      ['STARTUP_SUBSIDY', '创业补贴申领', 'OPTIONAL'],
      ['EMPLOYER_INSURANCE_REGISTRATION', '单位参保登记', 'PRESELECTED'],
      ['EMPLOYEE_INSURANCE_REGISTRATION', '职工参保登记', 'OPTIONAL'],
      ['CONTRIBUTOR_ADDITION', '缴费人员增减申报-增员申报', 'AUTOMATIC'],
      ['FLEXIBLE_EMPLOYMENT_INSURANCE', '灵活就业参保', 'OPTIONAL'],
      CARD('PRESELECTED'),
      ...TRANSFERS_5,
      ['EMPLOYMENT_REGISTRATION', '就业登记', 'AUTOMATIC'],
      ['EMPLOYMENT_CERTIFICATE', '《就业创业证》申领', 'AUTOMATIC'],
      ['LABOR_FILING_HIRE', '劳动用工备案', 'AUTOMATIC'],
      ['UNEMPLOYMENT_BENEFIT_STOP', '失业保险金停发', 'AUTOMATIC'],
    ],
  },
  'national-retirement': {
    number: 7,
    sharedFields: [
      'name',
      'gender',
      'retireeIdentity',
      'birthDate',
      'idType',
      'idNumber',
      'phone',
      'pensionAccount',
      'pensionFormDelivery',
      'residenceAddress',
      'deemedContributionMonths',
      'actualContributionMonths',
    ],
    items: [
      ['PENSION_TRANSFER_IN_ENTERPRISE', '企业职工养老保险关系转入', 'OPTIONAL'],
      ['PENSION_TRANSFER_IN_INSTITUTION', '机关事业单位养老保险关系转入', 'OPTIONAL'],
      ['PENSION_TRANSFER_IN_RESIDENT', '城乡居民养老保险关系转入', 'OPTIONAL'],
      ['MULTIPLE_ACCOUNT_REFUND', '养老保险多重关系个人账户退费申请', 'OPTIONAL'],
      ['RETIREMENT_APPLICATION', '正常退休申请', 'OPTIONAL'],
      ['RETIREMENT_EARLY', '提前退休申请', 'OPTIONAL'],
      ['WORK_ABILITY_APPRAISAL', '劳动能力鉴定申请', 'PRESELECTED'],
      ['RETIREMENT_LUMP_SUM', '一次性待遇申请', 'OPTIONAL'],
      ['WORK_INJURY_BENEFIT_TOP_UP', '工伤保险待遇补差', 'AUTOMATIC'],
      ['UNEMPLOYMENT_BENEFIT_STOP', '失业保险金停发', 'AUTOMATIC'],
      ['LABOR_FILING_TERMINATION', '劳动用工备案', 'AUTOMATIC'],
      ['ARREARS_PAYMENT', '社保欠费补缴申报', 'OPTIONAL'],
      CARD('OPTIONAL'),
    ],
  },
  'national-work-death-benefits': {
    number: 8,
    sharedFields: ['deceasedName', 'deceasedGender', 'deathDate', 'deceasedIdType', 'deceasedIdNumber', ...AGENT_FIELDS],
    items: [
      ['INJURY_MEDICAL_EXPENSES', '工伤医疗费用申报', 'OPTIONAL'],
      ['INPATIENT_FOOD_ALLOWANCE', '住院伙食补助费申领', 'AUTOMATIC'],
      ['OUT_OF_AREA_TREATMENT_REPORT', '异地工伤就医报告', 'OPTIONAL'],
      ['OUT_OF_AREA_TRAVEL_EXPENSES', '统筹地区以外交通、食宿费申领', 'OPTIONAL'],
      ['WORK_DEATH_GRANTS', '一次性工亡补助金、丧葬补助金', 'OPTIONAL'],
      ['DEPENDANT_PENSION', '供养亲属抚恤金申领', 'OPTIONAL'],
      ['BENEFIT_ACCOUNT_CHANGE', '待遇发放账户变更', 'OPTIONAL'],
      ['CONTRIBUTOR_REDUCTION', '缴费人员增减申报-减员申报', 'PRESELECTED'],
      CARD_CANCEL,
      ['WORK_INJURY_RECOGNITION', '工伤认定申请', 'OPTIONAL'],
    ],
  },
  'national-retiree-death': {
    number: 9,
    sharedFields: [
      'deceasedName',
      'deceasedGender',
      'deathDate',
      'deceasedIdType',
      'deceasedIdNumber',
      'agentName',
      'agentIdNumber',
      'agentPhone',
      'agentRelationship',
    ],
    items: [
      ['SURVIVOR_BENEFITS', '养老保险遗属待遇申领', 'OPTIONAL'],
      ['PERSONAL_ACCOUNT_LUMP_SUM', '养老保险个人账户一次性待遇申领', 'OPTIONAL'],
      ['BENEFIT_ACCOUNT_CHANGE', '待遇领取银行账户', 'OPTIONAL'],
      ['WORK_INJURY_BENEFIT_CHANGE', '工伤保险待遇变更', 'OPTIONAL'],
      CARD_CANCEL,
    ],
  },
  'national-social-security-card': {
    number: 10,
    sharedFields: [
      'name',
      'gender',
      'nationality',
      'ethnicity',
      'occupation',
      'domicileOrWorkAddress',
      'idType',
      'idNumber',
      'idValidUntil',
      'phone',
      'mailingAddress',
      'mailingRecipient',
      'mailingPhone',
    ],
    items: [
      CARD('OPTIONAL'),
      ['CARD_REISSUE', '社会保障卡补领', 'OPTIONAL'],
      ['CARD_RENEWAL', '社会保障卡换领', 'OPTIONAL'],
      ['CARD_REPLACEMENT', '社会保障卡换发', 'OPTIONAL'],
      ['CARD_ENABLE', '社会保障卡社保功能启用', 'OPTIONAL'],
      ['CARD_BANK_ACTIVATION', '社会保障卡银行账户激活', 'OPTIONAL'],
      ['CARD_PIN_RESET', '社会保障卡密码修改与重置', 'OPTIONAL'],
      ['CARD_LOSS_REPORT', '社会保障卡挂失与解挂', 'OPTIONAL'],
    ],
  },
};

/** Jiangsu plan Attachment 1, transcribed row by row with the table's own item names. */
type JsRow = readonly [tableName: string, selection: 'REQUIRED' | 'OPTIONAL', scenarios?: readonly string[]];
interface JiangsuExpectation {
  number: number;
  /** One mode, or a mode per scenario. */
  mode: string | Record<string, string>;
  items: JsRow[];
}
const CARD_JS = '社会保障卡申领';
const JIANGSU: Record<string, JiangsuExpectation> = {
  'jiangsu-insurance-registration': {
    number: 1,
    mode: 'MERGED',
    items: [
      ['用人单位用工参保登记', 'OPTIONAL'],
      ['灵活就业人员企业职工基本养老保险参保登记', 'OPTIONAL'],
    ],
  },
  'jiangsu-termination-insurance-stop': {
    number: 2,
    mode: 'PARALLEL',
    items: [
      ['用人单位退工停保登记', 'OPTIONAL'],
      ['一次性工伤医疗补助金申领', 'OPTIONAL'],
    ],
  },
  'jiangsu-graduate': {
    number: 3,
    mode: 'PARALLEL',
    items: [
      ['高校毕业生求职登记', 'OPTIONAL'],
      ['高校毕业生接收手续办理', 'OPTIONAL'],
      ['个人就业见习岗位申请', 'OPTIONAL'],
      ['流动人才党员流动管理服务', 'OPTIONAL'],
      ['人才集体户口准入办理', 'OPTIONAL'],
      [CARD_JS, 'OPTIONAL'],
    ],
  },
  'jiangsu-recruitment': {
    number: 4,
    mode: { ENTERPRISE: 'SERIAL', GRADUATES: 'SERIAL' },
    items: [
      ['招聘会展位预订', 'REQUIRED', ['ENTERPRISE']],
      ['单位网络招聘', 'REQUIRED', ['ENTERPRISE']],
      ['在线面试', 'OPTIONAL', ['ENTERPRISE', 'GRADUATES']],
      ['高校毕业生招聘会展位申请', 'REQUIRED', ['GRADUATES']],
      ['高校毕业生网络招聘', 'REQUIRED', ['GRADUATES']],
    ],
  },
  'jiangsu-employer-hiring': {
    number: 5,
    mode: 'PARALLEL',
    items: [
      ['电子合同签订', 'OPTIONAL'],
      ['用人单位用工参保登记', 'OPTIONAL'],
      ['高校毕业生接收手续办理', 'OPTIONAL'],
      ['流动人员人事档案接收', 'OPTIONAL'],
      ['小微企业吸纳高校毕业生社保补贴申领', 'OPTIONAL'],
      ['单位吸纳就业困难人员社保补贴申领', 'OPTIONAL'],
      [CARD_JS, 'OPTIONAL'],
    ],
  },
  'jiangsu-difficulty-subsidy': {
    number: 6,
    mode: 'SERIAL',
    items: [
      ['就业困难人员认定', 'REQUIRED'],
      ['灵活就业人员企业职工基本养老保险参保登记', 'OPTIONAL'],
      ['灵活就业人员社保补贴申领', 'OPTIONAL'],
      [CARD_JS, 'OPTIONAL'],
    ],
  },
  'jiangsu-insurance-transfer-in': {
    number: 7,
    mode: 'PARALLEL',
    items: [
      ['企业职工基本养老保险关系制度内转移（转入办理）', 'OPTIONAL'],
      ['失业保险关系转入', 'OPTIONAL'],
      [CARD_JS, 'OPTIONAL'],
    ],
  },
  'jiangsu-entrepreneurship': {
    number: 8,
    mode: { PERSONAL: 'PARALLEL', ENTERPRISE: 'PARALLEL' },
    items: [
      ['创业培训', 'OPTIONAL', ['PERSONAL']],
      ['个人富民创业担保贷款申请（资质认定）', 'OPTIONAL', ['PERSONAL']],
      ['创业场地租金补贴申领', 'OPTIONAL', ['PERSONAL', 'ENTERPRISE']],
      [CARD_JS, 'OPTIONAL', ['PERSONAL']],
      ['一次性创业补贴申领', 'OPTIONAL', ['ENTERPRISE']],
      ['创业带动就业补贴申领', 'OPTIONAL', ['ENTERPRISE']],
      ['创业基地运营补贴申领', 'OPTIONAL', ['ENTERPRISE']],
      ['创业失败社保补贴申领', 'OPTIONAL', ['ENTERPRISE']],
      ['小微企业富民创业担保贷款申请（条件认定）', 'OPTIONAL', ['ENTERPRISE']],
    ],
  },
  'jiangsu-unemployment': {
    number: 9,
    mode: 'SERIAL',
    items: [
      ['失业登记', 'REQUIRED'],
      ['失业保险金申领', 'OPTIONAL'],
      ['就业意愿采集', 'OPTIONAL'],
      ['就业困难人员认定', 'OPTIONAL'],
      [CARD_JS, 'OPTIONAL'],
    ],
  },
  'jiangsu-institution-new-staff': {
    number: 10,
    mode: 'SERIAL',
    items: [
      ['人员调入', 'REQUIRED'],
      ['事业单位工作人员工资变动核定', 'REQUIRED'],
      ['事业单位录用应届高校毕业生手续办理', 'OPTIONAL'],
      ['事业单位录用流动人才手续办理', 'OPTIONAL'],
      ['事业单位录用留学回国人员手续办理', 'OPTIONAL'],
      ['事业单位新进人员聘用核准备案', 'REQUIRED'],
      ['机关事业单位养老保险人员增加登记', 'REQUIRED'],
    ],
  },
  'jiangsu-work-injury-benefits': {
    number: 11,
    mode: 'SERIAL',
    items: [
      ['工伤医疗（康复、住院伙食补助）费用申领', 'REQUIRED'],
      ['一次性工亡补助金（含生活困难，预支50%确认）、丧葬补助金申领', 'OPTIONAL'],
      ['伤残待遇申领（一次性伤残补助金、伤残津贴和生活护理费）', 'OPTIONAL'],
      ['工亡职工供养亲属抚恤金申领', 'OPTIONAL'],
      ['工伤保险待遇变更', 'OPTIONAL'],
      ['一次性工伤医疗补助金申领', 'OPTIONAL'],
      ['统筹地区以外交通、食宿费申领', 'OPTIONAL'],
      ['辅助器具配置（更换）费用申领', 'OPTIONAL'],
      ['非协议机构急诊医疗费用申领', 'OPTIONAL'],
    ],
  },
  'jiangsu-retirement': {
    number: 12,
    mode: { ENTERPRISE_EMPLOYEE: 'SERIAL', INSTITUTION_STAFF: 'SERIAL', RURAL_URBAN_RESIDENT: 'SERIAL' },
    items: [
      ['企业职工基本养老保险退休审批', 'REQUIRED', ['ENTERPRISE_EMPLOYEE']],
      ['企业职工基本养老保险待遇审核', 'OPTIONAL', ['ENTERPRISE_EMPLOYEE']],
      ['企业职工基本养老保险特殊工种提前退休审批', 'OPTIONAL', ['ENTERPRISE_EMPLOYEE']],
      [CARD_JS, 'OPTIONAL', ['ENTERPRISE_EMPLOYEE', 'INSTITUTION_STAFF', 'RURAL_URBAN_RESIDENT']],
      ['机关事业单位养老保险待遇核准', 'REQUIRED', ['INSTITUTION_STAFF']],
      ['城乡居民基本养老保险待遇申领', 'REQUIRED', ['RURAL_URBAN_RESIDENT']],
      ['城乡居民基本养老保险费补缴', 'OPTIONAL', ['RURAL_URBAN_RESIDENT']],
      ['城乡居民基本养老保险关系制度内转移（转入办理）', 'OPTIONAL', ['RURAL_URBAN_RESIDENT']],
    ],
  },
  'jiangsu-death': {
    number: 13,
    mode: { WORK_INJURY: 'PARALLEL', EMPLOYEE: 'SERIAL' },
    items: [
      ['一次性工亡补助金（含生活困难，预支50%确认）、丧葬补助金申领', 'OPTIONAL', ['WORK_INJURY']],
      ['工亡职工供养亲属抚恤金申领', 'OPTIONAL', ['WORK_INJURY']],
      [CARD_JS, 'OPTIONAL', ['WORK_INJURY']],
      ['企业职工和离退休人员因病或非因工死亡及供养直系亲属待遇核定', 'REQUIRED', ['EMPLOYEE']],
      ['基本养老保险个人账户（个人账户余额）一次性支付核定', 'OPTIONAL', ['EMPLOYEE']],
      ['失业保险丧葬补助金和抚恤金申领', 'OPTIONAL', ['EMPLOYEE']],
      ['社会保障卡注销', 'OPTIONAL', ['EMPLOYEE']],
    ],
  },
  'jiangsu-resident-pension-cancellation': {
    number: 14,
    mode: 'SERIAL',
    items: [
      ['城乡居民养老保险关系注销', 'REQUIRED'],
      ['城乡居民养老保险个人账户一次性支付核定', 'OPTIONAL'],
      ['丧葬补助金申领', 'OPTIONAL'],
    ],
  },
};

/** Fields of every national item: [name, label] exactly as the notice lists them (shared ones included). */
const NATIONAL_FIELDS: Record<string, Array<[string, string]>> = {
  CONTRIBUTOR_ADDITION: [['insuranceTypes', '险种']],
  CONTRIBUTOR_REDUCTION: [
    ['reductionReason', '减员原因'],
    ['reductionDate', '减员时间'],
  ],
  ARREARS_PAYMENT: [
    ['paymentMethod', '补缴方式'],
    ['arrearsFrom', '补缴时间（补缴期限）起'],
    ['arrearsTo', '补缴时间（补缴期限）止'],
  ],
  EMPLOYER_INSURANCE_REGISTRATION: [
    ['insuranceTypes', '参保险种'],
    ['byConstructionProject', '工伤保险按工程建设项目参保登记'],
  ],
  EMPLOYEE_INSURANCE_REGISTRATION: [['contributionBase', '申报缴费基数']],
  FLEXIBLE_EMPLOYMENT_INSURANCE: [
    ['insuranceTypes', '参保险种'],
    ['startDate', '参保/续保时间'],
    ['contributionGrade', '缴费档次'],
  ],
  RESIDENT_PENSION_ENROLLMENT: [],
  PENSION_TRANSFER_IN_ENTERPRISE: [['transferOutAgencyName', '转出地社保经办机构名称']],
  PENSION_TRANSFER_IN_INSTITUTION: [['transferOutAgencyName', '转出地社保经办机构名称']],
  PENSION_TRANSFER_IN_MILITARY: [['transferOutAgencyName', '转出地社保经办机构名称']],
  PENSION_TRANSFER_IN_MILITARY_SPOUSE: [['transferOutAgencyName', '转出地社保经办机构名称']],
  PENSION_TRANSFER_IN_RESIDENT: [['transferOutAgencyName', '转出地社保经办机构名称']],
  UNEMPLOYMENT_INSURANCE_TRANSFER_IN: [['transferOutAgencyName', '转出地社保经办机构名称']],
  UNEMPLOYMENT_BENEFIT: [['bankAccount', '本人银行账户']],
  UNEMPLOYED_MEDICAL_PREMIUM: [],
  PRICE_SUBSIDY: [],
  UNEMPLOYMENT_BENEFIT_STOP: [],
  WORK_INJURY_BENEFIT_TOP_UP: [],
  MULTIPLE_ACCOUNT_REFUND: [],
  RETIREMENT_APPLICATION: [],
  RETIREMENT_EARLY: [
    ['earlyRetirementCategory', '提前退休类别'],
    ['specialWorkName', '从事特殊工种名称'],
    ['specialWorkNature', '从事特殊工种性质'],
    ['specialWorkYears', '从事特殊工种工作年限'],
    ['specialWorkEmployer', '从事特殊工种单位'],
  ],
  WORK_ABILITY_APPRAISAL: [],
  RETIREMENT_LUMP_SUM: [],
  WORK_INJURY_RECOGNITION: [],
  INJURY_MEDICAL_EXPENSES: [
    ['expenseTypes', '费用类型'],
    ['receiptCount', '票据数'],
    ['amount', '金额'],
    ['outpatientReceiptCount', '门诊费用票据数'],
    ['outpatientAmount', '门诊费用金额'],
    ['inpatientReceiptCount', '住院费用票据数'],
    ['inpatientAmount', '住院费用金额'],
  ],
  INPATIENT_FOOD_ALLOWANCE: [],
  OUT_OF_AREA_TREATMENT_REPORT: [],
  OUT_OF_AREA_TRAVEL_EXPENSES: [
    ['receiptCount', '票据数'],
    ['amount', '金额'],
  ],
  WORK_DEATH_GRANTS: [
    ['diedDuringPaidLeave', '停工留薪期内死亡'],
    ['diedAfterPaidLeaveGrade1To4', '一至四级停工留薪期满后死亡'],
    ['declaredDeadByCourt', '下落不明达到法定期限由人民法院宣告死亡'],
  ],
  DEPENDANT_PENSION: [['dependantAccount', '抚恤金领取账户']],
  BENEFIT_ACCOUNT_CHANGE: [
    ['deceasedBenefitAccount', '过世人原待遇领取银行账户'],
    ['heirBankAccount', '继承人银行账户'],
  ],
  SURVIVOR_BENEFITS: [
    ['heirName', '继承人姓名'],
    ['heirRelationship', '与过世人关系'],
  ],
  PERSONAL_ACCOUNT_LUMP_SUM: [
    ['heirIdType', '继承人证件类型'],
    ['heirIdNumber', '继承人证件号码'],
  ],
  WORK_INJURY_BENEFIT_CHANGE: [],
  // 邮寄地址 / 收件人 / 联系电话 are the shared mailing fields (asked once per form), needed when 邮寄.
  CARD_APPLICATION: [
    ['mailingAddress', '邮寄地址'],
    ['mailingRecipient', '收件人'],
    ['mailingPhone', '联系电话'],
    ['deliveryMethod', '领卡方式'],
  ],
  CARD_REISSUE: [['reason', '办理原因']],
  CARD_RENEWAL: [['reason', '办理原因']],
  CARD_REPLACEMENT: [['reason', '办理原因']],
  CARD_ENABLE: [],
  CARD_BANK_ACTIVATION: [],
  CARD_PIN_RESET: [],
  CARD_LOSS_REPORT: [],
  CARD_CANCELLATION: [
    ['agentName', '代办人姓名'],
    ['agentIdNumber', '代办人证件号码'],
    ['agentPhone', '代办人手机号码'],
    ['agentRelationship', '代办人与过世人关系'],
  ],
  ARCHIVE_TRANSFER_IN: [
    ['originalArchiveAgency', '原档案管理服务机构信息'],
    ['deliveryMethod', '获取档案调函方式'],
    ['deliveryAddress', '邮寄地址'],
    ['deliveryRecipient', '收件人'],
    ['deliveryPhone', '联系电话'],
  ],
  // 持拟聘用单位开具的档案调函: the unit is the shared 单位名称; the letter's number and date and the post's address are derived.
  ARCHIVE_TRANSFER_OUT: [['unitName', '单位名称']],
  PARTY_MEMBERSHIP_TRANSFER_IN: [
    ['memberCategory', '人员类别'],
    ['partyJoinDate', '入党日期'],
  ],
  PARTY_MEMBERSHIP_TRANSFER_OUT: [['receivingPartyBranch', '转入党支部名称']],
  NEW_HIRE_INFO: [
    ['birthDate', '出生日期'],
    ['educationLevel', '学历'],
    ['degree', '学位'],
    ['graduateSchool', '毕业院校'],
    ['post', '聘用岗位'],
    ['previousEmployer', '聘用前单位'],
    ['postCategory', '聘用岗位类别'],
    ['postGrade', '聘用岗位等级'],
    ['termStart', '聘用起始时间'],
    ['termEnd', '聘用终止时间'],
    ['contractYears', '合同年限'],
  ],
  NEW_HIRE_SALARY_APPROVAL: [],
  EMPLOYMENT_REGISTRATION: [],
  UNEMPLOYMENT_REGISTRATION: [],
  EMPLOYMENT_CERTIFICATE: [['paperCertificate', '需纸质《就业创业证》']],
  EMPLOYMENT_DIFFICULTY_RECOGNITION: [['difficultyCategory', '就业困难人员类型']],
  JOB_INTRODUCTION: [
    ['desiredJob', '求职意向'],
    ['expectedMonthlySalary', '期望月薪'],
    ['desiredRegion', '择业地区'],
    ['resumeVisibility', '简历公开程度'],
  ],
  EMPLOYMENT_SERVICES: [['services', '就业服务']],
  VOCATIONAL_TRAINING_SUBSIDY: [],
  FLEXIBLE_EMPLOYMENT_SUBSIDY: [['subsidyAccount', '补贴领取账户']],
  SUBSIDY_HIRING_DISADVANTAGED: [],
  SUBSIDY_HIRING_GRADUATES: [],
  SUBSIDY_PUBLIC_WELFARE_POST: [],
  E_LABOR_CONTRACT: [],
  LABOR_FILING_TERMINATION: [['terminationDate', '劳动合同解除或终止时间']],
  BUSINESS_START_GUIDANCE: [],
  STARTUP_LOAN_PERSONAL: [
    ['founderIdentity', '创办者身份'],
    ['loanAmount', '拟贷款金额'],
    ['loanTermMonths', '拟贷款期限'],
    ['lendingBank', '拟申请贷款银行'],
    ['guaranteeMethod', '拟申请担保方式'],
    ['loanPurpose', '贷款用途'],
    ['outstandingLoans', '本人及其配偶未清偿贷款情况'],
  ],
  STARTUP_LOAN_ENTERPRISE: [
    ['enterpriseType', '企业类型'],
    ['loanAmount', '拟贷款金额'],
    ['loanTermMonths', '拟贷款期限'],
    ['lendingBank', '拟申请贷款银行'],
    ['guaranteeMethod', '拟申请担保方式'],
    ['totalEmployees', '职工总数'],
    ['keyGroupHires', '招用重点人群数'],
  ],
  STARTUP_SUBSIDY: [['founderIdentity', '创办者身份']],
  STAFFING_ENROLLMENT: [],
  FINANCE_PAYROLL_ENROLLMENT: [],
  HOUSING_FUND_REGISTRATION: [],
};
/** National items whose fields the notice does not list, only describes (so they are derived). */
const NATIONAL_DERIVED = ['LABOR_FILING_HIRE'];

const namesOf = (code: string): string[] => {
  const item = catalog.items.get(code)!;
  return [item.name, ...item.aliases];
};
const strip = (s: string): string => s.replace(/\s+/g, '');
const modeOf = (b: Bundle, scenario: string | null): string | null => (scenario ? b.scenarios.find((s) => s.code === scenario)?.mode : b.mode) ?? null;

describe('catalog data: counts and ownership', () => {
  it('has the 10 national and 14 provincial bundles, each numbered once', () => {
    const byDoc = (doc: string) =>
      [...catalog.bundles.values()]
        .filter((b) => b.source.document === doc)
        .map((b) => b.source.number)
        .sort((a, b) => a - b);
    expect(byDoc('NATIONAL_NOTICE_2021_23')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(byDoc('JIANGSU_PLAN')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(catalog.bundles.size).toBe(24);
    expect(new Set([...Object.keys(NATIONAL), ...Object.keys(JIANGSU)])).toEqual(new Set(catalog.bundles.keys()));
  });

  it("lists the other departments' items (编制, 财政工资统发, 公积金) as external, not dropped", () => {
    expect(catalog.externalItems.map((i) => [i.code, i.department])).toEqual([
      ['STAFFING_ENROLLMENT', '机构编制部门'],
      ['FINANCE_PAYROLL_ENROLLMENT', '财政部门'],
      ['HOUSING_FUND_REGISTRATION', '住房公积金管理中心'],
    ]);
  });

  it('gives every subgraph item a unique mutation whose input type is its capitalised name + Input', () => {
    for (const subgraph of SUBGRAPH_NAMES) {
      const items = catalog.itemsBySubgraph.get(subgraph)!;
      expect(items.length).toBeGreaterThan(0);
      const mutations = items.map((i) => i.mutation);
      expect(new Set(mutations).size).toBe(items.length);
      for (const item of items) {
        expect(item.mutation).toMatch(/^[a-z][a-zA-Z0-9]*$/);
        expect(item.inputTypeName).toBe(`${item.mutation!.charAt(0).toUpperCase()}${item.mutation!.slice(1)}Input`);
      }
    }
    expect(catalog.itemsBySubgraph.get('employment')!.find((i) => i.code === 'UNEMPLOYMENT_REGISTRATION')?.inputTypeName).toBe('RegisterUnemploymentInput');
  });

  it('uses every item in at least one bundle and every material in at least one item', () => {
    const used = new Set([...catalog.bundles.values()].flatMap((b) => b.items.map((e) => e.code)));
    expect([...catalog.items.keys()].filter((c) => !used.has(c))).toEqual([]);
    const materialsUsed = new Set([...catalog.items.values()].flatMap((i) => i.materials.map((m) => m.material.id)));
    expect([...catalog.materials.keys()].filter((m) => !materialsUsed.has(m))).toEqual([]);
  });

  it('maps every field of every item to a GraphQL type', () => {
    for (const item of catalog.items.values()) {
      for (const f of item.fields) expect(graphqlTypeOf(f)).toMatch(/^(\[?[A-Z][A-Za-z]*!?\]?!?)$/);
    }
  });

  it('is frozen', () => {
    const item = catalog.items.get('UNEMPLOYMENT_BENEFIT')!;
    expect(Object.isFrozen(item)).toBe(true);
    expect(Object.isFrozen(item.fields)).toBe(true);
    expect(() => (catalog.items as Map<string, unknown>).set('X', {})).toThrow(/read-only/);
  });
});

describe('catalog data: national notice (人社部发〔2021〕23号 附件1)', () => {
  it.each(Object.entries(NATIONAL))('%s has exactly its source items, selections and 基本信息', (code, expected) => {
    const bundle = catalog.bundles.get(code)!;
    expect(bundle.source).toEqual({ document: 'NATIONAL_NOTICE_2021_23', number: expected.number });
    expect(bundle.scenarios).toEqual([]);
    expect(bundle.mode).toBe('PARALLEL');
    expect(bundle.sharedFields.map((s) => s.field.name)).toEqual(expected.sharedFields);
    const actual = bundle.items.map((e) => [e.code, e.selection]).sort();
    expect(actual).toEqual(expected.items.map(([c, , s]) => [c, s]).sort());
    for (const [c, sourceName] of expected.items) expect(namesOf(c)).toContain(sourceName);
  });

  it("gives every national item exactly the fields the notice lists, with the notice's labels", () => {
    const nationalCodes = new Set(Object.keys(NATIONAL).flatMap((b) => catalog.bundles.get(b)!.items.map((e) => e.code)));
    expect(new Set([...Object.keys(NATIONAL_FIELDS), ...NATIONAL_DERIVED])).toEqual(nationalCodes);
    for (const [code, fields] of Object.entries(NATIONAL_FIELDS)) {
      const item = catalog.items.get(code)!;
      expect({ code, source: item.fieldsSource }).toEqual({ code, source: 'national-notice' });
      const actual = [...item.sharedFields, ...item.fields.filter((f) => !f.derived)].map((f) => [f.name, f.label]);
      expect({ code, fields: actual }).toEqual({ code, fields });
    }
    for (const code of NATIONAL_DERIVED) expect(catalog.items.get(code)!.fieldsSource).toBe('derived');
  });

  it("uses the notice's enum wording", () => {
    const labels = (name: string) => catalog.enums.get(name)!.values.map((v) => v.label);
    expect(labels('DeliveryMethod')).toEqual(['现场领取', '邮寄']);
    expect(labels('PartyMemberCategory')).toEqual(['正式党员', '预备党员']);
    expect(labels('ResumeVisibility')).toEqual(['只对投递的单位公开', '对全部单位公开', '不公开']);
    expect(labels('RetireeIdentity')).toEqual(['干部', '工人', '灵活就业人员']);
    expect(labels('InsuranceType')).toEqual(expect.arrayContaining(['企业职工基本养老保险', '工伤保险', '失业保险']));
    // 工亡's three death situations are their own checkboxes (附件1 八(三)2), not one list.
    expect(catalog.items.get('WORK_DEATH_GRANTS')!.fields.map((f) => f.type)).toEqual(['BOOLEAN', 'BOOLEAN', 'BOOLEAN']);
    expect(labels('EmploymentServiceType')).toEqual(
      expect.arrayContaining([
        '就业政策法规咨询',
        '职业供求信息推送',
        '职业指导',
        '就业见习',
        '职业培训',
        '创业指导',
        '职业技能鉴定（或职业技能等级认定）',
        '创业培训',
        '公益性岗位',
      ]),
    );
    const card = catalog.items.get('CARD_APPLICATION')!;
    expect(card.sharedFields.find((f) => f.name === 'mailingAddress')!.requiredWhen).toEqual({ field: 'CARD_APPLICATION.deliveryMethod', equals: 'MAIL' });
    expect(catalog.items.get('CONTRIBUTOR_ADDITION')!.fields[0]!.type).toBe('ENUM_LIST');
    expect(catalog.items.get('UNEMPLOYMENT_BENEFIT')!.fields.find((f) => f.name === 'bankAccount')!.required).toBe(false);
    expect(catalog.items.get('ARCHIVE_TRANSFER_IN')!.commitmentAllowed).toBe(true);
  });

  it("carries the notice's notes", () => {
    for (const code of ['national-employer-hiring', 'national-institution-hiring', 'national-entrepreneurship']) {
      expect(catalog.bundles.get(code)!.notes).toContain('如涉及失业保险金停发等情形，可在表内一并告知。');
    }
    expect(catalog.bundles.get('national-employer-hiring')!.notes).toContain('如勾选“劳动用工备案”，用人单位应及时补充招用员工具体信息。');
  });

  it('如涉及失业保险金停发 is a real item: 失业保险金停发 is added whenever the person draws the benefit (招用, 事业单位聘用, 创业)', () => {
    for (const code of ['national-employer-hiring', 'national-institution-hiring', 'national-entrepreneurship']) {
      const entry = catalog.bundles.get(code)!.items.find((e) => e.code === 'UNEMPLOYMENT_BENEFIT_STOP');
      expect({ code, selection: entry?.selection, when: entry?.when }).toEqual({ code, selection: 'AUTOMATIC', when: { fact: 'drawsUnemploymentBenefit' } });
    }
  });

  // 附件1 lists every field of every item per bundle: a reused item asks, in each bundle, only those.
  it.each([
    // bundle, item, fields asked, left out (the item does without), derived by the gateway
    ['national-institution-hiring', 'EMPLOYEE_INSURANCE_REGISTRATION', [], ['contributionBase'], []], // 五(三)1
    ['national-institution-hiring', 'CONTRIBUTOR_ADDITION', [], [], ['insuranceTypes']], // 五(三)2
    ['national-entrepreneurship', 'EMPLOYEE_INSURANCE_REGISTRATION', ['contributionBase'], [], []], // 六(四)2 申报缴费基数
    ['national-work-death-benefits', 'CONTRIBUTOR_REDUCTION', [], [], ['reductionReason', 'reductionDate']], // 八(四)1
    ['national-employer-termination', 'CONTRIBUTOR_REDUCTION', ['reductionReason', 'reductionDate'], [], []], // 二(二)1 减员原因、减员时间
    ['national-retirement', 'LABOR_FILING_TERMINATION', [], ['terminationDate'], []], // 七(五)2
    ['national-employer-termination', 'LABOR_FILING_TERMINATION', ['terminationDate'], [], []], // 二(三) 劳动合同解除或终止时间
    ['national-graduate-employment', 'EMPLOYMENT_CERTIFICATE', [], ['paperCertificate'], []], // 四(二)4
    ['national-entrepreneurship', 'EMPLOYMENT_CERTIFICATE', [], ['paperCertificate'], []], // 六(六)1
    ['national-unemployment', 'EMPLOYMENT_CERTIFICATE', ['paperCertificate'], [], []], // 三(二)2 需纸质《就业创业证》的
  ])('%s asks %s for the fields its source lists', (bundleCode, code, asked, omitted, derived) => {
    const entry = catalog.bundles.get(bundleCode)!.items.find((e) => e.code === code)!;
    expect(entry.fields.map((f) => f.name)).toEqual(asked);
    expect(entry.omitted).toEqual(omitted);
    expect(entry.derived.map((d) => d.field.name)).toEqual(derived);
    // The merged form asks exactly those; the item itself keeps every field.
    const form = mergedForm(catalog.bundles.get(bundleCode)!, null, [code]);
    expect(form.items.find((i) => i.code === code)!.fields.map((f) => f.field.name)).toEqual(asked);
    expect(catalog.items.get(code)!.fields.map((f) => f.name)).toEqual(expect.arrayContaining([...asked, ...omitted, ...derived]));
  });

  it('工亡 derives 减员原因 (死亡) and 减员时间 (the death date) instead of asking them', () => {
    const entry = catalog.bundles.get('national-work-death-benefits')!.items.find((e) => e.code === 'CONTRIBUTOR_REDUCTION')!;
    expect(entry.derived.map((d) => [d.field.name, d.from])).toEqual([
      ['reductionReason', { value: 'DEATH', basis: '因工死亡' }],
      ['reductionDate', { sharedField: 'deathDate', basis: '死亡时间' }],
    ]);
  });

  it('a required field a bundle may leave out says what the item does without it, and is optional in the mutation input', () => {
    const field = (code: string, name: string) => catalog.items.get(code)!.fields.find((f) => f.name === name)!;
    expect(field('EMPLOYEE_INSURANCE_REGISTRATION', 'contributionBase')).toMatchObject({ required: true, whenAbsent: expect.stringContaining('待核定') });
    expect(field('LABOR_FILING_TERMINATION', 'terminationDate')).toMatchObject({
      required: true,
      whenAbsent: expect.stringContaining('劳动合同法实施条例 第21条'),
    });
    expect(itemInputFields(catalog.items.get('EMPLOYEE_INSURANCE_REGISTRATION')!)).toEqual([{ name: 'contributionBase', type: 'Decimal' }]);
    expect(itemInputFields(catalog.items.get('CONTRIBUTOR_REDUCTION')!)).toEqual([
      { name: 'reductionReason', type: 'ReductionReason!' },
      { name: 'reductionDate', type: 'Date!' },
    ]);
  });

  it('增员申报 (招用, 创业) and 单位参保登记 (创业) offer only the three schemes the notice lists; 事业单位聘用 keeps 机关事业单位养老保险', () => {
    const offered = (bundle: string, item: string) =>
      catalog.bundles
        .get(bundle)!
        .items.find((e) => e.code === item)!
        .fields.find((f) => f.name === 'insuranceTypes')!
        .values!.map((v) => v.value);
    const three = ['ENTERPRISE_PENSION', 'WORK_INJURY', 'UNEMPLOYMENT'];
    expect(offered('national-employer-hiring', 'CONTRIBUTOR_ADDITION')).toEqual(three);
    expect(offered('national-entrepreneurship', 'CONTRIBUTOR_ADDITION')).toEqual(three);
    expect(offered('national-entrepreneurship', 'EMPLOYER_INSURANCE_REGISTRATION')).toEqual(three);
    // 事业单位聘用 does not ask the schemes (附件1 五(三)2): they are those of a 事业单位's staff, 机关事业单位养老保险 among them.
    const institution = catalog.bundles.get('national-institution-hiring')!.items.find((e) => e.code === 'CONTRIBUTOR_ADDITION')!;
    expect(institution.fields).toEqual([]);
    expect(institution.derived.map((d) => [d.field.name, d.from])).toEqual([
      ['insuranceTypes', { value: ['INSTITUTION_PENSION', 'WORK_INJURY', 'UNEMPLOYMENT'], basis: expect.stringContaining('国发〔2015〕2号') }],
    ]);
    // The merged form offers the bundle's values; the item's contract keeps all four.
    const form = mergedForm(catalog.bundles.get('national-employer-hiring')!, null, ['CONTRIBUTOR_ADDITION']);
    expect(form.items[0]!.fields[0]!.field.values!.map((v) => v.value)).toEqual(three);
    expect(catalog.items.get('CONTRIBUTOR_ADDITION')!.fields[0]!.values!.map((v) => v.value)).toContain('INSTITUTION_PENSION');
  });

  it.each([
    ['RETIREMENT_APPLICATION', '渐进式延迟法定退休年龄办法 第4条'],
    ['RETIREMENT_EARLY', '国发〔1978〕104号'],
    ['RETIREMENT_EARLY', '渐进式延迟法定退休年龄办法 第2条'],
    ['SPECIAL_WORK_EARLY_RETIREMENT_APPROVAL', '国发〔1978〕104号'],
    ['UNEMPLOYMENT_BENEFIT', '失业保险条例 第17条'],
    ['PENSION_TRANSFER_IN_ENTERPRISE', '转出地不能是转入地本身'],
    ['PENSION_TRANSFER_IN_RESIDENT', '转出地不能是转入地本身'],
    ['UNEMPLOYMENT_INSURANCE_TRANSFER_IN', '转出地不能是转入地本身'],
    ['FLEXIBLE_EMPLOYMENT_INSURANCE', '人社部发〔2014〕17号'],
    ['RESIDENT_PENSION_ENROLLMENT', '人社部发〔2014〕17号'],
  ])('%s states the legal basis of its rule (%s) in the catalog', (code, basis) => {
    expect(catalog.items.get(code)!.notes.join('\n')).toContain(basis);
  });

  it('职工退休: 提前退休 of any category preselects 劳动能力鉴定 (附件1 七(四)2)', () => {
    const entry = catalog.bundles.get('national-retirement')!.items.find((e) => e.code === 'WORK_ABILITY_APPRAISAL')!;
    expect({ selection: entry.selection, when: entry.when }).toEqual({ selection: 'PRESELECTED', when: { chosen: 'RETIREMENT_EARLY' } });
  });
});

describe('catalog data: Jiangsu plan (附件1 江苏省人社服务“一件事”清单)', () => {
  it.each(Object.entries(JIANGSU))('%s has exactly its table rows, modes and scenarios', (code, expected) => {
    const bundle = catalog.bundles.get(code)!;
    expect(bundle.source).toEqual({ document: 'JIANGSU_PLAN', number: expected.number });
    if (typeof expected.mode === 'string') {
      expect(bundle.scenarios).toEqual([]);
      expect(bundle.mode).toBe(expected.mode);
    } else {
      expect(bundle.scenarios.map((s) => s.code)).toEqual(Object.keys(expected.mode));
      for (const [sc, mode] of Object.entries(expected.mode)) expect(modeOf(bundle, sc)).toBe(mode);
    }
    const rows = bundle.items.map((e) => {
      const row = expected.items.find(([name]) => namesOf(e.code).map(strip).includes(strip(name)));
      return [row?.[0] ?? `unmatched ${e.code}`, e.selection, e.scenarios ?? null];
    });
    const wanted = expected.items.map(([name, sel, scs]) => [name, sel, scs ?? null]);
    expect(rows.map((r) => JSON.stringify(r)).sort()).toEqual(wanted.map((r) => JSON.stringify(r)).sort());
    expect(bundle.sharedFieldsSource).toBe('derived');
  });

  /** 办事对象 per bundle (or scenario, or row where rows differ): P 个人, E 单位, PE 个人(单位). */
  const APPLICANT: Record<string, Record<string, 'P' | 'E' | 'PE'>> = {
    'jiangsu-insurance-registration': { 用人单位用工参保登记: 'E', 灵活就业人员企业职工基本养老保险参保登记: 'P' },
    'jiangsu-termination-insurance-stop': { 用人单位退工停保登记: 'E', 一次性工伤医疗补助金申领: 'PE' },
    'jiangsu-graduate': { '*': 'P' },
    'jiangsu-recruitment': { '*': 'E' },
    'jiangsu-employer-hiring': { '*': 'E' },
    'jiangsu-difficulty-subsidy': { '*': 'P' },
    'jiangsu-insurance-transfer-in': { '*': 'P' },
    'jiangsu-entrepreneurship': { PERSONAL: 'P', ENTERPRISE: 'E' },
    'jiangsu-unemployment': { '*': 'P' },
    'jiangsu-institution-new-staff': { '*': 'E' },
    'jiangsu-work-injury-benefits': { '*': 'PE' },
    'jiangsu-retirement': { ENTERPRISE_EMPLOYEE: 'E', INSTITUTION_STAFF: 'E', RURAL_URBAN_RESIDENT: 'P' },
    'jiangsu-death': { WORK_INJURY: 'PE', EMPLOYEE: 'P' },
    'jiangsu-resident-pension-cancellation': { '*': 'P' },
  };
  const KINDS = { P: ['PERSON'], E: ['EMPLOYER'], PE: ['PERSON', 'EMPLOYER'] } as const;
  it("lets each row be applied for by the table's 办事对象", () => {
    for (const [code, spec] of Object.entries(APPLICANT)) {
      const bundle = catalog.bundles.get(code)!;
      for (const e of bundle.items) {
        const rowKey = Object.keys(spec).find((k) => namesOf(e.code).includes(k));
        const scenarioKeys = e.scenarios ?? ['*'];
        for (const key of rowKey ? [rowKey] : scenarioKeys) {
          const kinds: readonly string[] = KINDS[(spec[key] ?? spec['*'])!];
          const covered = e.item.applicantKind.filter((k) => kinds.includes(k)).sort();
          expect({ code, item: e.code, kinds: covered }).toEqual({ code, item: e.code, kinds: [...kinds].sort() });
          if (e.scenarios) expect([...bundle.scenarios.find((s) => s.code === key)!.applicantKind].sort()).toEqual([...kinds].sort());
        }
      }
    }
  });

  it('marks items found only in the provincial table as derived', () => {
    const national = new Set(Object.keys(NATIONAL).flatMap((b) => catalog.bundles.get(b)!.items.map((e) => e.code)));
    for (const item of catalog.items.values()) {
      if (!national.has(item.code)) expect({ code: item.code, source: item.fieldsSource }).toEqual({ code: item.code, source: 'derived' });
    }
  });

  const seed = resolve(process.cwd(), '..', 'shared', 'seeds', 'jiangsu-fast-service-plan-14-bundles.txt');
  (existsSync(seed) ? it : it.skip)('names every provincial row with words found in the plan itself', () => {
    const text = strip(readFileSync(seed, 'utf8'));
    for (const expected of Object.values(JIANGSU)) {
      for (const [name] of expected.items) expect({ name, found: text.includes(strip(name)) }).toEqual({ name, found: true });
    }
  });
});

describe('catalog data: local policy', () => {
  it('keeps local figures configurable, each with a value, unit and local basis', () => {
    for (const key of [
      'cardProductionDays',
      'temporaryLossExpiryDays',
      'employmentDifficultyReviewDays',
      'startupLoanPersonalCap',
      'startupLoanEnterpriseCap',
    ]) {
      const p = catalog.localPolicy.get(key);
      expect(p).toBeDefined();
      expect(p!.basis).toMatch(/local/);
      expect(typeof p!.value).toBe('number');
    }
    const card = catalog.items.get('CARD_APPLICATION')!.handling;
    expect(card).toMatchObject({
      figure: 'LOCAL_POLICY',
      localPolicyKey: 'cardProductionDays',
      workingDays: catalog.localPolicy.get('cardProductionDays')!.value,
    });
    expect(catalog.items.get('UNEMPLOYMENT_REGISTRATION')!.handling).toMatchObject({ figure: 'NONE', workingDays: null, basis: 'set by local policy' });
    expect(catalog.items.get('UNEMPLOYMENT_BENEFIT')!.handling).toMatchObject({ figure: 'NATIONAL', workingDays: 10 });
  });

  it('a figure with no honest default is null, "set by local policy", with its basis — never an invented amount', () => {
    expect(catalog.localPolicy.has('unemploymentBenefitMonthlyAmount')).toBe(false);
    expect(catalog.localPolicyUnset.get('unemploymentBenefitMonthlyAmount')).toMatchObject({
      unit: 'YUAN',
      basis: expect.stringMatching(/^set by local policy.*社会保险法 第47条/),
    });
  });

  it('reads from the project directory by default', () => {
    expect(join(catalog.dir)).toMatch(/schema[\\/]catalog$/);
  });
});
