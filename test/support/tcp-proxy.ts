/**
 * A TCP proxy of our own between a service and PostgreSQL (or anything on loopback): `cut()` drops
 * every connection and refuses new ones, as a database that went away does; `restore()` listens
 * again on the same port. The real server is never touched.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export class TcpProxy {
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  /** Listens on a free loopback port (or `port`) and forwards to `target`. */
  static async start(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
    const proxy = new TcpProxy(port, target);
    await proxy.restore();
    return proxy;
  }

  /** `host:port` that services connect to instead of the target's. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  get cut(): boolean {
    return this.#server === undefined;
  }

  async restore(): Promise<void> {
    if (this.#server) return;
    const server = createServer((client) => {
      const upstream = createConnection(this.target);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.once('close', () => this.#sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    (this as { port: number }).port = (server.address() as { port: number }).port;
    this.#server = server;
  }

  /** Refuses new connections and breaks the open ones. */
  async cutOff(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }

  stop(): Promise<void> {
    return this.cutOff();
  }
}
