// What a person may do with a collaboration document, shown by what the server does rather than by waiting and
// seeing nothing: the upgrade's refusal status; a write that another person's client receives; or a write that the
// server refuses (its audited refusal) and that a client synced afterwards does not have.
import * as Y from "yjs";
import { demoUser } from "../../db/seed";
import { eventually, providerFor, paragraphOf, synced, type TestProvider } from "./collab-client";
import { openRawCollab } from "./raw-collab";
import type { TestServer } from "./test-server";

/**
 * Opens `/collab/<name>` with a raw socket: the HTTP status that refused the upgrade, or "opened" when it was
 * accepted (the socket is closed again at once).
 */
export async function upgradeStatus(
  serverUrl: string,
  name: string,
  opts: { cookie?: string; origin?: string | null; path?: string } = {},
): Promise<number | "opened"> {
  const socket = openRawCollab(serverUrl, name, opts);
  try {
    await socket.opened;
    return "opened";
  } catch (error) {
    const match = /Unexpected server response: (\d{3})/.exec((error as Error).message);
    if (match) return Number(match[1]);
    throw new Error(`the upgrade of ${name} neither opened nor was refused with a status: ${(error as Error).message}`);
  } finally {
    socket.close();
  }
}

const fragmentText = (client: TestProvider, field: string) => client.doc.getXmlFragment(field).toString();

let probes = 0;

/**
 * What `userKey` (signed in as `cookie`) may do with the document `name`, by doing it: the refusal status of the
 * upgrade; "write" when a paragraph they write reaches `witnessCookie`'s client; "read" when the server refuses
 * that write (an audited `write:record` denial) and a client synced after the refusal does not have it.
 * The witness must be able to open the document.
 */
export async function accessShown(
  server: TestServer,
  name: string,
  person: { userKey: string; cookie: string },
  witnessCookie: string,
  opts: { field?: string; timeoutMs?: number } = {},
): Promise<"write" | "read" | number> {
  const status = await upgradeStatus(server.url, name, { cookie: person.cookie });
  if (status !== "opened") return status;
  const field = opts.field ?? "default";
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const marker = `probe ${++probes} by ${person.userKey} ${Math.random().toString(36).slice(2)}`;
  const opened: TestProvider[] = [];
  const open = (cookie: string) => {
    const client = providerFor(server.url, name, { cookie });
    opened.push(client);
    return client;
  };
  try {
    const witness = open(witnessCookie);
    const client = open(person.cookie);
    await Promise.all([synced(witness, timeoutMs), synced(client, timeoutMs)]);
    const [{ lastDenial }] = await server.db.sql<{ lastDenial: string }[]>`
      select coalesce(max(id), 0)::text as "lastDenial" from audit_events`;
    client.doc.getXmlFragment(field).push([paragraphOf(marker)]);
    const outcome = await eventually(async () => {
      if (fragmentText(witness, field).includes(marker)) return;
      const [denied] = await server.db.sql<{ count: number }[]>`
        select count(*)::int as count from audit_events
        where id > ${lastDenial} and action = 'write:record' and outcome = 'denied' and target = ${`document:${name}`}
          and user_id = (select id from users where email = ${demoUser(person.userKey).email})`;
      if (denied.count === 0) throw new Error(`the write of ${person.userKey} to ${name} was neither seen nor refused`);
    }, timeoutMs).then(() => (fragmentText(witness, field).includes(marker) ? "write" : "read"));
    if (outcome === "read") {
      // Decided: a client that syncs now gets the document as the server holds it, without the refused write.
      const later = open(witnessCookie);
      await synced(later, timeoutMs);
      if (fragmentText(later, field).includes(marker) || fragmentText(witness, field).includes(marker))
        throw new Error(`the write of ${person.userKey} to ${name} was refused yet reached the document`);
    }
    return outcome;
  } finally {
    for (const client of opened) client.destroy();
  }
}
