// Redis, the engine that carries live traffic between portal nodes (issue 14). Unset REDIS_URL: one process, and none
// of this runs. Set: the start checks that Redis answers (and stops with one line naming the setting if it does not);
// after that, a lost connection is retried with backoff, said in the log, and shown by /ready.
import { createHash, randomUUID } from "node:crypto";
import { Redis } from "ioredis";

export class RedisUnreachable extends Error {}

/** This node's link to Redis: one connection for commands and publishing, one for subscriptions (Redis's rule). */
export type RedisLink = {
  /** Names this process among the nodes: a fresh id each start, so a restarted node is a new node to the others. */
  readonly nodeId: string;
  /**
   * What every key and channel of this portal starts with ("portal" unless told): nodes of one portal share it, and
   * portals (or test runs) sharing one Redis each have their own.
   */
  readonly prefix: string;
  readonly publisher: Redis;
  readonly subscriber: Redis;
  /** Where this node says what happens between it and the others (the console unless told). */
  readonly log: (line: string) => void;
  /** Whether both connections are up now. */
  isUp(): boolean;
  /** Called each time both connections are up again after a loss (not at the first connect): time to resynchronise. */
  onReconnected(listener: () => void): void;
  close(): Promise<void>;
};

/**
 * The prefix for a portal on this database: nodes sharing a database share it, and a portal on another database (a
 * staging copy, a parallel test run) sharing the same Redis gets its own, so their documents and notices never mix.
 * Only the server, port and database name count, so a changed password or user keeps the prefix.
 */
export function redisPrefixFor(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const where = `${url.hostname.toLowerCase()}:${url.port || "5432"}/${decodeURIComponent(url.pathname.slice(1))}`;
  return `portal:${createHash("sha256").update(where).digest("hex").slice(0, 12)}`;
}

/** Waits 100 ms, 200 ms, 400 ms … up to 5 s between attempts, for as long as it takes. */
export const reconnectDelayMs = (attempt: number) => Math.min(100 * 2 ** Math.max(0, attempt - 1), 5_000);

/** Where Redis is, for a log line: the host and port, never a password. */
export function describeRedis(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}:${parsed.port || "6379"}`;
}

/** Throws RedisUnreachable, naming REDIS_URL, if Redis does not answer a PING within `timeoutMs`. */
export async function checkRedis(url: string, timeoutMs = 3_000): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: timeoutMs });
  // The connection's own error (ECONNREFUSED, a timeout) says more than the rejected connect's "Connection is closed".
  let cause: Error | undefined;
  probe.on("error", (error: Error) => (cause ??= error));
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const why = (cause ?? (error as Error)).message;
    throw new RedisUnreachable(`REDIS_URL: no Redis answered at ${describeRedis(url)} (${why})`);
  } finally {
    probe.disconnect();
  }
}

/** Opens the node's two connections (after `checkRedis`), each retried with backoff whenever it is lost. */
export async function connectRedis(
  url: string,
  log: (line: string) => void = console.log,
  opts: { prefix?: string } = {},
): Promise<RedisLink> {
  const nodeId = randomUUID();
  const where = describeRedis(url);
  const open = (role: string) => {
    const client = new Redis(url, {
      connectionName: `portal-${nodeId.slice(0, 8)}-${role}`,
      retryStrategy: reconnectDelayMs,
      // Commands wait in ioredis's queue while the connection is retried, rather than failing at once.
      maxRetriesPerRequest: null,
      enableOfflineQueue: true,
      // The publisher's commands of one tick go to Redis in one write (in order), not one write each.
      enableAutoPipelining: role === "publisher",
    });
    let lost = false;
    client.on("error", (error: Error) => {
      if (!lost && !closing) log(`Redis (${role}) at ${where}: ${error.message}; retrying with backoff`);
      lost = true;
    });
    client.on("close", () => {
      if (!lost && !closing) log(`Redis (${role}) at ${where}: connection lost; retrying with backoff`);
      lost = true;
    });
    client.on("ready", () => {
      if (lost) log(`Redis (${role}) at ${where}: connected again`);
      lost = false;
      maybeReconnected();
    });
    return client;
  };
  const listeners: (() => void)[] = [];
  let firstReady = false;
  /** A stop closes the connections on purpose: nothing to report as lost. */
  let closing = false;
  const publisher = open("publisher");
  const subscriber = open("subscriber");
  const isUp = () => publisher.status === "ready" && subscriber.status === "ready";
  function maybeReconnected() {
    if (!isUp()) return;
    if (!firstReady) {
      firstReady = true;
      return;
    }
    for (const listener of listeners) listener();
  }
  await Promise.all([waitReady(publisher), waitReady(subscriber)]);
  return {
    nodeId,
    prefix: opts.prefix ?? "portal",
    log,
    publisher,
    subscriber,
    isUp,
    onReconnected: (listener) => void listeners.push(listener),
    close: async () => {
      closing = true;
      // QUIT waits in the queue while Redis is away: a moment for it, then the connections are dropped.
      let timer: NodeJS.Timeout | undefined;
      const moment = new Promise((resolve) => (timer = setTimeout(resolve, 1_000)));
      await Promise.race([Promise.allSettled([publisher.quit(), subscriber.quit()]), moment]);
      clearTimeout(timer);
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}

function waitReady(client: Redis): Promise<void> {
  if (client.status === "ready") return Promise.resolve();
  return new Promise((resolve) => client.once("ready", () => resolve()));
}
