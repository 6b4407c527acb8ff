// Three nodes on one database and one Redis: what a person does through one node reaches the pages and editors of
// everyone else, whichever node they are on — change notices, invitations, presence and the oversight room's notice —
// and a change that ends access (a removal, a sign-out, a sign-off) closes or downgrades their sockets on every node
// before the request that made it is answered.
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { clusterServers } from "../support/cluster-env";
import { startCluster, type Cluster, type ClusterNode } from "../support/cluster-nodes";
import { eventually, paragraphOf, providerFor, synced, type TestProvider } from "../support/collab-client";
import { meetingForm } from "../support/meeting-form";
import { connectSocket, type PortalSocket } from "../support/socket-client";

let cluster: Cluster;
let A: ClusterNode, B: ClusterNode, C: ClusterNode;
const ids: Record<string, number> = {};
const sockets: PortalSocket[] = [];
const clients: TestProvider[] = [];

beforeAll(async () => {
  cluster = await startCluster(clusterServers!, 3);
  [A, B, C] = cluster.nodes;
  for (const row of await cluster.sql<{ id: string; email: string }[]>`select id, email from users`) ids[row.email.split("@")[0]] = Number(row.id);
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const socket of sockets) socket.close();
  await cluster?.close();
});

const socketOn = async (node: ClusterNode, cookie: string) => {
  const socket = await connectSocket(node.url, { cookie });
  sockets.push(socket);
  return socket;
};
const join = (socket: PortalSocket, room: string) =>
  new Promise<{ ok: boolean; present?: { fullName: string }[] }>((resolve) => socket.emit("room:join", room, resolve));
const editorOn = async (node: ClusterNode, cookie: string, document: string) => {
  const client = providerFor(node.url, document, { cookie });
  clients.push(client);
  await synced(client);
  return client;
};
/** Everything of a document's that is stored, merged, read from the database the nodes share. */
async function stored(document: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const row of await cluster.sql<{ update: Uint8Array }[]>`select update from collab_updates where document = ${document}`)
    Y.applyUpdate(doc, row.update);
  return doc;
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** Convenes a strategy meeting on Lily's case through `node`, inviting Sam, Alex and Nadia; returns its page. */
async function convene(node: ClusterNode, chair: string, concern: string): Promise<string> {
  const form = meetingForm({ concern, chairUserId: String(ids["helen.ward"]) });
  for (const person of ["sam.okafor", "alex.morgan", "nadia.hussain"]) form.append("invitee", String(ids[person]));
  const convened = await node.post("/cases/1/meetings/new", form, chair);
  expect(convened.status, await convened.text()).toBe(302);
  return convened.headers.get("location")!;
}

/** A strategy meeting on Lily's case, convened and made ready for sign-off through `node`. */
async function readyMeeting(node: ClusterNode, cookies: Record<string, string>): Promise<{ path: string; id: number }> {
  const path = await convene(node, cookies.chair, "Lily was hungry with a bruise.");
  const attendance: Record<string, string> = { intent: "attendance" };
  for (const person of ["helen.ward", "sam.okafor", "alex.morgan", "nadia.hussain"]) attendance[`attendance-${ids[person]}`] = "present";
  expect((await node.post(path, attendance, cookies.chair)).status).toBe(302);
  for (const key of ["police", "health", "socialWorker"])
    expect((await node.post(path, { intent: "scale", score: "4", reasons: `${key} reasons` }, cookies[key])).status).toBe(302);
  const decisions = {
    intent: "decisions", section47: "yes", section47Why: "Reasonable cause to suspect significant harm.", policeInvestigation: "joint",
    immediateProtection: "no", icpc: "yes", familyTold: "yes", familyToldBy: "Sam Okafor", familyToldOnDay: "11", familyToldOnMonth: "12",
    familyToldOnYear: "2026",
  };
  expect((await node.post(path, decisions, cookies.chair)).status).toBe(302);
  return { path, id: Number(path.split("/").pop()) };
}

