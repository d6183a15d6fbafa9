import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))?)?$/i;

/**
 * A real calendar date as `YYYY-MM-DD` (no 2025-02-30, no year 0): what PostgreSQL's `date`
 * accepts, checked before it is asked (JavaScript's `Date.parse` rolls 02-30 over to March).
 */
export function isCalendarDate(value: unknown): value is string {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/**
 * An ISO 8601 date, or date and time with an optional offset (`2025-03-01`, `2025-03-01T08:00`,
 * `2025-03-01T08:00:00.5+08:00`), each part in its range: what `timestamptz` accepts.
 */
export function isIsoDateTime(value: unknown): value is string {
  const match = typeof value === 'string' ? ISO_DATE_TIME.exec(value) : null;
  if (!match || !isCalendarDate(match[1])) return false;
  const [hours, minutes, seconds, offsetHours, offsetMinutes] = [match[2], match[3], match[4], match[6], match[7]].map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return hours <= 23 && minutes <= 59 && seconds <= 59 && offsetHours <= 15 && offsetMinutes <= 59;
}

function parseDate(value: unknown): string {
  if (isCalendarDate(value)) return value;
  throw new GraphQLError(`Date: expected a calendar date as YYYY-MM-DD, got ${preview(value)}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** A value as an error message may show it: the client's own input, cut short. */
function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = typeof value;
  }
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** A calendar date without time zone, `YYYY-MM-DD`, the way the back offices keep them. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseDate(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

const DECIMAL = /^-?\d{1,13}(\.\d{1,2})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text === 'string' && DECIMAL.test(text)) return text;
  throw new GraphQLError(`Decimal: expected an amount of yuan such as "1820.50", got ${preview(value)}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** An amount of money in yuan, as a string so no cent is lost to floating point. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An amount of yuan with at most two decimals, as a string.',
  serialize: parseDecimal,
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : undefined),
});

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** How deep a JSON value may nest: a form is an object of fields, some of them lists of objects. */
export const JSON_MAX_DEPTH = 16;

/**
 * Why a string cannot be stored: PostgreSQL's text and jsonb refuse the NUL character, and jsonb
 * refuses a lone UTF-16 surrogate (`\ud800`). Null when it can.
 */
export function unstorableText(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate';
  return null;
}

/** The first fault of a JSON value: too deep, or a key or string that cannot be stored. */
function jsonFault(value: unknown, depth: number): string | null {
  if (typeof value === 'string') return unstorableText(value);
  if (value === null || typeof value !== 'object') return null;
  if (depth >= JSON_MAX_DEPTH) return `nests deeper than ${JSON_MAX_DEPTH} levels`;
  for (const [key, item] of Object.entries(value)) {
    const fault = (Array.isArray(value) ? null : unstorableText(key)) ?? jsonFault(item, depth + 1);
    if (fault) return fault;
  }
  return null;
}

function jsonObject(value: unknown): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new GraphQLError(`JSON: expected an object, got ${preview(value)}`, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** An input object: one a database can store (no NUL, no lone surrogate), at most JSON_MAX_DEPTH deep. */
function parseJsonObject(value: unknown): Record<string, unknown> {
  jsonObject(value);
  const fault = jsonFault(value, 0);
  if (fault) throw new GraphQLError(`JSON: the value ${fault}`, { extensions: { code: 'BAD_USER_INPUT' } });
  return value as Record<string, unknown>;
}

function literalValue(ast: import('graphql').ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
    case Kind.ENUM:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((item) => literalValue(item, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((field) => [field.name.value, literalValue(field.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
  }
}

/**
 * A JSON object. Used only where the gateway has already validated the content against the
 * catalog (a bundle's shared fields), whose shape differs per bundle.
 */
export const JsonScalar = new GraphQLScalarType<Record<string, unknown>, Record<string, unknown>>({
  name: 'JSON',
  description: 'A JSON object.',
  serialize: jsonObject,
  parseValue: parseJsonObject,
  parseLiteral: (ast, variables) => parseJsonObject(literalValue(ast, variables)),
});
