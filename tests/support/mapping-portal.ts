// The portal the mapping tests (tests/integration/mapping*.test.ts) run against, with access re-checked every 500 ms
// and every person they use signed in; Lily's first map and the police's restricted notes on her case; and the live
// documents and sockets those tests open (closed after the file).
import { afterAll, beforeAll } from "vitest";
import { providerFor, type TestProvider } from "./collab-client";
import { openForOversight } from "./oversight-access";
import { connectSocket, type PortalSocket } from "./socket-client";
import { startTestServer, type TestServer } from "./test-server";

export let server: TestServer;
export const cookies: Record<string, string> = {};
export const clients: TestProvider[] = [];
export const sockets: PortalSocket[] = [];
const people = ["socialWorker", "teamManager", "chair", "police", "health", "education", "gp", "partnershipManager", "policeAdmin"];

/** Starts the portal for the test file that calls this (at its top level), and stops it and what was opened after. */
export function useMappingPortal(): void {
  beforeAll(async () => {
    server = await startTestServer({ ACCESS_RECHECK_MS: "500" });
    for (const key of people) cookies[key] = await server.signIn(key);
    // The partnership manager, on no case, oversees Lily's having said why (decision 039).
    await openForOversight(server, cookies.partnershipManager, 1);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const socket of sockets) socket.close();
    await server?.close();
  });
}

export const MAP = "/cases/1/maps/1";
export const POLICE_NOTES = "/cases/1/restricted/kestrel-vale-police";
/** Seeded in police's restricted notes on Lily's case (db/seed.ts). */
export const POLICE_SECRET = "two previous call-outs to a former partner";

export const scalingRows = async () => (await server.db.sql<{ count: number }[]>`select count(*)::int as count from map_scalings`)[0].count;

export const open = (cookie: string, name: string) => {
  const client = providerFor(server.url, name, { cookie });
  clients.push(client);
  return client;
};
export const socketAs = async (key: string) => {
  const socket = await connectSocket(server.url, { cookie: cookies[key] });
  sockets.push(socket);
  return socket;
};
export const join = (socket: PortalSocket, room: string) =>
  new Promise<{ ok: boolean }>((resolve) => socket.emit("room:join", room, (result) => resolve(result)));
