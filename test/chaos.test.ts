import { spawn } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { PROJECT_ROOT } from '../src/paths.js';
import { TEST_DATABASE_URL } from './support/environment.js';

// `npm run chaos` runs the built services, as they are deployed: jest's globalSetup built them.

describe('npm run chaos, short: one round of each fault', () => {
  it('accounts for every submission: none lost, none doubled, none stuck, every answer audited', async () => {
    const child = spawn(process.execPath, ['dist/scripts/chaos.js'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        DATABASE_URL: TEST_DATABASE_URL,
        CHAOS_ROUNDS: '5',
        CHAOS_ROUND_SECONDS: '4',
        CHAOS_CONCURRENCY: '3',
        CHAOS_RECOVERY_SECONDS: '40',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));

    const line = /^CHAOS_RESULT (.*)$/m.exec(output);
    if (!line || code !== 0) throw new Error(`chaos exited with ${code}:\n${output}`);
    const figures = JSON.parse(line[1]!) as Record<string, number>;
    expect(figures).toMatchObject({ lost: 0, doubled: 0, stuck: 0, unaudited: 0 });
    expect(figures.accepted).toBeGreaterThan(0);
    // Redis was paused and killed: submissions were still accepted meanwhile, through PostgreSQL.
    expect(figures.acceptedWithoutRedis).toBeGreaterThan(0);
  }, 240_000);
});
