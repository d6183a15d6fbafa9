/**
 * Check digits of the two national identifiers the forms carry: the resident ID number
 * (GB 11643-1999) and the unified social credit code of an organisation (GB 32100-2015).
 */

export type IdNumberCheck =
  | { ok: true; birthDate: string; gender: 'MALE' | 'FEMALE' }
  | { ok: false; reason: string };

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** GB 11643: 17 digits, then a check digit (0–9 or X); digits 7–14 are the birth date, 17 the gender. */
export function validateChineseIdNumber(value: string): IdNumberCheck {
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: 'expected 18 characters: 17 digits and a check digit (0-9 or X)' };
  const sum = ID_WEIGHTS.reduce((total, weight, index) => total + weight * Number(value[index]), 0);
  if (ID_CHECK_CHARS[sum % 11] !== value[17]) return { ok: false, reason: 'the check digit does not match (GB 11643)' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const parsed = new Date(`${birthDate}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(birthDate) || parsed.getTime() > Date.now()) {
    return { ok: false, reason: 'the birth date in the number is not a real past date' };
  }
  return { ok: true, birthDate, gender: Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE' };
}

export type CreditCodeCheck = { ok: true } | { ok: false; reason: string };

// GB 32100 alphabet: digits and capitals without I, O, Z, S, V.
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100: 18 characters of its alphabet, the last a check character over the first 17. */
export function validateCreditCode(value: string): CreditCodeCheck {
  if (!new RegExp(`^[${CREDIT_CHARS}]{18}$`).test(value)) {
    return { ok: false, reason: 'expected 18 characters of digits and capitals other than I, O, Z, S, V' };
  }
  const sum = CREDIT_WEIGHTS.reduce((total, weight, index) => total + weight * CREDIT_CHARS.indexOf(value[index]!), 0);
  if (CREDIT_CHARS[(31 - (sum % 31)) % 31] !== value[17]) return { ok: false, reason: 'the check character does not match (GB 32100)' };
  return { ok: true };
}
