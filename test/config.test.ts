import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('has working defaults: gateway on 4000, subgraphs on 4001–4005, embedded stores', () => {
    const config = loadConfig({});
    expect(config.gatewayPort).toBe(4000);
    expect(Object.values(config.subgraphs).map((s) => [s.name, s.port, s.url])).toEqual([
      ['employment', 4001, 'http://127.0.0.1:4001/graphql'],
      ['insurance', 4002, 'http://127.0.0.1:4002/graphql'],
      ['card', 4003, 'http://127.0.0.1:4003/graphql'],
      ['archive', 4004, 'http://127.0.0.1:4004/graphql'],
      ['civil-service', 4005, 'http://127.0.0.1:4005/graphql'],
    ]);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every bad variable at once with what it expected and what it got', () => {
    expect(() => loadConfig({ GATEWAY_PORT: 'eighty', CIVIL_SERVICE_URL: 'ftp://x', REDIS_URL: 'localhost:6379' })).toThrow(
      /GATEWAY_PORT: .*got "eighty"\n {2}CIVIL_SERVICE_URL: expected an http\(s\) URL, got "ftp:\/\/x"\n {2}REDIS_URL: expected a redis:\/\/ URL, got "localhost:6379"/,
    );
  });

  it('bounds the Redis timeout and circuit breaker', () => {
    expect(loadConfig({}).redis).toEqual({ commandTimeoutMs: 200, breakerFailures: 3, breakerOpenMs: 5000 });
    expect(() => loadConfig({ REDIS_COMMAND_TIMEOUT_MS: '5', REDIS_BREAKER_FAILURES: '0', REDIS_BREAKER_OPEN_MS: 'soon' })).toThrow(
      /REDIS_COMMAND_TIMEOUT_MS: .*got "5"\n {2}REDIS_BREAKER_FAILURES: .*got "0"\n {2}REDIS_BREAKER_OPEN_MS: .*got "soon"/,
    );
  });

  it('requires real secrets and token keys in production', () => {
    const error = (() => {
      try {
        loadConfig({ NODE_ENV: 'production' });
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(error).toMatch(/PERSON_KEY_SECRET: .*got undefined/);
    expect(error).toMatch(/INTERNAL_CONTEXT_SECRET: .*got undefined/);
    expect(error).toMatch(/JWT_SECRET \/ JWT_JWKS_FILE \/ JWT_JWKS_URL: expected one of them in production, got none/);
    const production = loadConfig({
      NODE_ENV: 'production',
      PERSON_KEY_SECRET: 'a-long-enough-secret-value',
      INTERNAL_CONTEXT_SECRET: 'x'.repeat(32),
      JWT_JWKS_URL: 'https://idp.example.invalid/.well-known/jwks.json',
    });
    expect(production.production).toBe(true);
    expect(production.auth.jwtSecret).toBeUndefined();
  });
});
