/**
 * The deployment files, checked offline (no container runtime or cluster is needed): the
 * Dockerfile, compose.yaml, and the Kubernetes manifests against the Kubernetes schema
 * (kubernetes-models), each also against what the code expects (commands, ports, probes,
 * variables, and the production refusal). Where a container runtime answers, the image is built
 * and run too.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { parse, parseAllDocuments } from 'yaml';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { PROJECT_ROOT } from '../src/paths.js';
import { envPrefix, loadConfig, SUBGRAPH_NAMES, unsafeProductionSettings, type ServiceName } from '../src/config.js';

const run = promisify(execFile);
const read = (...path: string[]) => readFileSync(join(PROJECT_ROOT, ...path), 'utf8');

// ---------------------------------------------------------------- Dockerfile

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1)!;

  it('builds in one stage (with the dev dependencies) and runs prebuilt dist/ with production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0]).toMatch(/RUN npm ci\b(?!.*--omit=dev)/);
    // The counter console is bundled with esbuild, a dev dependency: before the prune.
    expect(stages[0]).toMatch(/npx tsc -p tsconfig\.build\.json && node dist\/scripts\/build-console\.js && npm prune --omit=dev/);
    expect(runtime).not.toMatch(/npm (ci|install)|tsc/);
    expect(runtime).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
    expect(runtime).toMatch(/COPY --from=build \/app\/schema \.\/schema/);
  });

  it('runs as a non-root user, in production mode, with a health check and the commands the code has', () => {
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^ENV NODE_ENV=production/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*CMD \["node", "dist\/app\/healthcheck\.js"\]$/m);
    // The built files it names exist (jest's global setup built dist/ as the image does).
    for (const file of dockerfile.match(/dist\/app\/\w+\.js/g)!) expect(existsSync(join(PROJECT_ROOT, file))).toBe(true);
  });

  it('copies only what exists, and keeps local state and secrets out of the build context', () => {
    for (const [, source] of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm))
      for (const path of source!.split(' ')) expect(existsSync(join(PROJECT_ROOT, path))).toBe(true);
    const ignored = read('.dockerignore').split('\n');
    for (const path of ['.git', 'node_modules', 'dist', '.data', '.env']) expect(ignored).toContain(path);
  });

  it('tsconfig.build.json compiles the services and the console build without the tests', async () => {
    const tsc = join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    await expect(run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noEmit'], { cwd: PROJECT_ROOT })).resolves.toBeDefined();
    expect(JSON.parse(read('tsconfig.build.json')).include).toEqual(['app', 'src', 'gateway', 'subgraphs', 'scripts/build-console.ts']);
  }, 120_000);
});

// ---------------------------------------------------------------- compose.yaml

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
}
const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, ComposeService> };
const NODE_SERVICES = ['migrate', ...SUBGRAPH_NAMES, 'gateway'];

/** An environment as compose would give it, with a sample value for every required variable. */
const interpolate = (environment: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [
      name,
      value
        .replace(/\$\{(\w+):\?[^}]*\}/g, (_, variable: string) =>
          variable.endsWith('_URL') || variable === 'CORS_ORIGINS'
            ? `https://${variable.toLowerCase()}.example.invalid`
            : `sample-${variable.toLowerCase()}-0123456789abcdef0123456789`,
        )
        .replace(/\$\{\w+:-([^}]*)\}/g, '$1'),
    ]),
  );

