import { describe, expect, it } from '@jest/globals';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { languageOf, messageFor, ZH_MESSAGES } from '../src/messages/index.js';
import { SUBMIT, unemploymentApplication, type Submitted } from './support/forms.js';
import { reasonCodesInSource } from './support/reason-codes.js';
import { useStack } from './support/use-stack.js';

/**
 * Issue #14, messages in Chinese: every reason code the code base can answer with has a Chinese
 * message in the one table (src/messages), and a reader gets it unless they ask for English;
 * `code` and `field` never change.
 */
const HAN = /\p{Script=Han}/u;

describe('the message table', () => {
  const codes = reasonCodesInSource();

  it('finds the codes of every kind of declaration (so the check below has something to check)', () => {
    // ErrorCode, VALIDATION_ERROR_CODES, InsuranceRejection, CARD_REJECTION_CODES, literal rejections, extensions literals.
    for (const code of ['RATE_LIMITED', 'FIELD_REQUIRED', 'NO_UNEMPLOYMENT_INSURANCE', 'CARD_NOT_ISSUED', 'JOINED_UNDER_18', 'REJECTED_BY_COUNTER']) {
      expect(codes.has(code)).toBe(true);
    }
    expect(codes.size).toBeGreaterThan(200);
  });

  it('has a Chinese message for every reason code used in the source', () => {
    const missing = [...codes].filter(([code]) => !HAN.test(ZH_MESSAGES[code] ?? '')).map(([code, where]) => `${code} (${where})`);
    expect(missing).toEqual([]);
  });

  it('holds no message for a code the source no longer uses', () => {
    expect(Object.keys(ZH_MESSAGES).filter((code) => !codes.has(code))).toEqual([]);
  });

  it('chooses the language from Accept-Language: Chinese unless English is preferred', () => {
    expect(languageOf(undefined)).toBe('zh');
    expect(languageOf('')).toBe('zh');
    expect(languageOf('en')).toBe('en');
    expect(languageOf('en-US,en;q=0.9')).toBe('en');
    expect(languageOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(languageOf('en;q=0.5,zh-Hans;q=0.9')).toBe('zh');
    expect(languageOf('fr-FR')).toBe('zh');
    expect(languageOf('en;q=0')).toBe('zh');
    expect(messageFor('REJECTED_BY_COUNTER', '材料不清晰', 'zh')).toBe('窗口退回：材料不清晰');
    expect(messageFor('NOT_A_CODE', 'as it was', 'zh')).toBe('as it was');
  });
});

describe('what a reader gets from the running gateway', () => {
  const stack = useStack();
  const VALIDATE = `query V($input: ValidateBundleInput!) { validateBundle(input: $input) { valid errors { code field message } } }`;
  const incomplete = () => {
    const input = unemploymentApplication(DEMO_PEOPLE.zhangWei, ['UNEMPLOYMENT_BENEFIT']);
    const { gender: _gender, ...sharedFields } = input.sharedFields;
    return { ...input, sharedFields };
  };

  const forValidation = () => {
    const { idempotencyKey: _key, channel: _channel, ...input } = incomplete();
    return input;
  };

  it('validation faults in Chinese, in English on request, with the same code and field', async () => {
    const zh = await stack.graphql<{ validateBundle: { errors: { code: string; field: string; message: string }[] } }>(
      VALIDATE,
      { input: forValidation() },
      undefined,
      { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } },
    );
    const en = await stack.graphql<{ validateBundle: { errors: { code: string; field: string; message: string }[] } }>(VALIDATE, { input: forValidation() });
    const zhFault = zh.data!.validateBundle.errors.find((e) => e.field === 'sharedFields.gender')!;
    const enFault = en.data!.validateBundle.errors.find((e) => e.field === 'sharedFields.gender')!;
    expect(zhFault).toEqual({ code: 'FIELD_REQUIRED', field: 'sharedFields.gender', message: ZH_MESSAGES.FIELD_REQUIRED });
    expect(enFault.code).toBe('FIELD_REQUIRED');
    expect(enFault.message).toMatch(/required/);
  });

  it('a refused submitBundle: the error and each fault it lists in Chinese, codes and fields unchanged', async () => {
    const { errors } = await stack.graphql(SUBMIT, { input: incomplete() }, undefined, { headers: { 'accept-language': '' } });
    expect(errors![0]).toMatchObject({
      message: ZH_MESSAGES.BUNDLE_INVALID,
      extensions: {
        code: 'BUNDLE_INVALID',
        field: 'sharedFields.gender',
        errors: [{ code: 'FIELD_REQUIRED', field: 'sharedFields.gender', message: ZH_MESSAGES.FIELD_REQUIRED }],
      },
    });
  });

  it('an item rejection in Chinese', async () => {
    const { data } = await stack.graphql<{ submitBundle: Submitted }>(
      SUBMIT,
      { input: unemploymentApplication(DEMO_PEOPLE.liuYang, ['UNEMPLOYMENT_BENEFIT']) },
      undefined,
      {
        headers: { 'accept-language': 'zh' },
      },
    );
    const benefit = data!.submitBundle.items.find((item) => item.itemCode === 'UNEMPLOYMENT_BENEFIT')!;
    expect(benefit.rejection).toEqual({ code: 'NO_UNEMPLOYMENT_INSURANCE', field: null, message: ZH_MESSAGES.NO_UNEMPLOYMENT_INSURANCE });
  });

  it('a refusal before any resolver (an invalid token) in Chinese, with its HTTP status', async () => {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
      body: JSON.stringify({ query: '{ bundles { code } }' }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ message: ZH_MESSAGES.UNAUTHENTICATED, extensions: { code: 'UNAUTHENTICATED' } });
  });
});
