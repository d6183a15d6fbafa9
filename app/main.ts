import { loadConfig, isSubgraphName, SUBGRAPH_NAMES, type Config, type SubgraphName } from '../src/config.js';
import { openDatabase, shareDatabase, type Database } from '../src/db/database.js';
import { openKeyValueStore, type KeyValueStore } from '../src/kv/key-value-store.js';
import { startGateway, startSubgraph, type RunningService } from './services.js';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { signDevelopmentToken } from '../gateway/auth/demo-tokens.js';

type Mode = { kind: 'all' } | { kind: 'gateway' } | { kind: 'subgraph'; name: SubgraphName };

function parseMode(args: string[]): Mode {
  const [command = 'all', name] = args;
  switch (command) {
    case 'all':
      return { kind: 'all' };
    case 'gateway':
      return { kind: 'gateway' };
    case 'subgraph':
      if (name && isSubgraphName(name)) return { kind: 'subgraph', name };
      throw new Error(`usage: start:subgraph -- <name>: expected one of ${SUBGRAPH_NAMES.join(', ')}, got ${JSON.stringify(name)}`);
    default:
      throw new Error(`expected "all", "gateway" or "subgraph <name>", got ${JSON.stringify(command)}`);
  }
}

/**
 * One database handle per service. With PostgreSQL each service gets its own small pool; the
 * embedded database is one PGlite instance (it is large) shared by every service in the process.
 */
async function openDatabases(config: Config, count: number): Promise<Database[]> {
  if (config.databaseUrl) {
    return Promise.all(Array.from({ length: count }, () => openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 5 })));
  }
  return shareDatabase(await openDatabase({ url: undefined, dataDir: config.dataDir }), count);
}

const EXAMPLE_QUERY = `{
  person(idType: RESIDENT_ID_CARD, idNumber: "${DEMO_PEOPLE.zhangWei.idNumber}") {
    name gender socialSecurityCard { status }
    unemploymentStatus { registered } insuredSchemes { scheme contributionMonths }
    personnelArchive { holder } partyMembership { category } appointments { post }
  }
}`;

/** One short-lived token per role, for trying the API by hand (never in production). */
async function demoTokens(config: Config): Promise<Record<string, string>> {
  const citizen = DEMO_PEOPLE.zhangWei;
  return {
    citizen: await signDevelopmentToken(config, 'citizen', { sub: 'citizen-zhangwei', id_number: citizen.idNumber }),
    // Region '' is deployment-wide, so every demo person is within reach; real clerks carry their 行政区划 prefix.
    clerk: await signDevelopmentToken(config, 'clerk', { sub: 'clerk-demo-001', region: '' }),
    agent: await signDevelopmentToken(config, 'agent', {
      sub: 'bank-branch-xuanwu-01',
      region: '3201',
      terminal: 'bank-branch-xuanwu-01',
      channel: 'BANK_AGENT',
      items: ['CARD_APPLICATION', 'CARD_REISSUE', 'CARD_ENABLE', 'CARD_BANK_ACTIVATION', 'CARD_PIN_RESET', 'CARD_LOSS_REPORT', 'RESIDENT_PENSION_ENROLLMENT'],
    }),
    proxy: await signDevelopmentToken(config, 'proxy', { sub: 'proxy-helper-001', id_number: DEMO_PEOPLE.liNa.idNumber }),
    analyst: await signDevelopmentToken(config, 'analyst', { sub: 'analyst-001' }),
    admin: await signDevelopmentToken(config, 'admin', { sub: 'admin-001' }),
  };
}

async function main(): Promise<void> {
  const mode = parseMode(process.argv.slice(2));
  const config = loadConfig();
  const running: RunningService[] = [];
  const databases: Database[] = [];
  let kv: KeyValueStore | undefined;

  let stopping = false;
  const stop = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    // Gateway first (stop taking requests), then the subgraphs, then the stores.
    for (const service of [...running].reverse()) await service.close().catch((error) => console.error(service.name, error));
    for (const db of databases) await db.close().catch((error) => console.error('database', error));
    await kv?.close().catch((error) => console.error('key-value store', error));
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  try {
    const subgraphs = mode.kind === 'all' ? [...SUBGRAPH_NAMES] : mode.kind === 'subgraph' ? [mode.name] : [];
    const withGateway = mode.kind !== 'subgraph';
    databases.push(...(await openDatabases(config, subgraphs.length + (withGateway ? 1 : 0))));
    for (const [index, name] of subgraphs.entries()) running.push(await startSubgraph(name, config, databases[index]!));
    if (withGateway) {
      kv = await openKeyValueStore(config.redisUrl, config.redisKeyPrefix, config.redis);
      running.push(await startGateway(config, { db: databases[subgraphs.length]!, kv }));
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop('start-up failure', 1);
    return;
  }

  for (const service of running) console.log(`${service.name.padEnd(14)} ${service.url}`);
  if (mode.kind !== 'subgraph' && !config.production && config.auth.jwtSecret) {
    console.log('\nDemo bearer tokens (development secret, valid 2 h; send as "authorization: Bearer <token>"):');
    for (const [role, token] of Object.entries(await demoTokens(config))) console.log(`  ${role.padEnd(8)} ${token}`);
  }
  if (mode.kind !== 'subgraph') {
    console.log(`\nGateway ready at http://${config.host}:${config.gatewayPort}/graphql`);
    console.log(`Counter console (受理台): http://${config.host}:${config.gatewayPort}/console/ (sign in with the clerk or agent token)`);
    console.log(
      `Storage: ${config.databaseUrl ? 'PostgreSQL' : `embedded PostgreSQL in ${config.dataDir}`}; cache: ${config.redisUrl ? 'Redis' : 'in-process (lost on restart)'}`,
    );
    console.log(
      `Try (with the clerk token above as $TOKEN):\ncurl -s http://${config.host}:${config.gatewayPort}/graphql -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\\n  -d '${JSON.stringify({ query: EXAMPLE_QUERY.replace(/\s+/g, ' ') })}'`,
    );
  }
}

await main();
