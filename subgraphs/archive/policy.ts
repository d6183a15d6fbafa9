/**
 * Rule figures of the archive subgraph, each with its basis.
 *
 * 流动人员人事档案转递: 15 working days, by confidential post (机要通信) or a dedicated courier,
 * never carried by the person — 人社部发〔2021〕112号 (as cited locally). National, so a constant here.
 */
export const ARCHIVE_TRANSFER_WORKING_DAYS = 15;

/**
 * The agency here that receives a person's archive or party membership: the public talent
 * service agency (公共就业和人才服务机构) of the applying unit's region (its credit code's
 * characters 3–8, GB 32100) or, for a person, of the region of their ID document (GB 11643).
 */
export function receivingAgencyOf(employerCreditCode: string | null | undefined, idNumber: string): { name: string; regionCode: string } {
  const regionCode = employerCreditCode ? employerCreditCode.slice(2, 8) : idNumber.slice(0, 6);
  return { name: `${regionCode} 公共就业和人才服务机构`, regionCode };
}

/** 党章 第一条: members are admitted from 18; 第七条: probation is one year, extended at most one more. */
export const PARTY_MIN_AGE = 18;
export const PROBATION_MONTHS = 12;
export const PROBATION_MAX_MONTHS = 24;
