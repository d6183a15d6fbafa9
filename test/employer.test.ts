import { describe, expect, it } from '@jest/globals';
import { DEMO_EMPLOYERS } from '../src/demo/demo-data.js';
import { useStack } from './support/use-stack.js';

const stack = useStack();

describe('employers (单位) by unified social credit code', () => {
  it('finds an employer through the gateway', async () => {
    const { data, errors } = await stack.graphql('query ($c: String!) { employer(creditCode: $c) { name kind regionCode } }', {
      c: DEMO_EMPLOYERS.hospital.creditCode,
    });
    expect(errors).toBeUndefined();
    expect(data).toEqual({ employer: { name: DEMO_EMPLOYERS.hospital.name, kind: 'PUBLIC_INSTITUTION', regionCode: '320506' } });
  });

  it('refuses a code whose GB 32100 check character is wrong, naming the field', async () => {
    const bad = `${DEMO_EMPLOYERS.hospital.creditCode.slice(0, 17)}0`;
    const { data, errors } = await stack.graphql('query ($c: String!) { employer(creditCode: $c) { name } }', { c: bad });
    expect(data).toEqual({ employer: null });
    expect(errors![0]!.message).toBe(`creditCode: check character is 0, expected ${DEMO_EMPLOYERS.hospital.creditCode.slice(17)}`);
    expect(errors![0]!.extensions).toMatchObject({ code: 'CREDIT_CODE_INVALID', field: 'creditCode' });
  });
});
