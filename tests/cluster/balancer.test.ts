// HAProxy in front of several nodes, as `npm run start:nodes` starts it (scripts/cluster/start-cluster.ts): a browser is
// given a node by cookie and stays on it; the nodes are spread between browsers; a node killed outright loses its
// browsers to the others, each given its new node's cookie; and a client cannot pass itself off as another address.
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findHaproxy } from "../../scripts/cluster/haproxy-config";
import { startCluster, STICKY_COOKIE, type Cluster } from "../../scripts/cluster/start-cluster";
import { demoUser, DEMO_PASSWORD } from "../../db/seed";
import { clusterServers } from "../support/cluster-env";
import { finishSignIn, httpTo } from "../support/demo-codes";
import { createClusterDatabase, type ClusterDatabase } from "../support/cluster-portals";
import { startOwnRedis, type OwnRedis } from "../support/own-redis";

/** Waits until `check` holds (the balancer's health checks run every 2 s), or fails after a minute. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await check()); waited += 250) {
    if (waited > 60_000) throw new Error("waited a minute and it did not happen");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// CI installs haproxy (.ci/run) and must run this file; elsewhere a machine without it skips it.
const runnable = clusterServers !== null && (findHaproxy() !== null || !!process.env.CI);

/** One request through the balancer with the given cookies; the node that answered and the sticky cookie it set. */
async function health(cluster: Cluster, cookie = ""): Promise<{ node: string; setsNode: string | null }> {
  const response = await fetch(`${cluster.url}/health`, { headers: cookie ? { cookie } : {} });
  expect(response.status).toBe(200);
  const sticky = response.headers.getSetCookie().find((header) => header.startsWith(`${STICKY_COOKIE}=`));
  return { node: ((await response.json()) as { node: string }).node, setsNode: sticky?.split(";")[0] ?? null };
}

describe.skipIf(!runnable)("the load balancer in front of several nodes", () => {
  let database: ClusterDatabase;
  let cluster: Cluster;

  beforeAll(async () => {
    database = await createClusterDatabase(clusterServers!.postgresUrl, "c_balancer");
    cluster = await startCluster({ nodes: 3, databaseUrl: database.url, redisUrl: clusterServers!.redisUrl, host: "127.0.0.1" });
  });

  afterAll(async () => {
    await cluster?.stop();
    await database?.drop();
  });

  test("each new browser is given a node by cookie and stays on it, and the nodes are shared out", async () => {
    const ids = cluster.nodes.map((node) => node.id);
    const seen = new Set<string>();
    for (let browser = 0; browser < ids.length; browser += 1) {
      const first = await health(cluster);
      expect(ids).toContain(first.node);
      expect(first.setsNode).not.toBeNull();
      seen.add(first.node);
      for (let again = 0; again < 3; again += 1) {
        const next = await health(cluster, first.setsNode!);
        expect(next.node).toBe(first.node);
        expect(next.setsNode).toBeNull();
      }
    }
    expect([...seen].sort()).toEqual([...ids].sort());
  });

  test("a sign-in through the balancer holds on every node, and the address recorded is the client's, not one it claims", async () => {
    const response = await fetch(`${cluster.url}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: cluster.url, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "203.0.113.9" },
      body: new URLSearchParams({ email: demoUser("police").email, password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(302);
    const half = response.headers.getSetCookie().find((header) => /^(__Host-)?pp_session=/.test(header))!.split(";")[0];
    // The second step, with the demo people's authenticator app, through the balancer too (decision 056).
    const session = await finishSignIn(httpTo(cluster.url), { portal: database.url, email: demoUser("police").email, cookie: half, next: "/sign-in/code" });
    for (const node of cluster.nodes) {
      const page = await fetch(`${cluster.url}/`, { headers: { cookie: `${session}; ${STICKY_COOKIE}=${node.name}` } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(demoUser("police").fullName);
    }
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    const [signIn] = await sql<{ ip: string }[]>`select ip from audit_events where action = 'sign-in' order by id desc limit 1`;
    await sql.end();
    expect(signIn.ip).toBe("127.0.0.1");
  });

  test("a node killed outright: its browsers are served by the others and given their cookie", async () => {
    const [doomed, ...others] = cluster.nodes;
    doomed.process.kill("SIGKILL");
    await new Promise((resolve) => doomed.process.once("exit", resolve));
    // At once, before a health check has marked the node down: the balancer retries the refused connection on
    // another node (`option redispatch`) rather than answering 503.
    // A request racing the kill may be sent on a kept-alive connection to the dead node; HAProxy then closes the
    // client's connection without an answer, and a browser sends the request again, as this does, once.
    const stale = `${STICKY_COOKIE}=${doomed.name}`;
    const moved = await health(cluster, stale).catch((error: unknown) => {
      if (error instanceof TypeError) return health(cluster, stale); // fetch failed: the connection was closed
      throw error;
    });
    expect(others.map((node) => node.id)).toContain(moved.node);
    const movedTo = others.find((node) => node.id === moved.node)!;
    expect(moved.setsNode).toBe(`${STICKY_COOKIE}=${movedTo.name}`);
    expect((await health(cluster, moved.setsNode!)).node).toBe(movedTo.id);
  });
});

describe.skipIf(!runnable)("the load balancer while Redis is lost by every node", () => {
  let database: ClusterDatabase;
  let redis: OwnRedis;
  let cluster: Cluster;
  /** What the nodes and the balancer said: HAProxy says when it takes a node out or has no ready node left. */
  const said: string[] = [];

  beforeAll(async () => {
    database = await createClusterDatabase(clusterServers!.postgresUrl, "c_balancer_redis");
    redis = await startOwnRedis();
    cluster = await startCluster({
      nodes: 2,
      databaseUrl: database.url,
      redisUrl: redis.url,
      host: "127.0.0.1",
      log: (line) => said.push(line),
    });
  });

  afterAll(async () => {
    await cluster?.stop();
    await redis?.stop();
    await database?.drop();
  });

  test("people are still served by the nodes that are alive, and ready nodes get them again once Redis is back", async () => {
    await redis.stop();
    // Every node says it is not ready; the balancer's checks then take each out of the ready nodes.
    for (const node of cluster.nodes) await until(async () => (await fetch(`http://127.0.0.1:${node.port}/ready`)).status === 503);
    await until(async () => said.some((line) => line.includes("backend nodes has no server available")));
    const page = await fetch(`${cluster.url}/sign-in`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Sign in");

    await redis.start();
    await until(async () => said.some((line) => /Server nodes\/n\d is UP/.test(line)));
    expect((await fetch(`${cluster.url}/sign-in`)).status).toBe(200);
  });
});
