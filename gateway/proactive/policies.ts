/**
 * 免申即办 policies (人社厅发〔2022〕59号 (十一) 推行容缺受理和免申即办; 人社部发〔2021〕23号 3. 实施精准服务:
 * 精准检索服务对象，核实信息确认意愿，按规定进行公示): which subgraph lists the candidates from its
 * own records, which item is handled for each, and the rule the gateway checks on top.
 */
import type { SubgraphName } from '../../src/config.js';
import { addMonths } from '../../src/policy/calendar.js';

export const PROACTIVE_POLICY_NAMES = ['PRICE_SUBSIDY', 'HIRING_GRADUATES_SUBSIDY', 'RESIDENT_PENSION'] as const;
export type ProactivePolicyCode = (typeof PROACTIVE_POLICY_NAMES)[number];

/** 城乡居民基本养老保险待遇 from 60 (国发〔2014〕8号 第十条), as the insurance subgraph's rule. */
export const RESIDENT_PENSION_AGE = 60;

/** One candidate as a subgraph lists it. */
export interface Candidate {
  /** Unique within the policy and period: whom the item is handled for. */
  readonly subject: string;
  readonly personKey: string;
  readonly employerCreditCode: string | null;
  /** What the item needs beyond the person (the form's shared fields), e.g. the graduation date. */
  readonly facts: Record<string, unknown>;
}

export interface CandidatePage {
  readonly candidates: readonly Candidate[];
  readonly endCursor: string | null;
  /** False: the policy does not apply in the period at all (the price subsidy not triggered). */
  readonly triggered: boolean;
}

/** The person as the card subgraph knows them (the applicant of the item). */
export interface Identity {
  readonly id: string;
  readonly name: string;
  readonly gender: 'MALE' | 'FEMALE';
  readonly birthDate: string;
  readonly idType: string;
  readonly idNumber: string;
  readonly phone: string | null;
}

export interface ProactivePolicy {
  readonly name: ProactivePolicyCode;
  readonly itemCode: string;
  /** The bundle the item is handled under (statistics group by it). */
  readonly bundleCode: string;
  readonly scenario: string | null;
  readonly subgraph: SubgraphName;
  readonly basis: string;
  /** The candidate query: its document and variables for a period (YYYY-MM). */
  query(period: string): { document: string; variables: Record<string, unknown>; field: string };
  toCandidate(row: Record<string, unknown>): Candidate;
  /** Null when the person qualifies in the period; otherwise why not. */
  notEligible?(identity: Identity, period: string): string | null;
}

const nextMonth = (period: string) => addMonths(`${period}-01`, 1);
/** The last day of a month YYYY-MM. */
const monthEnd = (period: string) => {
  const next = new Date(`${nextMonth(period)}T00:00:00Z`);
  next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
};

const PERSON_PAGE = 'candidates { personId regionCode contributionMonths } endCursor triggered';
const personCandidate = (row: Record<string, unknown>): Candidate => ({
  subject: String(row.personId),
  personKey: String(row.personId),
  employerCreditCode: null,
  facts: {},
});

export const PROACTIVE_POLICIES: Readonly<Record<ProactivePolicyCode, ProactivePolicy>> = {
  PRICE_SUBSIDY: {
    name: 'PRICE_SUBSIDY',
    itemCode: 'PRICE_SUBSIDY',
    bundleCode: 'national-unemployment',
    scenario: null,
    subgraph: 'insurance',
    basis: '发改价格〔2021〕1553号：价格临时补贴联动机制启动的月份，向领取失业保险金人员发放',
    query: (period) => ({
      document: `query Candidates($month: String!, $first: Int!, $after: String) { page: priceSubsidyCandidates(month: $month, first: $first, after: $after) { ${PERSON_PAGE} } }`,
      variables: { month: period },
      field: 'page',
    }),
    toCandidate: personCandidate,
  },
  HIRING_GRADUATES_SUBSIDY: {
    name: 'HIRING_GRADUATES_SUBSIDY',
    itemCode: 'SUBSIDY_HIRING_GRADUATES',
    bundleCode: 'national-employer-hiring',
    scenario: null,
    subgraph: 'employment',
    basis: '财社〔2017〕164号 第5条：小微企业吸纳离校2年内高校毕业生，给予社会保险补贴',
    query: (period) => ({
      document: `query Candidates($from: Date!, $before: Date!, $first: Int!, $after: String) { page: hiringGraduateCandidates(hiredFrom: $from, hiredBefore: $before, first: $first, after: $after) { candidates { personId employerCreditCode graduationDate hiredOn } endCursor } }`,
      variables: { from: `${period}-01`, before: nextMonth(period) },
      field: 'page',
    }),
    toCandidate: (row) => ({
      subject: `${String(row.employerCreditCode)}|${String(row.personId)}`,
      personKey: String(row.personId),
      employerCreditCode: String(row.employerCreditCode),
      facts: { graduationDate: row.graduationDate, hiredOn: row.hiredOn },
    }),
  },
  RESIDENT_PENSION: {
    name: 'RESIDENT_PENSION',
    itemCode: 'RESIDENT_PENSION_BENEFIT',
    bundleCode: 'jiangsu-retirement',
    scenario: 'RURAL_URBAN_RESIDENT',
    subgraph: 'insurance',
    basis: '国发〔2014〕8号 第十条：参保人年满60周岁、累计缴费满15年，按月领取城乡居民养老保险待遇',
    query: () => ({
      document: `query Candidates($first: Int!, $after: String) { page: residentPensionCandidates(first: $first, after: $after) { ${PERSON_PAGE} } }`,
      variables: {},
      field: 'page',
    }),
    toCandidate: personCandidate,
    // 60 by the end of the period (someone who turned 60 earlier and was missed is found too).
    notEligible(identity, period) {
      return addMonths(identity.birthDate, RESIDENT_PENSION_AGE * 12) > monthEnd(period) ? `reaches ${RESIDENT_PENSION_AGE} after ${period}` : null;
    },
  },
};

/** A period is a month, YYYY-MM. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
