import type { GraphQLFormattedError } from 'graphql';
import { currentRequest } from '../observability/request-id.js';
import { ZH_MESSAGES } from './zh.js';

export { ZH_MESSAGES } from './zh.js';

/** The languages a reader gets: Chinese unless the client prefers English. */
export type Language = 'zh' | 'en';

/**
 * The language an `Accept-Language` header asks for: English when an `en` tag is preferred
 * (highest q) over any `zh` tag; Chinese otherwise, and when the header is absent or says neither.
 */
export function languageOf(acceptLanguage: string | undefined): Language {
  let best: { language: Language; q: number } = { language: 'zh', q: -1 };
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [tag, ...parameters] = part.trim().toLowerCase().split(';');
    const language = tag === 'en' || tag?.startsWith('en-') ? 'en' : tag === 'zh' || tag?.startsWith('zh-') ? 'zh' : undefined;
    if (!language) continue;
    const qParameter = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParameter ? Number(qParameter.slice(2)) : 1;
    if (Number.isFinite(q) && q > best.q) best = { language, q };
  }
  return best.q > 0 ? best.language : 'zh';
}

/** The language of the request being handled (Chinese outside a request). */
export function currentLanguage(): Language {
  return languageOf(currentRequest()?.acceptLanguage);
}

/**
 * The message a reader gets for `code`: in Chinese from the table (the original, English one
 * standing in for `{detail}`); in English, the original with its details. An unknown code keeps
 * the original.
 */
export function messageFor(code: unknown, original: string, language: Language = currentLanguage()): string {
  if (language === 'en' || typeof code !== 'string') return original;
  const template = ZH_MESSAGES[code];
  return template === undefined ? original : template.replace('{detail}', original);
}

/** A GraphQL error as the client reads it: its message, and each fault's it lists, in its language; codes and fields unchanged. */
export function localizeError(error: GraphQLFormattedError, language: Language = currentLanguage()): GraphQLFormattedError {
  if (language === 'en') return error;
  const faults = error.extensions?.errors;
  return {
    ...error,
    message: messageFor(error.extensions?.code, error.message, language),
    ...(Array.isArray(faults)
      ? {
          extensions: {
            ...error.extensions,
            errors: faults.map((fault: unknown) =>
              fault && typeof fault === 'object' && 'message' in fault && typeof fault.message === 'string'
                ? { ...fault, message: messageFor((fault as { code?: unknown }).code, fault.message, language) }
                : fault,
            ),
          },
        }
      : {}),
  };
}
