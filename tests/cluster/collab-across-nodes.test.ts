// Live editing across nodes: two people on different nodes see each other's words and carets; a node started while
// others edit loads the document with everything, stored or not; every update is stored once, attributed.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { encodeWire } from "../../server/cluster/collab-wire";
import { loadDocument } from "../../server/collab/persistence";
import { connectToServer } from "../../db/client";
import { clusterServers } from "../support/cluster-env";
import { createClusterDatabase, startClusterNode, testPrefix, type ClusterDatabase, type ClusterNode } from "../support/cluster-portals";
import { eventually, providerFor, synced, text, type TestProvider } from "../support/collab-client";
import { storedTwice } from "../support/collab-log";

describe.skipIf(!clusterServers)("collaboration across nodes", () => {
  let database: ClusterDatabase;
  const nodes: ClusterNode[] = [];
  const clients: TestProvider[] = [];
  const prefix = testPrefix("collab");
  // Commits wait a minute: what the nodes hold in memory is not yet in the database.
  const start = (collab = {}, ownPrefix = prefix, bus = {}) =>
    startClusterNode(database.url, clusterServers!.redisUrl, { prefix: ownPrefix, bus, collab: { unloadGraceMs: 200, ...collab } }).then((node) => {
      nodes.push(node);
      return node;
    });
  const open = async (node: ClusterNode, userKey: string, document = "case:1:notes") => {
    const client = providerFor(node.url, document, { cookie: await node.signIn(userKey) });
    clients.push(client);
    await synced(client);
    return client;
  };

  beforeAll(async () => {
    database = await createClusterDatabase(clusterServers!.postgresUrl, "collab_nodes");
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const node of nodes) await node.close();
    await database?.drop();
  });

  test("an edit on node A reaches a person on node C, carets cross, and the log has each update once", async () => {
    const [a, , c] = [await start(), await start(), await start()];
    const police = await open(a, "police");
    const health = await open(c, "health");
    police.doc.getText("notes").insert(0, "Police: DA notification 3 Nov. ");
    await eventually(() => expect(text(health)).toContain("DA notification"));
    health.doc.getText("notes").insert(0, "Health: missed review. ");
    await eventually(() => expect(text(police)).toContain("missed review"));
    await eventually(() => expect(Y.encodeStateAsUpdate(police.doc)).toEqual(Y.encodeStateAsUpdate(health.doc)));

    police.provider.awareness.setLocalStateField("cursor", { anchor: 1, head: 4 });
    await eventually(() => {
      const seen = [...health.provider.awareness.getStates().values()].find((state) => state.cursor);
      expect(seen?.user?.name).toContain("Alex Morgan");
    });

    for (const node of nodes) await node.portal.collab.flush();
    const sql = (await connectToServer(database.url, { max: 1 })).sql;
    try {
      const stored = await loadDocument(sql, "case:1:notes");
      expect(stored.doc.getText("notes").toString()).toBe(text(police));
      expect(await storedTwice(sql, "case:1:notes")).toEqual([]);
      const authors = await sql<{ agencyId: string }[]>`
        select distinct agency_id as "agencyId" from collab_updates where document = 'case:1:notes' order by 1`;
      expect(authors.map((row) => row.agencyId)).toEqual(["kestrel-vale-police", "sandmere-community-health"]);
    } finally {
      await sql.end();
    }
  });

  test("a node started while two others are editing loads the document with everything, stored or not", async () => {
    const slow = { flushDelayMs: 60_000 };
    const [a, b] = [await start(slow), await start(slow)];
    const police = await open(a, "socialWorker", "case:2:notes");
    const social = await open(b, "gp", "case:2:notes");
    for (let i = 0; i < 20; i++) {
      police.doc.getText("notes").insert(0, `[p${i}]`);
      social.doc.getText("notes").insert(social.doc.getText("notes").length, `[s${i}]`);
    }
    await eventually(() => expect(text(police)).toBe(text(social)));
    expect(text(police)).toContain("[s19]");

    const d = await start();
    const late = await open(d, "socialWorker", "case:2:notes");
    // Synced means the node answered the client from what it loaded: everything is there at once.
    expect(text(late)).toBe(text(police));
  });

  test("a snapshot written by one node keeps what another stored that the first never saw", async () => {
    // Two nodes that do not hear each other (as when a message between them is late): each stores its own words.
    const [p, q] = [await start({}, testPrefix("apart-p")), await start({}, testPrefix("apart-q"))];
    const early = await open(q, "health", "case:1:notes");
    early.doc.getText("notes").insert(0, "Written on Q first. ");
    await q.portal.collab.flush();
    const later = await open(p, "police", "case:1:notes");
    later.doc.getText("notes").insert(0, "Written on P after. ");
    await p.portal.collab.flush();
    // P unloads the document: it writes a snapshot, its rows numbered after Q's.
    later.destroy();
    await eventually(() => expect(p.portal.collab.stats().documents).toBe(0));
    const sql = (await connectToServer(database.url, { max: 1 })).sql;
    try {
      const [snapshot] = await sql<{ uptoSeq: string }[]>`select upto_seq as "uptoSeq" from collab_snapshots where document = 'case:1:notes'`;
      expect(Number(snapshot.uptoSeq)).toBeGreaterThan(0);
      const stored = (await loadDocument(sql, "case:1:notes")).doc.getText("notes").toString();
      expect(stored).toContain("Written on Q first.");
      expect(stored).toContain("Written on P after.");
    } finally {
      await sql.end();
    }
  });

  test("a malformed message from Redis is dropped and logged, and editing carries on", async () => {
    const [a, b] = [await start(), await start()];
    const police = await open(a, "police", "case:2:notes");
    const gp = await open(b, "gp", "case:2:notes");
    const redis = new Redis(clusterServers!.redisUrl);
    try {
      const channel = `${prefix}:collab:doc:case:2:notes`;
      const wellFormed = encodeWire({ kind: "update", document: "case:2:notes", node: randomUUID(), ticket: 1, userId: 1, agencyId: "kestrel-vale-police", at: Date.now(), update: new Uint8Array([9, 9, 9]) });
      for (const junk of [Buffer.from("hello"), Buffer.from([0xc7, 1, 0, 0xff, 0xff, 0xff, 0xff]), wellFormed])
        for (const to of [channel, `${prefix}:collab:node:${a.nodeId}`, `${prefix}:collab:nodes`]) await redis.publish(to, junk);
    } finally {
      redis.disconnect();
    }
    police.doc.getText("notes").insert(0, "Still here. ");
    await eventually(() => expect(text(gp)).toContain("Still here."));
    expect(a.log.join("\n")).toMatch(/dropped a malformed message/);
    expect(a.log.join("\n")).toMatch(/dropped a message \(update\)/);
  });

  test("what a node that stops had accepted and not stored is stored by a node that received it, as its author's, once", async () => {
    const apart = testPrefix("takeover");
    const quick = { heartbeatMs: 100, deadAfterMs: 600 };
    // X would commit only after ten minutes: whatever is stored of its updates, another node stored.
    const [x, y] = [await start({ flushDelayMs: 600_000 }, apart, quick), await start({}, apart, quick)];
    const teacher = await open(x, "education", "case:1:agency:larkfield-primary:notes");
    const colleague = await open(y, "education", "case:1:agency:larkfield-primary:notes");
    const notes = teacher.doc.getText("notes");
    for (let i = 0; i < 10; i++) notes.insert(notes.length, `[x${i}]`);
    await eventually(() => expect(text(colleague)).toContain("[x9]"));
    // X stops beating, as if killed (its teacher stays, idle, so X does not unload the document and commit it).
    await x.bus.close();

    const sql = (await connectToServer(database.url, { max: 1 })).sql;
    try {
      await eventually(async () => {
        const stored = await loadDocument(sql, "case:1:agency:larkfield-primary:notes");
        expect(stored.doc.getText("notes").toString()).toBe(text(colleague));
      }, 15_000);
      expect(y.log.join("\n")).toMatch(/stopped; stored 10 of its 10 unstored updates/);
      expect(await storedTwice(sql, "case:1:agency:larkfield-primary:notes")).toEqual([]);
      const authors = await sql<{ fullName: string }[]>`
        select distinct u.full_name as "fullName" from collab_updates c join users u on u.id = c.user_id
        where c.document = 'case:1:agency:larkfield-primary:notes'`;
      expect(authors.map((row) => row.fullName)).toEqual(["Emma Clarke"]);
    } finally {
      await sql.end();
    }
  });

  test("a hold on writing first stores what a node that went silent had broadcast and not stored, once, as its author's", async () => {
    const apart = testPrefix("hold-stores-kept");
    // Nobody takes over by heartbeat here (an hour): only the hold's second step can store X's updates.
    const slow = { heartbeatMs: 100, deadAfterMs: 3_600_000 };
    const [x, y] = [await start({ flushDelayMs: 600_000 }, apart, slow), await start({}, apart, slow)];
    const document = "case:1:agency:kestrel-vale-police:notes";
    const officer = await open(x, "police", document);
    const colleague = await open(y, "police", document);
    const notes = officer.doc.getText("notes");
    for (let i = 0; i < 10; i++) notes.insert(notes.length, `[p${i}]`);
    await eventually(() => expect(text(colleague)).toContain("[p9]"));
    // X goes silent holding ten updates it never stored; Y keeps them, waiting to hear they are stored.
    await x.bus.close();

    await y.portal.collab.storeKept((name) => name === document);

    const sql = (await connectToServer(database.url, { max: 1 })).sql;
    try {
      const stored = await loadDocument(sql, document);
      expect(stored.doc.getText("notes").toString()).toBe(text(colleague));
      expect(y.log.join("\n")).toMatch(/before a hold on case:1:agency:kestrel-vale-police:notes, stored 10 of the 10 updates/);
      expect(await storedTwice(sql, document)).toEqual([]);
      const authors = await sql<{ fullName: string }[]>`
        select distinct u.full_name as "fullName" from collab_updates c join users u on u.id = c.user_id where c.document = ${document}`;
      expect(authors).toHaveLength(1);
      // Asked again, there is nothing left to store.
      await y.portal.collab.storeKept((name) => name === document);
      expect(await storedTwice(sql, document)).toEqual([]);
    } finally {
      await sql.end();
    }
  });
});
