import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PROJECT_ROOT } from '../src/paths.js';
import { loadConfig } from '../src/config.js';
import { signDevelopmentToken } from '../gateway/auth/demo-tokens.js';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { createTestDatabase, deleteRedisKeys, TEST_REDIS_URL, uniqueName, type TestDatabase } from './support/environment.js';

const run = promisify(execFile);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

let database: TestDatabase;
const redisKeyPrefix = `${uniqueName('cli')}:`;
beforeAll(async () => {
  // The command users run is the built one (built once for all files by jest's globalSetup).
  database = await createTestDatabase();
}, 120_000);
afterAll(async () => {
  await deleteRedisKeys(redisKeyPrefix);
  await database?.drop();
});

describe('the start command (node dist/app/main.js, as `npm start` runs it)', () => {
  it('boots five subgraphs and the gateway in one process, answers, and leaves nothing behind on SIGTERM', async () => {
    const ports = await Promise.all(Array.from({ length: 6 }, freePort));
    const [gateway, ...subgraphs] = ports as [number, ...number[]];
    const env = {
      ...process.env,
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: redisKeyPrefix,
      GATEWAY_PORT: String(gateway),
      EMPLOYMENT_PORT: String(subgraphs[0]),
      INSURANCE_PORT: String(subgraphs[1]),
      CARD_PORT: String(subgraphs[2]),
      ARCHIVE_PORT: String(subgraphs[3]),
      CIVIL_SERVICE_PORT: String(subgraphs[4]),
    };
    const child: ChildProcess = spawn(process.execPath, ['dist/app/main.js'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const deadline = Date.now() + 60_000;
    while (!output.includes('Gateway ready at') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    expect(output).toContain(`Gateway ready at http://127.0.0.1:${gateway}/graphql`);

    // The demo tokens it printed (development secret); the same secret makes ours.
    expect(output).toMatch(/clerk {4}ey[\w-]+\.[\w-]+\.[\w-]+/);
    const token = await signDevelopmentToken(loadConfig({}), 'clerk', { region: '' });
    const response = await fetch(`http://127.0.0.1:${gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `{ person(idType: RESIDENT_ID_CARD, idNumber: "${DEMO_PEOPLE.liNa.idNumber}") { name appointments { post } } }` }),
    });
    expect(await response.json()).toEqual({ data: { person: { name: '李娜', appointments: [{ post: '护士' }] } } });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const port of ports) expect(await portIsFree(port)).toBe(true);
  }, 90_000);

  it('refuses an unknown subgraph name with the list of valid ones', async () => {
    await expect(run(process.execPath, ['dist/app/main.js', 'subgraph', 'payroll'], { cwd: PROJECT_ROOT })).rejects.toMatchObject({
      stderr: expect.stringContaining('expected one of employment, insurance, card, archive, civil-service, got "payroll"'),
    });
  });
});
