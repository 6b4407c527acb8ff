// A node killed with SIGKILL while two people type on it and a third watches from another node. One of the two
// carries on through the other node (as the balancer would send them); the other is gone for good, so what the
// watcher saw of their words can only reach the database through the nodes that received it. Nothing the watcher saw
// is lost, the document converges on every client and in the database, each update stored once and attributed.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { connectToServer, type Sql } from "../../db/client";
import { demoUser } from "../../db/seed";
import { loadDocument } from "../../server/collab/persistence";
import { clusterServers } from "../support/cluster-env";
import { createClusterDatabase, type ClusterDatabase } from "../support/cluster-portals";
import { startNodeProcesses, type NodeProcess } from "../support/cluster-processes";
import { eventually, providerFor, synced, text, type TestProvider } from "../support/collab-client";
import { storedTwice } from "../support/collab-log";
import { startOwnRedis, type OwnRedis } from "../support/own-redis";

const DOCUMENT = "case:1:notes";

describe.skipIf(!clusterServers)("a node killed with SIGKILL mid-edit", () => {
  let database: ClusterDatabase;
  let redis: OwnRedis;
  let sql: Sql;
  let nodes: NodeProcess[] = [];
  const clients: TestProvider[] = [];

  beforeAll(async () => {
    database = await createClusterDatabase(clusterServers!.postgresUrl, "collab_killed");
    // A Redis of its own: the nodes use the portal's own channel names, which no other test run may hear.
    redis = await startOwnRedis();
    sql = (await connectToServer(database.url, { max: 2 })).sql;
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const node of nodes) await node.stop();
    await sql?.end();
    await redis?.stop();
    await database?.drop();
  });

  test("its clients carry on elsewhere; nothing anyone saw is lost; the document converges everywhere", async () => {
    nodes = await startNodeProcesses(2, { DATABASE_URL: database.url, REDIS_URL: redis.url, ACCESS_RECHECK_MS: "2000" });
    const [doomed, survivor] = nodes;
    const open = async (node: NodeProcess, userKey: string) => {
      const client = providerFor(node.url, DOCUMENT, { cookie: await node.signIn(userKey) });
      clients.push(client);
      await synced(client);
      return client;
    };
    const police = await open(doomed, "police");
    const teacher = await open(doomed, "education");
    const watcher = await open(survivor, "health");

    let typed = 0;
    const type = (client: TestProvider, mark: string) => {
      const notes = client.doc.getText("notes");
      notes.insert(notes.length, `[${mark}${typed}]`);
    };
    let typing = setInterval(() => {
      typed += 1;
      type(police, "p");
      type(teacher, "t");
    }, 25);
    await eventually(() => expect(text(watcher)).toContain("[t40]"), 20_000);
    doomed.child.kill("SIGKILL");
    clearInterval(typing);
    await doomed.exited;
    const seenByWatcher = text(watcher).match(/\[t\d+\]/g)!;
    // The teacher is gone for good; the police officer's editor reconnects to the surviving node with its document as
    // it stands, writing on under the same client id (as the stock client does when it reconnects).
    teacher.destroy();
    police.provider.destroy();
    const moved = sameDocumentOn(survivor.url, police, await survivor.signIn("police"));
    clients.push(moved);
    await synced(moved);
    typing = setInterval(() => {
      typed += 1;
      type(moved, "p");
    }, 25);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    clearInterval(typing);

    await eventually(() => {
      expect(text(moved)).toBe(text(watcher));
      expect(text(moved)).toContain(`[p${typed}]`);
    }, 10_000);
    // Stored within the time the surviving node takes to know the other is gone.
    await eventually(async () => {
      const stored = (await loadDocument(sql, DOCUMENT)).doc.getText("notes").toString();
      expect(stored).toBe(text(watcher));
    }, 30_000);
    for (const mark of seenByWatcher) expect(text(watcher)).toContain(mark);
    expect(seenByWatcher.length).toBeGreaterThanOrEqual(40);
    expect(await storedTwice(sql, DOCUMENT)).toEqual([]);

    // The teacher's words are stored as hers, whichever node stored them.
    const [teacherRow] = await sql<{ id: string }[]>`select id from users where email = ${demoUser("education").email}`;
    const rows = await sql<{ update: Uint8Array; userId: string }[]>`
      select update, user_id as "userId" from collab_updates where document = ${DOCUMENT}`;
    const teacherClient = teacher.doc.clientID;
    const holders = rows.filter((row) => Y.decodeUpdate(row.update).structs.some((struct) => struct.id.client === teacherClient));
    expect(holders.length).toBeGreaterThan(0);
    expect(new Set(holders.map((row) => row.userId))).toEqual(new Set([teacherRow.id]));
  });
});

/** A new connection, to another node, for the document a client already holds. */
function sameDocumentOn(url: string, client: TestProvider, cookie: string): TestProvider {
  class WebSocketWithCookie extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { origin: url, cookie } });
    }
  }
  const provider = new WebsocketProvider(`${url.replace(/^http/, "ws")}/collab`, DOCUMENT, client.doc, {
    WebSocketPolyfill: WebSocketWithCookie as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
  return { ...client, provider, destroy: () => (provider.destroy(), client.doc.destroy()) };
}
