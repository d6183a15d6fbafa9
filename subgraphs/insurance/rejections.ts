/**
 * Every rule of the insurance items that can say no, by stable code (ItemRejection.code).
 * Codes are public contract: clients and the gateway switch on them; messages may be reworded.
 */
export const InsuranceRejection = {
  /** 失业保险金 / 代缴 / 补贴: no unemployment-insurance record at all. */
  NO_UNEMPLOYMENT_INSURANCE: 'NO_UNEMPLOYMENT_INSURANCE',
  /** 失业保险金: fewer than 12 months of contributions (失业保险条例 第14条). */
  INSUFFICIENT_CONTRIBUTIONS: 'INSUFFICIENT_CONTRIBUTIONS',
  /** 失业保险金: an employer still pays unemployment insurance for the person (no 减员 yet). */
  CONTRIBUTIONS_NOT_STOPPED: 'CONTRIBUTIONS_NOT_STOPPED',
  /** 失业保险金: the unemployment reason (sharedFields.unemploymentType) is missing. */
  UNEMPLOYMENT_TYPE_MISSING: 'UNEMPLOYMENT_TYPE_MISSING',
  /** 失业保险金: the person left by their own choice (失业保险金申领发放办法 第4条). */
  VOLUNTARY_UNEMPLOYMENT: 'VOLUNTARY_UNEMPLOYMENT',
  /** 失业保险金: the unemployment date lies in the future. */
  UNEMPLOYMENT_DATE_IN_FUTURE: 'UNEMPLOYMENT_DATE_IN_FUTURE',
  /** 失业保险金: the person already draws the benefit. */
  ALREADY_DRAWING_UNEMPLOYMENT_BENEFIT: 'ALREADY_DRAWING_UNEMPLOYMENT_BENEFIT',
  /** The same item is already being handled for the person. */
  APPLICATION_IN_PROGRESS: 'APPLICATION_IN_PROGRESS',
  /** 代缴医疗保险费 / 价格临时补贴: the person neither draws nor qualifies for the unemployment benefit. */
  NO_UNEMPLOYMENT_BENEFIT: 'NO_UNEMPLOYMENT_BENEFIT',
  /** 价格临时补贴: the latest price index does not meet the trigger (发改价格〔2021〕1553号). */
  PRICE_SUBSIDY_NOT_TRIGGERED: 'PRICE_SUBSIDY_NOT_TRIGGERED',
  /** 灵活就业参保: the person is insured through an employer in the same scheme. */
  EMPLOYER_INSURED_IN_SCHEME: 'EMPLOYER_INSURED_IN_SCHEME',
  /** The person already contributes in the scheme. */
  ALREADY_INSURED: 'ALREADY_INSURED',
  /** 灵活就业参保 / 增员: no insurance type was chosen. */
  INSURANCE_TYPES_EMPTY: 'INSURANCE_TYPES_EMPTY',
  /** 灵活就业参保: the contribution grade is outside the local range. */
  CONTRIBUTION_GRADE_OUT_OF_RANGE: 'CONTRIBUTION_GRADE_OUT_OF_RANGE',
  /** 灵活就业参保: a start before this month is 补缴, a different item. */
  START_DATE_IN_PAST: 'START_DATE_IN_PAST',
  /** 城乡居民养老保险: the person contributes to an employee pension scheme. */
  IN_EMPLOYEE_PENSION: 'IN_EMPLOYEE_PENSION',
  /** 城乡居民养老保险: under 16. */
  UNDER_MINIMUM_AGE: 'UNDER_MINIMUM_AGE',
  /** 城乡居民养老保险: a full-time student (as far as the form tells). */
  IN_FULL_TIME_STUDY: 'IN_FULL_TIME_STUDY',
  /** 城乡居民养老保险: the person already draws a pension. */
  ALREADY_DRAWING_PENSION: 'ALREADY_DRAWING_PENSION',
  /** 职工参保 / 增员: the dispatch names no employer. */
  EMPLOYER_REQUIRED: 'EMPLOYER_REQUIRED',
  /** The employer has not registered with social insurance here (单位参保登记 first). */
  EMPLOYER_NOT_REGISTERED: 'EMPLOYER_NOT_REGISTERED',
  /** 职工参保 / 增员: another employer still contributes for the person in the scheme. */
  INSURED_BY_ANOTHER_EMPLOYER: 'INSURED_BY_ANOTHER_EMPLOYER',
  /** 职工参保: the contribution base is not a positive amount. */
  CONTRIBUTION_BASE_INVALID: 'CONTRIBUTION_BASE_INVALID',
  /** 增员: both employee pension schemes at once. */
  CONFLICTING_PENSION_SCHEMES: 'CONFLICTING_PENSION_SCHEMES',
  /** 增员: 机关事业单位养老保险 declared by an enterprise. */
  SCHEME_NOT_FOR_EMPLOYER: 'SCHEME_NOT_FOR_EMPLOYER',
  /** 转入: the 转出地 agency name is blank. */
  TRANSFER_OUT_AGENCY_REQUIRED: 'TRANSFER_OUT_AGENCY_REQUIRED',
  /** 转入: the 转出地 is the 转入地 itself. */
  SAME_AGENCY: 'SAME_AGENCY',
  /** 转入: a transfer of the same kind is already in progress. */
  TRANSFER_IN_PROGRESS: 'TRANSFER_IN_PROGRESS',
  /** No agency here can handle the person (no record, no agency for the ID's region). */
  NO_HANDLING_AGENCY: 'NO_HANDLING_AGENCY',
  /** 单位参保登记: the employer's unified social credit code fails GB 32100. */
  CREDIT_CODE_INVALID: 'CREDIT_CODE_INVALID',
  /** 单位参保登记: the employer already registered here. */
  EMPLOYER_ALREADY_REGISTERED: 'EMPLOYER_ALREADY_REGISTERED',
  /** 单位参保登记: the form gives no enterprise name (sharedFields.enterpriseName). */
  ENTERPRISE_NAME_REQUIRED: 'ENTERPRISE_NAME_REQUIRED',
  /** 减员: the employer does not contribute for the person. */
  NOT_INSURED_BY_EMPLOYER: 'NOT_INSURED_BY_EMPLOYER',
  /** 减员: the reduction date lies in the future. */
  REDUCTION_DATE_IN_FUTURE: 'REDUCTION_DATE_IN_FUTURE',
  /** 城乡居民养老 / 灵活就业养老: the person is (being) enrolled in the other one (人社部发〔2014〕17号). */
  IN_RESIDENT_PENSION: 'IN_RESIDENT_PENSION',
  /** 退休: no employee pension insurance record here. */
  NO_PENSION_INSURANCE: 'NO_PENSION_INSURANCE',
  /** 退休: the statutory retirement age (渐进式延迟) is not reached. */
  RETIREMENT_AGE_NOT_REACHED: 'RETIREMENT_AGE_NOT_REACHED',
  /** 退休: fewer months of contributions (视同 + 实际) than the minimum of the year. */
  INSUFFICIENT_CONTRIBUTION_YEARS: 'INSUFFICIENT_CONTRIBUTION_YEARS',
  /** 退休: the form gives no 视同 / 实际 months and the records hold none. */
  CONTRIBUTION_MONTHS_INVALID: 'CONTRIBUTION_MONTHS_INVALID',
  /** 退休 (women): the form gives no post (干部 / 工人 / 灵活就业), which sets the age. */
  RETIREE_IDENTITY_REQUIRED: 'RETIREE_IDENTITY_REQUIRED',
  /** 提前退休: the early category's age is not reached. */
  EARLY_RETIREMENT_AGE_NOT_REACHED: 'EARLY_RETIREMENT_AGE_NOT_REACHED',
  /** 提前退休: a field the category needs is missing. */
  EARLY_RETIREMENT_FIELD_REQUIRED: 'EARLY_RETIREMENT_FIELD_REQUIRED',
  /** 提前退休 / 特殊工种审批: fewer years in the special work than its nature needs (国发〔1978〕104号). */
  SPECIAL_WORK_YEARS_INSUFFICIENT: 'SPECIAL_WORK_YEARS_INSUFFICIENT',
  /** 特殊工种审批: more years in the work than a working life allows. */
  SPECIAL_WORK_YEARS_IMPOSSIBLE: 'SPECIAL_WORK_YEARS_IMPOSSIBLE',
  /** 提前退休: the person has reached the statutory age: 正常退休 applies. */
  STATUTORY_AGE_REACHED: 'STATUTORY_AGE_REACHED',
  /** 一次性待遇: the person has the minimum contributions, so a monthly pension is due instead. */
  PENSION_DUE_INSTEAD: 'PENSION_DUE_INSTEAD',
  /** 失业保险金停发: no unemployment benefit is being paid. */
  NOT_DRAWING_UNEMPLOYMENT_BENEFIT: 'NOT_DRAWING_UNEMPLOYMENT_BENEFIT',
  /** 工伤保险待遇补差: no long-term work-injury benefit is being paid. */
  NO_WORK_INJURY_BENEFIT: 'NO_WORK_INJURY_BENEFIT',
  /** 待遇审核: no retirement application of the person (正常退休 / 提前退休 first). */
  RETIREMENT_NOT_APPLIED: 'RETIREMENT_NOT_APPLIED',
  /** 待遇审核: the benefit cannot start before the month after retirement, nor mid-month. */
  BENEFIT_START_INVALID: 'BENEFIT_START_INVALID',
  /** 机关事业单位待遇核准: the 退休审批文号 is blank. */
  RETIREMENT_APPROVAL_NUMBER_REQUIRED: 'RETIREMENT_APPROVAL_NUMBER_REQUIRED',
  /** 城乡居民养老: no resident pension record. */
  NO_RESIDENT_PENSION: 'NO_RESIDENT_PENSION',
  /** 补缴: the period is empty, reversed or not yet over. */
  ARREARS_PERIOD_INVALID: 'ARREARS_PERIOD_INVALID',
  /** 城乡居民补缴: together with the years paid, more than 15 years (国发〔2014〕8号 第十条). */
  ARREARS_BEYOND_15_YEARS: 'ARREARS_BEYOND_15_YEARS',
  /** 个人补缴: no insurance record of the person's own (flexible) to pay back into. */
  NO_INSURANCE_RECORD: 'NO_INSURANCE_RECORD',
  /** 多重关系退费: fewer than two pension relationships. */
  NO_MULTIPLE_RELATIONSHIPS: 'NO_MULTIPLE_RELATIONSHIPS',
  /** 劳动能力鉴定: neither a work-injury insurance record nor an early retirement to appraise for. */
  NO_APPRAISAL_GROUND: 'NO_APPRAISAL_GROUND',
  /** 劳动能力鉴定: a re-appraisal within a year of the last conclusion (工伤保险条例 第28条). */
  APPRAISAL_TOO_SOON: 'APPRAISAL_TOO_SOON',
  /** 工伤认定: the person has no work-injury insurance (no employment to recognise an injury in). */
  NO_WORK_INJURY_INSURANCE: 'NO_WORK_INJURY_INSURANCE',
  /** 工伤待遇: no recognised work injury (工伤认定 first, 工伤保险条例 第17条). */
  INJURY_NOT_RECOGNISED: 'INJURY_NOT_RECOGNISED',
  /** 工伤费用: the amount or the receipts are not positive, or the parts do not add up. */
  AMOUNT_INVALID: 'AMOUNT_INVALID',
  /** 工伤费用: a date in the future. */
  DATE_IN_FUTURE: 'DATE_IN_FUTURE',
  /** 统筹地区以外交通食宿费: no out-of-area treatment was reported (工伤保险条例 第30条). */
  OUT_OF_AREA_NOT_REPORTED: 'OUT_OF_AREA_NOT_REPORTED',
  /** 伤残待遇 / 一次性工伤医疗补助金: no work-ability conclusion (劳动能力鉴定 first). */
  NO_APPRAISAL_CONCLUSION: 'NO_APPRAISAL_CONCLUSION',
  /** 伤残待遇 / 一次性工伤医疗补助金: the benefit is not for this disability grade (工伤保险条例 第35–37条). */
  BENEFIT_NOT_FOR_GRADE: 'BENEFIT_NOT_FOR_GRADE',
  /** After a death: the death date lies in the future. */
  DEATH_DATE_IN_FUTURE: 'DEATH_DATE_IN_FUTURE',
  /** 城乡居民丧葬补助金: the deceased drew no resident pension. */
  NOT_A_RESIDENT_PENSIONER: 'NOT_A_RESIDENT_PENSIONER',
  /** 城乡居民注销 (已享受其他养老保障): no other basic pension on record. */
  NO_OTHER_PENSION: 'NO_OTHER_PENSION',
  /** 待遇发放账户变更: the deceased was paid no benefit. */
  NO_BENEFIT_PAID: 'NO_BENEFIT_PAID',
  /** 个人账户一次性待遇: the heir named is the deceased. */
  HEIR_IS_DECEASED: 'HEIR_IS_DECEASED',
  /** 一次性待遇 / 账户一次性支付 / 一次性补助: already paid (completed) once; a second claim would pay twice. */
  ALREADY_SETTLED: 'ALREADY_SETTLED',
  /** 城乡居民个人账户一次性支付: the heir named is no heir at law (民法典 第1127、1128条). */
  HEIR_NOT_ENTITLED: 'HEIR_NOT_ENTITLED',
} as const;
export type InsuranceRejection = (typeof InsuranceRejection)[keyof typeof InsuranceRejection];
