/**
 * The services of `npm run chaos` as separate processes, the way they are deployed: each subgraph
 * and the gateway is `node dist/app/main.js …` on its own loopback port, and can be SIGKILLed and
 * started again on the same port. Output goes to one log file per service.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';

export class ServiceProcess {
  #child: ChildProcess | undefined;

  constructor(
    readonly name: string,
    private readonly args: readonly string[],
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logDir: string,
  ) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.#child !== undefined && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** Starts the process unless it runs; resolves once `/readyz` answers (any status) or after `timeoutMs`. */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.running) return;
    const log = createWriteStream(join(this.logDir, `${this.name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, ['dist/app/main.js', ...this.args], { cwd: PROJECT_ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    this.#child = child;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && this.running) {
      try {
        await fetch(`${this.origin}/readyz`, { signal: AbortSignal.timeout(1000) });
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new Error(`${this.name} did not start within ${timeoutMs} ms (see ${join(this.logDir, `${this.name}.log`)})`);
  }

  /** Gone at once, as a crash (SIGKILL). */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Stops cleanly (SIGTERM), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
