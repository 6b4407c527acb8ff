// What a load balancer and an operator see of a node: /health names the node, /ready says whether the database and
// Redis answer. Redis stopped while the nodes run: each says so in its log and /ready turns 503; an access change still
// answers at once and each node's own re-check ends the sockets it could not be told about; Redis back, the nodes
// reconnect, /ready is 200 again, and nodes ask and answer one another as before. Redis here is the test's own, which it stops.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { clusterServers } from "../support/cluster-env";
import { startCluster, type Cluster, type ClusterNode } from "../support/cluster-nodes";
import { eventually } from "../support/collab-client";
import { startOwnRedis, type OwnRedis } from "../support/own-redis";
import { connectSocket, type PortalSocket } from "../support/socket-client";

let redis: OwnRedis;
let cluster: Cluster;
let A: ClusterNode, B: ClusterNode;
const sockets: PortalSocket[] = [];

beforeAll(async () => {
  if (!clusterServers) return;
  redis = await startOwnRedis();
  // A short re-check, so that what Redis could not carry is caught by each node's own pass within the test.
  cluster = await startCluster({ postgresUrl: clusterServers.postgresUrl, redisUrl: redis.url }, 2, { ACCESS_RECHECK_MS: "500" });
  [A, B] = cluster.nodes;
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await cluster?.close();
  await redis?.stop();
});

const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, string> });
/** Opens a socket.io connection on `on` with `cookie`; `ended` resolves with what it is told when its session ends. */
async function socketOn(on: ClusterNode, cookie: string): Promise<{ ended: Promise<string> }> {
  const socket = await connectSocket(on.url, { cookie });
  sockets.push(socket);
  return { ended: new Promise<string>((resolve) => socket.once("session:ended", resolve)) };
}

describe.skipIf(!clusterServers)("health and readiness", () => {
  test("/health names each node; /ready says the database and Redis are up; neither needs a session or sets one", async () => {
    const [a, b] = [await A.get("/health"), await B.get("/health")];
    expect(a.headers.get("set-cookie")).toBeNull();
    const [healthA, healthB] = [await json(a), await json(b)];
    expect(healthA).toEqual({ status: 200, body: { status: "ok", node: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    expect(healthB.body.node).not.toBe(healthA.body.node);
    const ready = await A.get("/ready");
    expect(ready.headers.get("set-cookie")).toBeNull();
    expect(await json(ready)).toEqual({ status: 200, body: { status: "ready", node: healthA.body.node, database: "up", redis: "up" } });
  });
});

describe.skipIf(!clusterServers)("Redis lost while the nodes run", () => {
  test("each node says so and is not ready; an access change still answers and ends sockets elsewhere; Redis back, all is as before", async () => {
    await redis.stop();
    await eventually(async () => {
      expect(await json(await A.get("/ready"))).toMatchObject({ status: 503, body: { status: "not ready", database: "up", redis: "down" } });
      expect((await json(await B.get("/ready"))).status).toBe(503);
    }, 15_000);
    expect((await A.get("/health")).status).toBe(200);
    for (const node of [A, B]) expect(node.log.join("\n")).toMatch(/Redis \(\w+\) at .*(connection lost|ECONNREFUSED).*retrying with backoff/);

    // A sign-out through A while Redis is down: answered at once; B's own re-check ends the session's socket there.
    const cookie = await A.signIn("police");
    const { ended } = await socketOn(B, cookie);
    expect((await A.post("/sign-out", {}, cookie)).status).toBe(302);
    expect(await ended).toMatch(/session has ended/);

    await redis.start();
    await eventually(async () => {
      for (const node of [A, B]) expect(await json(await node.get("/ready"))).toMatchObject({ status: 200, body: { redis: "up" } });
    }, 30_000);
    for (const node of [A, B]) expect(node.log.join("\n")).toContain("connected again");

    // Across nodes again (asked and answered through Redis, which no re-check stands in for): presence in a case's room.
    const sam = await connectSocket(A.url, { cookie: await A.signIn("socialWorker") });
    const nadia = await connectSocket(B.url, { cookie: await B.signIn("health") });
    sockets.push(sam, nadia);
    const join = (socket: PortalSocket) =>
      new Promise<{ ok: boolean; present?: { fullName: string }[] }>((resolve) => socket.emit("room:join", "case:1", resolve));
    expect((await join(sam)).ok).toBe(true);
    expect((await join(nadia)).present?.map((person) => person.fullName)).toEqual(expect.arrayContaining(["Sam Okafor", "Nadia Hussain"]));
  });
});
