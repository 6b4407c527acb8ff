// Boot: configuration, database (migrated; the embedded one seeded on first start), the portal, graceful shutdown.
import { ConfigError, parseConfig } from "./config";
import { DatabaseError, openDatabase } from "../db/client";
import { migrate } from "../db/migrate";
import { databaseHasPeople, demoSignInLines, isDemoSeeded, seedDemoPartnership } from "../db/seed";
import { checkRedis, connectRedis, describeRedis, redisPrefixFor, RedisUnreachable, type RedisLink } from "./cluster/redis";
import { createPortal } from "./portal";
import { createServices } from "./services";

let stopping = false;

// Every input path handles its own errors; this is the last guard, so that a fault one of them missed is logged and
// every other person stays connected, rather than the process ending for all.
process.on("unhandledRejection", (reason) => {
  console.error("Unhandled rejection (the portal carries on):", reason instanceof Error ? reason.stack : reason);
});

async function main() {
  const config = parseConfig(process.env);
  // Checked before anything else is opened, so an unreachable Redis stops the start with one line.
  if (config.REDIS_URL) await checkRedis(config.REDIS_URL);
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await migrate(db.sql);
  if (db.kind === "embedded" && !(await databaseHasPeople(db.sql))) {
    console.log("First start: seeding the fictional Sandmere partnership into the embedded database.");
    await seedDemoPartnership(db.sql);
  }

  // Signals are handled from the start: a stop asked for while starting waits for the start, then stops cleanly.
  let started: Promise<{ close(): Promise<void> } | null> = Promise.resolve(null);
  let redis: RedisLink | null = null;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping; finishing requests in flight.`);
    const portal = await started.catch(() => null);
    await portal?.close();
    await redis?.close();
    await db.close();
    console.log("Stopped.");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  redis = config.REDIS_URL
    ? await connectRedis(config.REDIS_URL, console.log, { prefix: redisPrefixFor(config.DATABASE_URL!) })
    : null;
  const services = createServices({ sql: db.sql, config, databaseKind: db.kind, redis });
  const starting = createPortal(services);
  started = starting;
  const portal = await starting;
  const address = await portal.listen(config.PORT, config.HOST);
  const shownHost = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
  // One write, so whoever reads the address has the sign-ins too.
  const banner = [
    `Partnership Portal is running at ${config.PUBLIC_ORIGIN ?? `http://${shownHost}:${address.port}`}`,
    `Database: ${db.description}`,
    `Nodes: ${redis ? `joined through Redis at ${describeRedis(config.REDIS_URL!)} as node ${redis.nodeId}` : "this process alone"}`,
    `Mail: ${services.mailer.description}`,
  ];
  if (await isDemoSeeded(db.sql)) banner.push(...demoSignInLines());
  else if (!(await databaseHasPeople(db.sql)))
    banner.push("The database has no people yet: run `npm run db:seed` to add the fictional demo partnership.");
  console.log(banner.join("\n"));
}

main().catch((error: unknown) => {
  if (stopping) return; // a stop during start-up closed the database under it: the stop finishes the exit
  if (error instanceof ConfigError || error instanceof DatabaseError || error instanceof RedisUnreachable) {
    console.error(`Cannot start: ${error.message}`);
  } else {
    console.error("Cannot start:", error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
