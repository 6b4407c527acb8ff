// Real collaboration clients for tests: the stock y-websocket provider in Node, with a person's cookie and origin.
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { afterAll, beforeAll } from "vitest";
import { startTestServer, type TestServer } from "./test-server";

export type TestProvider = { doc: Y.Doc; provider: WebsocketProvider; notices: string[]; closeCodes: number[]; destroy(): void };

export function providerFor(
  serverUrl: string,
  documentName: string,
  opts: { cookie?: string; origin?: string },
): TestProvider {
  const headers: Record<string, string> = { origin: opts.origin ?? serverUrl };
  if (opts.cookie) headers.cookie = opts.cookie;
  class WebSocketWithCookie extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const doc = new Y.Doc();
  const notices: string[] = [];
  const closeCodes: number[] = [];
  const provider = new WebsocketProvider(`${serverUrl.replace(/^http/, "ws")}/collab`, documentName, doc, {
    WebSocketPolyfill: WebSocketWithCookie as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
  // The server's auth message (read-only, document full) arrives here instead of console.warn.
  provider.messageHandlers[2] = (_encoder, decoder) => {
    decoding.readVarUint(decoder); // permission denied
    notices.push(decoding.readVarString(decoder));
  };
  provider.on("connection-close", (event) => {
    if (event) closeCodes.push(event.code);
  });
  return {
    doc,
    provider,
    notices,
    closeCodes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function synced(client: TestProvider, timeoutMs = 10_000): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("not synced in time")), timeoutMs);
    client.provider.once("sync", (isSynced: boolean) => {
      if (isSynced) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

/** Waits until `check` passes, polling; fails with the last error after the timeout. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<number> {
  const started = Date.now();
  let lastError: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      await check();
      return Date.now() - started;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  throw lastError;
}

export const text = (client: TestProvider, field = "notes") => client.doc.getText(field).toString();

/** A TipTap paragraph holding `text`, to push into a document's fragment as an editor would. */
export const paragraphOf = (text: string) => {
  const element = new Y.XmlElement("paragraph");
  element.insert(0, [new Y.XmlText(text)]);
  return element;
};

/**
 * A test server for one file of collaboration tests, started before its tests and closed after them with every
 * client opened through `open` (or pushed to `clients`). `started` hands the server to the file.
 */
export function useCollabServer(
  env: Record<string, string>,
  opts: Parameters<typeof startTestServer>[1],
  started: (server: TestServer) => void,
) {
  let server: TestServer | undefined;
  const clients: TestProvider[] = [];
  beforeAll(async () => {
    server = await startTestServer(env, opts);
    started(server);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.close();
  });
  const open = (cookie: string, name = "case:1:notes") => {
    const client = providerFor(server!.url, name, { cookie });
    clients.push(client);
    return client;
  };
  return { clients, open };
}
