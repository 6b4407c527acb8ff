// `npm run start:nodes -- --nodes 3`: several portal nodes and HAProxy in front of them on this machine, against the
// PostgreSQL server (DATABASE_URL) and Redis (REDIS_URL) it is given; PORT (default 3000) is the balancer's. Migrates
// once, seeds the demo partnership into a database with no people, prints the address, each node and the demo
// sign-ins; Ctrl-C or SIGTERM stops the nodes, then the balancer.
import { parseArgs } from "node:util";
import { ConfigError, parseConfig } from "../server/config";
import { checkRedis, describeRedis, RedisUnreachable } from "../server/cluster/redis";
import { demoSignInLines } from "../db/seed";
import { ClusterStartError, startCluster, type Cluster } from "./cluster/start-cluster";

const USAGE =
  "npm run start:nodes needs DATABASE_URL (a PostgreSQL server the nodes share) and REDIS_URL, e.g. " +
  "DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal REDIS_URL=redis://127.0.0.1:6379 npm run start:nodes -- --nodes 3";

function fail(line: string): never {
  console.error(`Cannot start: ${line}`);
  process.exit(1);
}

let nodeCount: number;
try {
  const { values } = parseArgs({ options: { nodes: { type: "string", default: "3" } }, strict: true });
  nodeCount = Number(values.nodes);
} catch (error) {
  fail(`${(error as Error).message}: the one option is --nodes, e.g. npm run start:nodes -- --nodes 3`);
}
if (!Number.isInteger(nodeCount) || nodeCount < 1 || nodeCount > 16) fail("--nodes: must be a whole number from 1 to 16");
if (!process.env.DATABASE_URL?.trim() || !process.env.REDIS_URL?.trim()) fail(USAGE);

let config: ReturnType<typeof parseConfig>;
try {
  // The nodes' own settings, checked once here so a bad one stops the start with its one line.
  config = parseConfig(process.env);
  await checkRedis(config.REDIS_URL!);
} catch (error) {
  if (error instanceof ConfigError || error instanceof RedisUnreachable) fail(error.message);
  throw error;
}

const starting = startCluster({
  nodes: nodeCount,
  databaseUrl: config.DATABASE_URL!,
  redisUrl: config.REDIS_URL!,
  port: config.PORT,
  host: config.HOST,
  publicOrigin: config.PUBLIC_ORIGIN,
  log: (line) => console.log(line),
});

// Signals are handled from the start: a stop asked for while starting waits for the start, then stops everything.
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the nodes, then the balancer.`);
  await starting.then((cluster) => cluster.stop()).catch(() => {});
  console.log("Stopped.");
  process.exit(0);
};
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));

let cluster: Cluster;
try {
  cluster = await starting;
} catch (error) {
  if (stopping) await new Promise(() => {}); // the stop under way ends the process
  if (error instanceof ClusterStartError) fail(error.message);
  throw error;
}

const database = new URL(config.DATABASE_URL!);
console.log(
  [
    `Partnership Portal is running at ${cluster.url} (HAProxy, sticky by the ${cluster.stickyCookie} cookie, in front of ${nodeCount} node${nodeCount === 1 ? "" : "s"})`,
    ...cluster.nodes.map((node) => `  ${node.name}  http://127.0.0.1:${node.port}  node ${node.id}`),
    `Database: PostgreSQL at ${database.hostname}:${database.port || 5432}${database.pathname}` +
      (cluster.migrated.length ? `, ${cluster.migrated.length} migration(s) applied` : "") +
      (cluster.seeded ? ", seeded with the fictional Sandmere partnership" : ""),
    `Redis: ${describeRedis(config.REDIS_URL!)}`,
    `Health: ${cluster.url}/health (this node is alive), ${cluster.url}/ready (it reaches the database and Redis)`,
    ...(cluster.demo ? demoSignInLines() : ["The database has no demo partnership: it had people in it already."]),
    "Ctrl-C stops every node and the balancer.",
  ].join("\n"),
);
