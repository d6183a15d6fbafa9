/** Checks one submitted value against its field definition (type, enum values, formats). */
import type { FieldDef } from './catalog-types.js';
import { validateChineseIdNumber, validateCreditCode } from './identity-documents.js';

/** Absent values: undefined, null, blank strings and empty lists. */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

const MAX_LENGTH: Partial<Record<FieldDef['type'], number>> = { STRING: 200, ADDRESS: 300, TEXT: 4000 };
/** ID types whose numbers follow GB 11643 (港澳台居民居住证 uses the same 18-character scheme). */
const GB11643_ID_TYPES = new Set(['RESIDENT_ID_CARD', 'HMT_RESIDENCE_PERMIT']);

export function isValidDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * Returns why `value` is not acceptable for `field`, or null when it is. `siblings` are the other
 * values in the same scope (used by ID_NUMBER to read its document type). Call only for non-empty values.
 */
export function fieldValueProblem(field: FieldDef, value: unknown, siblings: Readonly<Record<string, unknown>>): string | null {
  const str = (): string | null => (typeof value === 'string' ? value.trim() : null);
  switch (field.type) {
    case 'STRING':
    case 'TEXT':
    case 'ADDRESS': {
      const s = str();
      if (s === null) return 'expected text';
      const max = MAX_LENGTH[field.type]!;
      return s.length > max ? `expected at most ${max} characters, got ${s.length}` : null;
    }
    case 'DATE': {
      const s = str();
      return s !== null && isValidDate(s) ? null : `expected a date YYYY-MM-DD, got ${JSON.stringify(value)}`;
    }
    case 'BOOLEAN':
      return typeof value === 'boolean' ? null : `expected true or false, got ${JSON.stringify(value)}`;
    case 'INT':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? null : `expected a whole number ≥ 0, got ${JSON.stringify(value)}`;
    case 'MONEY': {
      const s = typeof value === 'number' && Number.isFinite(value) ? String(value) : str();
      return s !== null && /^\d{1,13}(\.\d{1,2})?$/.test(s)
        ? null
        : `expected an amount in yuan with at most 2 decimals (e.g. "1234.50"), got ${JSON.stringify(value)}`;
    }
    case 'PHONE': {
      const s = str();
      return s !== null && /^1\d{10}$/.test(s) ? null : `expected an 11-digit mobile number starting with 1, got ${JSON.stringify(value)}`;
    }
    case 'ID_NUMBER': {
      const s = str();
      if (s === null) return 'expected text';
      const idType = field.idTypeField ? siblings[field.idTypeField] : undefined;
      if (typeof idType === 'string' && !GB11643_ID_TYPES.has(idType)) {
        return /^[A-Za-z0-9()（）-]{5,30}$/.test(s) ? null : `expected a document number of 5–30 letters or digits, got ${JSON.stringify(value)}`;
      }
      const r = validateChineseIdNumber(s);
      return r.ok ? null : `invalid ID number (GB 11643): ${r.reason}`;
    }
    case 'BANK_ACCOUNT': {
      const s = str();
      return s !== null && /^\d{10,30}$/.test(s) ? null : `expected a bank account of 10–30 digits, got ${JSON.stringify(value)}`;
    }
    case 'REGION_CODE': {
      const s = str();
      return s !== null && /^[1-9]\d{5}$/.test(s) ? null : `expected a 6-digit region code (GB/T 2260), got ${JSON.stringify(value)}`;
    }
    case 'CREDIT_CODE': {
      const s = str();
      if (s === null) return 'expected text';
      const r = validateCreditCode(s);
      return r.ok ? null : `invalid unified social credit code (GB 32100): ${r.reason}`;
    }
    case 'ENUM': {
      const allowed = field.values?.map((v) => v.value) ?? [];
      return typeof value === 'string' && allowed.includes(value) ? null : `expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`;
    }
    case 'ENUM_LIST': {
      const allowed = field.values?.map((v) => v.value) ?? [];
      if (!Array.isArray(value)) return `expected a list of ${allowed.join(', ')}`;
      const bad = value.filter((v) => typeof v !== 'string' || !allowed.includes(v));
      if (bad.length) return `expected values from ${allowed.join(', ')}, got ${JSON.stringify(bad)}`;
      return new Set(value).size === value.length ? null : 'values must not repeat';
    }
  }
}
