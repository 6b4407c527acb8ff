// Where the multi-node tests find the servers several nodes share: a PostgreSQL server (CLUSTER_DATABASE_URL, else
// DATABASE_URL, else 127.0.0.1:5432) and Redis (REDIS_URL, else 127.0.0.1:6379). CI has both and must run these tests,
// so under CI a missing server fails the file; on a laptop without them the file is skipped, saying what it needs.
import { Redis } from "ioredis";
import postgres from "postgres";

export type ClusterServers = {
  /** The PostgreSQL server's URL (its `postgres` database); make a database of your own on it. */
  postgresUrl: string;
  redisUrl: string;
};

const postgresUrl = process.env.CLUSTER_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

async function reachable(): Promise<string | null> {
  try {
    const sql = postgres(postgresUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
    await sql`select 1`;
    await sql.end();
  } catch (error) {
    return `no PostgreSQL server at ${new URL(postgresUrl).host} (${(error as Error).message})`;
  }
  const redis = new Redis(redisUrl, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 3000 });
  redis.on("error", () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    return `no Redis at ${new URL(redisUrl).host} (${(error as Error).message})`;
  } finally {
    redis.disconnect();
  }
  return null;
}

const missing = await reachable();
if (missing && process.env.CI) throw new Error(`The multi-node tests need their servers: ${missing}`);
if (missing) console.warn(`Multi-node tests skipped: ${missing}. Set CLUSTER_DATABASE_URL and REDIS_URL to run them.`);

/** Whether the multi-node tests can run here: `describe.skipIf(!clusterServers)`. */
export const clusterServers: ClusterServers | null = missing ? null : { postgresUrl, redisUrl };
