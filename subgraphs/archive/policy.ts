/**
 * Rule figures of the archive subgraph, each with its basis.
 *
 * 流动人员人事档案转递: 15 working days, by confidential post (机要通信) or a dedicated courier,
 * never carried by the person — 人社部发〔2021〕112号 (as cited locally). National, so a constant here.
 */
export const ARCHIVE_TRANSFER_WORKING_DAYS = 15;
