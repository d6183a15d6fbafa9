import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { PROJECT_ROOT } from '../src/paths.js';
import { loadConfig, SERVICE_NAMES, unsafeProductionSettings } from '../src/config.js';

const run = promisify(execFile);

const DEVELOPMENT_SECRETS = {
  PERSON_KEY_SECRET: 'development-only-person-key-secret-change-me',
  JWT_SECRET: 'development-only-jwt-secret-change-me-0123456789',
  INTERNAL_CONTEXT_SECRET: 'development-only-internal-context-secret-change-me',
};
const SAFE = {
  NODE_ENV: 'production',
  PERSON_KEY_SECRET: 'a-person-key-secret-of-this-deployment',
  JWT_JWKS_URL: 'https://idp.example.invalid/.well-known/jwks.json',
  INTERNAL_CONTEXT_SECRET: 'an-internal-context-secret-of-this-deployment',
  DATABASE_URL: 'postgres://onething@db.example.invalid/onething',
  REDIS_URL: 'redis://cache.example.invalid:6379',
  CORS_ORIGINS: 'https://rs.example.invalid',
};

describe('production refuses to run unsafely', () => {
  it('lists every unsafe setting at once: embedded storage, in-process cache, development secrets, demo data', () => {
    const env = { NODE_ENV: 'production', ...DEVELOPMENT_SECRETS, CORS_ORIGINS: 'https://a.example.invalid', SEED_DEMO_DATA: 'true' };
    const faults = unsafeProductionSettings(loadConfig(env), SERVICE_NAMES, env);
    expect(faults).toEqual([
      expect.stringMatching(
        /^DATABASE_URL: expected PostgreSQL in production, got the embedded database for employment, .*gateway .*ALLOW_UNSAFE_PRODUCTION=embedded-database\)$/,
      ),
      expect.stringMatching(/^REDIS_URL: expected Redis in production, got the in-process cache .*ALLOW_UNSAFE_PRODUCTION=in-process-cache\)$/),
      expect.stringMatching(/^PERSON_KEY_SECRET: expected a secret of this deployment, got the development value/),
      expect.stringMatching(/^JWT_SECRET: expected a secret of this deployment/),
      expect.stringMatching(/^INTERNAL_CONTEXT_SECRET: expected a secret of this deployment/),
      expect.stringMatching(/^SEED_DEMO_DATA: expected false in production, got true/),
    ]);
    // No secret's value is ever repeated in the message.
    for (const secret of Object.values(DEVELOPMENT_SECRETS)) expect(faults.join('\n')).not.toContain(secret);
  });

  it('CORS open to every origin is refused in every mode, production or not', () => {
    for (const env of [{ ...SAFE, CORS_ORIGINS: '*' }, { CORS_ORIGINS: 'https://a.example.invalid, *' }])
      expect(() => loadConfig(env)).toThrow(/CORS_ORIGINS: expected comma-separated origins .*got "\*"/);
  });

  it('accepts a safe production configuration, and development as it is', () => {
    expect(unsafeProductionSettings(loadConfig(SAFE), SERVICE_NAMES, SAFE)).toEqual([]);
    expect(loadConfig(SAFE).seedDemoData).toBe(false);
    expect(unsafeProductionSettings(loadConfig({}), SERVICE_NAMES, {})).toEqual([]);
  });

  it('judges only the services of the process: a subgraph needs its database, not Redis', () => {
    const env = { ...SAFE, DATABASE_URL: '', REDIS_URL: '', CARD_DATABASE_URL: 'postgres://card@db.example.invalid/onething' };
    expect(unsafeProductionSettings(loadConfig(env), ['card'], env)).toEqual([]);
    expect(unsafeProductionSettings(loadConfig(env), ['insurance'], env)).toEqual([
      expect.stringMatching(/embedded database for insurance \(set DATABASE_URL or INSURANCE_DATABASE_URL\)/),
    ]);
  });

  it('accepts an unsafe setting only when ALLOW_UNSAFE_PRODUCTION names it', () => {
    const env = { ...SAFE, REDIS_URL: '', SEED_DEMO_DATA: 'true', ALLOW_UNSAFE_PRODUCTION: 'in-process-cache' };
    expect(unsafeProductionSettings(loadConfig(env), SERVICE_NAMES, env)).toEqual([expect.stringMatching(/^SEED_DEMO_DATA:/)]);
    const both = { ...env, ALLOW_UNSAFE_PRODUCTION: 'in-process-cache,demo-data' };
    expect(unsafeProductionSettings(loadConfig(both), SERVICE_NAMES, both)).toEqual([]);
  });

  it('the start command stops before opening anything, with every fault listed', async () => {
    const env = { PATH: process.env.PATH, NODE_ENV: 'production', ...DEVELOPMENT_SECRETS, GATEWAY_PORT: '1', DATA_DIR: '/nonexistent/never-created' };
    const failure = await run(process.execPath, ['dist/app/main.js'], { cwd: PROJECT_ROOT, env }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/Refusing to start in production:\n {2}DATABASE_URL: .*\n {2}REDIS_URL: .*\n {2}PERSON_KEY_SECRET: /);
  });
});
