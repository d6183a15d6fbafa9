/**
 * Checkers for Chinese identity numbers, reusable anywhere in the project:
 * - GB 11643-1999 citizen identity number (18 characters, ISO 7064 MOD 11-2 check character);
 * - GB 32100-2015 unified social credit code (18 characters, MOD 31 check character).
 */
import { todayInChina } from '../policy/calendar.js';

export type IdNumberResult =
  { readonly ok: true; readonly birthDate: string; readonly gender: 'MALE' | 'FEMALE' } | { readonly ok: false; readonly reason: string };

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/** Validates an 18-character 居民身份证号码 (GB 11643): format, birth date and check character. */
export function validateChineseIdNumber(input: string, today: Date = new Date()): IdNumberResult {
  if (typeof input !== 'string') return { ok: false, reason: 'expected a string' };
  const s = input.trim().toUpperCase();
  if (s.length !== 18) return { ok: false, reason: `expected 18 characters, got ${s.length}` };
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, reason: 'expected 17 digits followed by a digit or X' };
  if (s[0] === '0') return { ok: false, reason: 'region code cannot start with 0' };
  const year = Number(s.slice(6, 10));
  const month = Number(s.slice(10, 12));
  const day = Number(s.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCFullYear() !== year || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) {
    return { ok: false, reason: `birth date ${s.slice(6, 14)} is not a valid date` };
  }
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  // Born "today" means today in China: a child born at 07:00 Beijing time is born on a date UTC has not reached.
  if (birthDate > todayInChina(today)) return { ok: false, reason: `birth date ${s.slice(6, 14)} is in the future` };
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i]!;
  const expected = ID_CHECK[sum % 11]!;
  if (s[17] !== expected) return { ok: false, reason: `check character is ${s[17]}, expected ${expected}` };
  return { ok: true, birthDate, gender: Number(s[16]) % 2 === 1 ? 'MALE' : 'FEMALE' };
}

/** The 31 characters of GB 32100 (no I, O, Z, S, V). */
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Validates an 18-character 统一社会信用代码 (GB 32100): character set, region code and check character. */
export function validateCreditCode(input: string): CreditCodeResult {
  if (typeof input !== 'string') return { ok: false, reason: 'expected a string' };
  const s = input.trim().toUpperCase();
  if (s.length !== 18) return { ok: false, reason: `expected 18 characters, got ${s.length}` };
  for (const ch of s) {
    if (!CREDIT_CHARS.includes(ch)) return { ok: false, reason: `character "${ch}" is not allowed (GB 32100 excludes I, O, Z, S, V)` };
  }
  if (!/^\d{6}$/.test(s.slice(2, 8))) return { ok: false, reason: 'characters 3–8 must be the 6-digit region code' };
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(s[i]!) * CREDIT_WEIGHTS[i]!;
  const expected = CREDIT_CHARS[(31 - (sum % 31)) % 31]!;
  if (s[17] !== expected) return { ok: false, reason: `check character is ${s[17]}, expected ${expected}` };
  return { ok: true };
}
