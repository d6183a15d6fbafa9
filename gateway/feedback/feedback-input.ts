import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../src/errors.js';

/** 好差评 levels, best first (国办发〔2019〕51号: 非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意). */
export const RATING_LEVELS = ['VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
/** 差评: the last two levels. */
export const isBad = (level: RatingLevel) => level === 'DISSATISFIED' || level === 'VERY_DISSATISFIED';

export const RATING_DIMENSIONS = ['EFFICIENCY', 'GUIDE_ACCURACY', 'CONVENIENCE', 'PLATFORM_USABILITY', 'SERVICE_LEVEL', 'ATTITUDE'] as const;
export type RatingDimension = (typeof RATING_DIMENSIONS)[number];

export const NOT_DONE_REASONS = ['REFUSED_UNCLEAR', 'MATERIALS', 'PASSED_AROUND', 'OVERDUE', 'SYSTEM_FAILURE', 'NOT_IN_CATALOG', 'OTHER'] as const;
export type NotDoneReason = (typeof NOT_DONE_REASONS)[number];
export const NOT_DONE_RESOLUTIONS = ['HANDLED', 'REFERRED', 'EXPLAINED'] as const;
export type NotDoneResolution = (typeof NOT_DONE_RESOLUTIONS)[number];

export const COMMENT_MAX = 500;
export const TEXT_MAX = 1000;

export const badInput = (field: string, message: string) =>
  new GraphQLError(`${field}: ${message}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field, http: { status: 400 } } });

// Control characters other than line breaks and tabs (a NUL or lone surrogate is refused earlier, by the request guard).
const isControl = (char: string) => {
  const code = char.codePointAt(0)!;
  return (code < 0x20 && char !== '\n' && char !== '\r' && char !== '\t') || code === 0x7f;
};

/**
 * Free text a person or clerk writes (a comment, a reply): trimmed, at most `max` characters
 * (counted as characters, not UTF-16 units), no control characters. The message never repeats
 * the value: it may hold personal data, and messages reach logs.
 */
export function text(field: string, value: string | null | undefined, max: number, required = false): string | null {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) {
    if (required) throw badInput(field, 'expected some text, got none');
    return null;
  }
  const length = [...trimmed].length;
  if (length > max) throw badInput(field, `expected at most ${max} characters, got ${length}`);
  if ([...trimmed].some(isControl)) throw badInput(field, 'expected text without control characters');
  return trimmed;
}

export function dimensions(value: readonly string[] | null | undefined): RatingDimension[] {
  const list = value ?? [];
  if (list.length > RATING_DIMENSIONS.length) throw badInput('input.dimensions', `expected at most ${RATING_DIMENSIONS.length}, got ${list.length}`);
  if (new Set(list).size !== list.length) throw badInput('input.dimensions', 'expected each dimension once');
  // The enum has checked each value already.
  return [...list] as RatingDimension[];
}

/** `first` of a list: 1 to 100. */
export function pageSize(first: number | null | undefined, fallback = 50): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > 100) throw badInput('first', `expected 1 to 100, got ${size}`);
  return size;
}