describe('compose.yaml', () => {
  it('has PostgreSQL, Redis, the migration step, each subgraph and the gateway, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', 'redis', ...NODE_SERVICES].sort());
    for (const [name, service] of Object.entries(compose.services)) {
      if (name === 'migrate') expect(service.healthcheck).toEqual({ disable: true });
      else expect(service.healthcheck?.test?.length).toBeGreaterThan(0);
    }
  });

  it('runs every service from the one image with a command the code has, on the port its health check probes', () => {
    for (const name of NODE_SERVICES) {
      const service = compose.services[name]!;
      expect(existsSync(join(PROJECT_ROOT, service.command![0]!))).toBe(true);
      if (name === 'migrate') continue;
      const port = name === 'gateway' ? service.environment!.GATEWAY_PORT : service.environment![`${envPrefix(name as ServiceName)}_PORT`];
      expect(service.healthcheck!.test).toEqual(['CMD', 'node', 'dist/app/healthcheck.js', port]);
      expect(service.command).toEqual(name === 'gateway' ? ['dist/app/main.js', 'gateway'] : ['dist/app/main.js', 'subgraph', name]);
    }
    // The gateway reaches each subgraph by its service name and port; subgraphs start after the migration step.
    for (const name of SUBGRAPH_NAMES) {
      const port = compose.services[name]!.environment![`${envPrefix(name)}_PORT`];
      expect(compose.services.gateway!.environment![`${envPrefix(name)}_URL`]).toBe(`http://${name}:${port}/graphql`);
      expect(compose.services[name]!.depends_on!.migrate).toEqual({ condition: 'service_completed_successfully' });
    }
  });

  it('has no default for any secret: each is required from the environment, and none is a development value', () => {
    const text = read('compose.yaml');
    for (const [, variable] of text.matchAll(/\$\{(\w+):-/g)) expect(variable).not.toMatch(/SECRET|PASSWORD|KEY|TOKEN/);
    expect(text).not.toContain('development-only');
    for (const name of NODE_SERVICES) {
      const environment = compose.services[name]!.environment!;
      for (const [variable, value] of Object.entries(environment))
        if (/SECRET|DATABASE_URL|REDIS_URL/.test(variable)) expect(value).toMatch(/\$\{\w+_(SECRET|PASSWORD):\?/);
    }
  });

  it('gives each service its own database login, and every service passes the production refusal as configured', () => {
    const logins = new Set<string>();
    for (const name of [...SUBGRAPH_NAMES, 'gateway'] as ServiceName[]) {
      const env = interpolate(compose.services[name]!.environment!);
      expect(env.NODE_ENV).toBe('production');
      const config = loadConfig(env);
      const url = config.databaseUrls[name];
      expect(url).toBeDefined();
      logins.add(new URL(url!).username);
      expect(unsafeProductionSettings(config, [name], env)).toEqual([]);
    }
    expect(logins.size).toBe(6);
    // The migration step holds the owner's URL and every service's, to make their logins.
    const migrate = compose.services.migrate!.environment!;
    for (const name of [...SUBGRAPH_NAMES, 'gateway'] as ServiceName[])
      expect(migrate[`${envPrefix(name)}_DATABASE_URL`]).toBe(compose.services[name]!.environment![`${envPrefix(name)}_DATABASE_URL`]);
    expect(migrate.DATABASE_URL).toMatch(/^postgres:\/\/onething_owner:/);
  });

  it('publishes only the gateway, on loopback', () => {
    for (const [name, service] of Object.entries(compose.services)) expect(service.ports ?? []).toEqual(name === 'gateway' ? ['127.0.0.1:4000:4000'] : []);
  });
});

// ---------------------------------------------------------------- Kubernetes

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, never>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}
interface Container {
  args: string[];
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  readinessProbe?: { httpGet: { path: string; port: string } };
  livenessProbe?: { httpGet: { path: string; port: string } };
  securityContext?: Record<string, unknown>;
}
const K8S = join('deploy', 'k8s');
const kustomization = parse(read(K8S, 'kustomization.yaml')) as { resources: string[] };
const manifests: Manifest[] = kustomization.resources.flatMap((file) =>
  parseAllDocuments(read(K8S, file))
    .map((document) => document.toJS() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null),
);
const secretKeys = Object.keys((parse(read(K8S, 'secrets.template.yaml')) as Manifest).stringData!);
const byKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const podOf = (manifest: Manifest) =>
  (manifest.spec as unknown as { template: { spec: { containers: Container[]; securityContext: Record<string, unknown> } } }).template.spec;

