/**
 * The container's health check (Dockerfile HEALTHCHECK, compose): `node dist/app/healthcheck.js
 * [port] [path]` succeeds when the service on this container's loopback answers `path` (default
 * `/readyz`) with 2xx. Port: the argument, else HEALTHCHECK_PORT, else 4000 (the gateway).
 */
const port = process.argv[2] ?? process.env.HEALTHCHECK_PORT ?? '4000';
const path = process.argv[3] ?? '/readyz';
try {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(3000) });
  process.exitCode = response.ok ? 0 : 1;
} catch {
  process.exitCode = 1;
}