describe.skipIf(!clusterServers)("live pages across nodes", () => {
  test("an invitation made through node A reaches the invitee's Your work open on node C", async () => {
    const chair = await A.signIn("chair");
    const police = await socketOn(C, await C.signIn("police"));
    expect((await join(police, `user:${ids["alex.morgan"]}`)).ok).toBe(true);
    const invited = new Promise<{ room: string; what: string }>((resolve) => police.once("record:changed", resolve));
    await convene(A, chair, "A second look at Lily's week.");
    expect(await invited).toEqual({ room: `user:${ids["alex.morgan"]}`, what: "invitation" });
  });

  test("presence in a case's room counts people on every node, and each is told when another arrives", async () => {
    const sam = await socketOn(A, await A.signIn("socialWorker"));
    expect((await join(sam, "case:1")).ok).toBe(true);
    const samHears = new Promise<string[]>((resolve) =>
      sam.on("presence", ({ present }) => {
        if (present.some((person) => person.fullName === "Nadia Hussain")) resolve(present.map((person) => person.fullName));
      }),
    );
    const nadia = await socketOn(C, await C.signIn("health"));
    const joined = await join(nadia, "case:1");
    expect(joined.ok).toBe(true);
    expect(joined.present?.map((person) => person.fullName)).toEqual(expect.arrayContaining(["Sam Okafor", "Nadia Hussain"]));
    expect(await samHears).toEqual(expect.arrayContaining(["Sam Okafor", "Nadia Hussain"]));
  });

  test("a change on a case through node A tells the oversight pages open on node B to fetch their figures again", async () => {
    const manager = await socketOn(B, await B.signIn("partnershipManager"));
    expect((await join(manager, "oversight")).ok).toBe(true);
    // Counted once on B first, so B's kept figures are the ones a change elsewhere must make stale.
    expect((await B.get("/oversight", await B.signIn("partnershipManager"))).status).toBe(200);
    const path = await convene(A, await A.signIn("chair"), "Checking in on Lily.");
    const told = new Promise<{ room: string; what: string }>((resolve) => manager.once("record:changed", resolve));
    // A scaling recorded at the meeting: a change on the case, which the oversight figures count.
    expect((await A.post(path, { intent: "scale", score: "5", reasons: "Scaled through node A" }, await A.signIn("police"))).status).toBe(302);
    expect(await told).toEqual({ room: "oversight", what: "oversight" });
  });
});

describe.skipIf(!clusterServers)("access ended through one node, on every node", () => {
  test("a removal from the case through node B closes the removed person's socket.io room and editor on node C before it is answered", async () => {
    const emma = await C.signIn("education");
    const socket = await socketOn(C, emma);
    expect((await join(socket, "case:1")).ok).toBe(true);
    const removedFromRoom = new Promise<{ room: string }>((resolve) => socket.once("room:removed", resolve));
    const editor = await editorOn(C, emma, "case:1:notes");
    editor.doc.getText("notes").insert(0, "Emma's note before. ");
    await eventually(async () => expect((await stored("case:1:notes")).getText("notes").toString()).toContain("Emma's note before."), 10_000);

    const removed = await B.post("/cases/1/team", { intent: "remove-member", userId: String(ids["emma.clarke"]), confirm: "yes" }, await B.signIn("socialWorker"));
    editor.doc.getText("notes").insert(0, "Emma's note after. ");
    expect(removed.status).toBe(302);
    await settle();
    await C.portal.collab.flush();

    expect((await stored("case:1:notes")).getText("notes").toString()).not.toContain("Emma's note after.");
    await eventually(() => expect(editor.closeCodes).toContain(4403));
    expect(await removedFromRoom).toMatchObject({ room: "case:1" });
  });

  test("a sign-out through node A ends that session's sockets on node B, and only that session's", async () => {
    const signedIn = await A.signIn("police");
    const other = await B.signIn("police");
    const socket = await socketOn(B, signedIn);
    const otherSocket = await socketOn(B, other);
    const ended = new Promise<string>((resolve) => socket.once("session:ended", resolve));
    const editor = await editorOn(B, signedIn, "case:1:notes");

    const signedOut = await A.post("/sign-out", {}, signedIn);
    editor.doc.getText("notes").insert(0, "Typed after signing out. ");
    expect(signedOut.status).toBe(302);
    await settle();
    await B.portal.collab.flush();

    expect(await ended).toMatch(/session has ended/);
    await eventually(() => expect(editor.closeCodes).toContain(4401));
    expect((await stored("case:1:notes")).getText("notes").toString()).not.toContain("Typed after signing out.");
    expect(otherSocket.connected).toBe(true);
  });

  test("a sign-off through node A commits what node C accepted, then makes its editor read-only: an edit after is refused", async () => {
    const cookies: Record<string, string> = {};
    for (const key of ["chair", "socialWorker", "police", "health"]) cookies[key] = await A.signIn(key);
    const meeting = await readyMeeting(A, cookies);
    const section = `case:1:meeting:${meeting.id}:agency:kestrel-vale-police`;
    const police = await editorOn(C, await C.signIn("police"), section);
    police.doc.getXmlFragment("default").push([paragraphOf("Said before sign-off.")]);
    // Accepted on C (C's own editors see it), and not yet committed: C's commits wait for their durability window.
    const witness = await editorOn(C, await C.signIn("police"), section);
    await eventually(() => expect(witness.doc.getXmlFragment("default").toString()).toContain("Said before sign-off."));

    const signedOff = await A.post(meeting.path, { intent: "sign-off" }, cookies.chair);
    const atAnswer = (await stored(section)).getXmlFragment("default").toString();
    police.doc.getXmlFragment("default").push([paragraphOf("Said after sign-off.")]);
    expect(signedOff.status).toBe(302);
    await settle();
    await C.portal.collab.flush();

    expect(atAnswer).toContain("Said before sign-off.");
    expect((await stored(section)).getXmlFragment("default").toString()).not.toContain("Said after sign-off.");
    await eventually(() => expect(police.notices.join(" ")).toContain("read-only"));
  });
});
