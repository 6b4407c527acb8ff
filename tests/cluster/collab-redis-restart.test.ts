// Redis restarted while two people on two nodes type: each node carries on alone meanwhile, and once Redis is back
// they resynchronise; nothing typed is lost, and no update is stored twice in the log.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { connectToServer } from "../../db/client";
import { loadDocument } from "../../server/collab/persistence";
import { clusterServers } from "../support/cluster-env";
import { createClusterDatabase, startClusterNode, testPrefix, type ClusterDatabase, type ClusterNode } from "../support/cluster-portals";
import { eventually, providerFor, synced, text, type TestProvider } from "../support/collab-client";
import { storedTwice } from "../support/collab-log";
import { startOwnRedis, type OwnRedis } from "../support/own-redis";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!clusterServers)("Redis restarted mid-edit", () => {
  let database: ClusterDatabase;
  let redis: OwnRedis;
  const nodes: ClusterNode[] = [];
  const clients: TestProvider[] = [];

  beforeAll(async () => {
    database = await createClusterDatabase(clusterServers!.postgresUrl, "collab_restart");
    redis = await startOwnRedis();
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const node of nodes) await node.close();
    await redis?.stop();
    await database?.drop();
  });

  test("the nodes resynchronise, nothing is lost, and nothing is stored twice", async () => {
    const prefix = testPrefix("restart");
    for (let i = 0; i < 2; i++) nodes.push(await startClusterNode(database.url, redis.url, { prefix }));
    const [a, b] = nodes;
    const police = providerFor(a.url, "case:1:notes", { cookie: await a.signIn("police") });
    const health = providerFor(b.url, "case:1:notes", { cookie: await b.signIn("health") });
    clients.push(police, health);
    await Promise.all([synced(police), synced(health)]);

    let typed = 0;
    const typing = setInterval(() => {
      typed += 1;
      police.doc.getText("notes").insert(0, `[a${typed}]`);
      const notes = health.doc.getText("notes");
      notes.insert(notes.length, `[b${typed}]`);
    }, 40);
    try {
      await eventually(() => expect(text(health)).toContain("[a5]"));
      await redis.stop();
      await pause(1500);
      await redis.start();
      await pause(1500);
    } finally {
      clearInterval(typing);
    }

    await eventually(() => {
      expect(text(police)).toBe(text(health));
      for (let i = 1; i <= typed; i++) expect(text(police)).toContain(`[b${i}]`);
      for (let i = 1; i <= typed; i++) expect(text(health)).toContain(`[a${i}]`);
    }, 20_000);
    expect(Y.encodeStateAsUpdate(police.doc)).toEqual(Y.encodeStateAsUpdate(health.doc));

    for (const node of nodes) await node.portal.collab.flush();
    const sql = (await connectToServer(database.url, { max: 1 })).sql;
    try {
      expect((await loadDocument(sql, "case:1:notes")).doc.getText("notes").toString()).toBe(text(police));
      expect(await storedTwice(sql, "case:1:notes")).toEqual([]);
    } finally {
      await sql.end();
    }
  });
});
