/**
 * The figures the card rules use. Local figures come from the catalog's local-policy.yaml (read
 * once through the catalog loader, checked, then frozen); the others are named here with their basis.
 */
import { loadCatalog, type Catalog, type LocalPolicyValue } from '../../src/catalog/index.js';

export interface CardPolicy {
  /** 临时挂失 lapses by itself after this many days (local: 7–10). */
  readonly temporaryLossExpiryDays: number;
  /** 换领 may be requested this many days before the card expires (local practice: 60). */
  readonly renewalAdvanceDays: number;
}

/**
 * Years a card is valid from its issue (the 有效期 printed on it). Not in local-policy.yaml:
 * the card specification prints a ten-year validity on the 第三代社会保障卡.
 */
export const CARD_VALIDITY_YEARS = 10;

/** The generation issued now: 第三代社会保障卡 (issued nationally since 2018). An older card may be 换发. */
export const CURRENT_CARD_GENERATION = 3;

/** Words by which a 换领 reason says the card is damaged (the counter checks the card itself). */
export const DAMAGE_WORDS: readonly string[] = [
  '损坏',
  '损毁',
  '毁损',
  '破损',
  '污损',
  '折断',
  '断裂',
  '变形',
  '消磁',
  '芯片',
  '磁条',
  '无法读取',
  '不能读取',
  '读不出',
];

function days(catalog: Catalog, key: string): number {
  const policy: LocalPolicyValue | undefined = catalog.localPolicy.get(key);
  if (!policy) throw new Error(`local policy ${key}: expected a figure in local-policy.yaml, got none`);
  if (policy.unit !== 'DAYS') throw new Error(`local policy ${key}: expected unit DAYS, got ${policy.unit}`);
  if (!Number.isInteger(policy.value) || policy.value <= 0)
    throw new Error(`local policy ${key}: expected a positive whole number of days, got ${policy.value}`);
  return policy.value;
}

let loaded: CardPolicy | undefined;

/** The card policy, read from the catalog on first use (call it at start-up to fail early). */
export function cardPolicy(): CardPolicy {
  if (!loaded) {
    const catalog = loadCatalog();
    loaded = Object.freeze({
      temporaryLossExpiryDays: days(catalog, 'temporaryLossExpiryDays'),
      renewalAdvanceDays: days(catalog, 'cardRenewalAdvanceDays'),
    });
  }
  return loaded;
}