describe('Kubernetes manifests (deploy/k8s)', () => {
  it('every object is valid against the Kubernetes schema', () => {
    expect(manifests.length).toBeGreaterThan(10);
    for (const manifest of [...manifests, parse(read(K8S, 'secrets.template.yaml')) as Manifest]) {
      const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
      expect(Model).toBeDefined();
      expect(() => new Model!(manifest as never).validate()).not.toThrow();
    }
  });

  it('the schema check can fail: a probe without a port is refused', () => {
    const broken = structuredClone(byKind('Deployment')[0]!);
    delete (podOf(broken).containers[0]!.readinessProbe!.httpGet as Partial<{ port: string }>).port;
    expect(() => new Deployment(broken as never).validate()).toThrow();
  });

  it('has a Deployment and a Service per subgraph and the gateway, probed on /readyz and /healthz, non-root', () => {
    const deployments = new Map(byKind('Deployment').map((deployment) => [deployment.metadata.name, deployment]));
    expect([...deployments.keys()].sort()).toEqual([...SUBGRAPH_NAMES, 'gateway'].sort());
    const config = byKind('ConfigMap')[0]!.data!;
    for (const [name, deployment] of deployments) {
      const pod = podOf(deployment);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
      const [container] = pod.containers;
      expect(container!.args).toEqual(name === 'gateway' ? ['dist/app/main.js', 'gateway'] : ['dist/app/main.js', 'subgraph', name]);
      expect(container!.readinessProbe!.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(container!.livenessProbe!.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(container!.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
      // Every secret it reads is in the Secret's template.
      for (const variable of container!.env ?? []) if (variable.valueFrom?.secretKeyRef) expect(secretKeys).toContain(variable.valueFrom.secretKeyRef.key);
      const ownUrl = `${envPrefix(name as ServiceName)}_DATABASE_URL`;
      expect(container!.env!.map((variable) => variable.name)).toContain(ownUrl);
      // Its Service selects it, on the port the gateway's configuration names.
      const service = byKind('Service').find((candidate) => candidate.metadata.name === name)!;
      const port = container!.ports![0]!.containerPort;
      expect((service.spec as unknown as { selector: Record<string, string> }).selector).toEqual({ 'app.kubernetes.io/name': name });
      expect((service.spec as unknown as { ports: { port: number }[] }).ports[0]!.port).toBe(port);
      if (name !== 'gateway') expect(config[`${envPrefix(name as ServiceName)}_URL`]).toBe(`http://${name}:${port}/graphql`);
    }
    expect(config.NODE_ENV).toBe('production');
  });

  it('has a migration Job, an autoscaler for the gateway, and a Secret template with placeholders only', () => {
    const [job] = byKind('Job');
    expect(podOf(job!).containers[0]!.args).toEqual(['dist/app/migrate.js']);
    const [autoscaler] = byKind('HorizontalPodAutoscaler');
    expect((autoscaler!.spec as unknown as { scaleTargetRef: unknown }).scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' });
    const secret = parse(read(K8S, 'secrets.template.yaml')) as Manifest;
    expect(new Set(Object.values(secret.stringData!))).toEqual(new Set(['REPLACE_ME']));
    // The template is not applied with the rest: a real Secret is made from it.
    expect(kustomization.resources).not.toContain('secrets.template.yaml');
  });

  const kubectl = (() => {
    try {
      execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  (kubectl ? it : it.skip)('kubectl builds the same objects from the kustomization offline (kubectl kustomize)', async () => {
    const { stdout } = await run('kubectl', ['kustomize', join(PROJECT_ROOT, K8S)]);
    const built = parseAllDocuments(stdout).map((document) => document.toJS() as Manifest);
    expect(built.map((manifest) => `${manifest.kind}/${manifest.metadata.name}`).sort()).toEqual(
      manifests.map((manifest) => `${manifest.kind}/${manifest.metadata.name}`).sort(),
    );
  });
});

// ---------------------------------------------------------------- the image, where a runtime works

const runtime = (() => {
  for (const command of ['podman', 'docker']) {
    try {
      execFileSync(command, ['info'], { stdio: 'ignore', timeout: 10_000 });
      return command;
    } catch {
      // not installed, or no daemon answering
    }
  }
  return undefined;
})();
if (!runtime) console.info('deploy-files: no container runtime answers here (podman or docker info failed): the image build and run test is skipped');

(runtime ? it : it.skip)(
  'the image builds, and a subgraph in it starts as a non-root user and answers /healthz',
  async () => {
    const tag = `onething-gateway:test-${process.pid}`;
    await run(runtime!, ['build', '-t', tag, PROJECT_ROOT], { maxBuffer: 64 * 1024 * 1024 });
    const { stdout: user } = await run(runtime!, ['run', '--rm', '--entrypoint', 'id', tag, '-u']);
    expect(user.trim()).not.toBe('0');
    const { stdout } = await run(runtime!, [
      'run',
      '--rm',
      '-e',
      'ALLOW_UNSAFE_PRODUCTION=embedded-database',
      '-e',
      `PERSON_KEY_SECRET=${'p'.repeat(20)}`,
      '-e',
      `INTERNAL_CONTEXT_SECRET=${'i'.repeat(40)}`,
      '-e',
      'DATA_DIR=/tmp/pglite',
      '--tmpfs',
      '/tmp',
      '--entrypoint',
      'sh',
      tag,
      '-c',
      'node dist/app/main.js subgraph card & for i in $(seq 60); do node dist/app/healthcheck.js 4003 /healthz && echo healthy && exit 0; sleep 1; done; exit 1',
    ]);
    expect(stdout).toContain('healthy');
  },
  600_000,
);
