// A socket.io client written by hand over a raw WebSocket, so a test can send any packet a hostile client could:
// payloads the real client would never build, wrong types, extra arguments, nothing at all.
import WebSocket from "ws";

export type RawSocketIo = {
  /** Every text frame received, in order (engine.io packet type first: "0" open, "4" message, "2" ping…). */
  frames: string[];
  opened: Promise<void>;
  closed: Promise<void>;
  isClosed(): boolean;
  send(frame: string): void;
  /** Connects to the default namespace ("40") and waits for the server's answer. */
  connectNamespace(): Promise<string>;
  /** Sends `42<id>[event, ...args]` with an ack id and waits for `43<id>[answer]`. */
  ask(payload: string, timeoutMs?: number): Promise<unknown>;
  close(): void;
};

let nextAck = 1;

export function openRawSocketIo(url: string, opts: { cookie?: string; origin?: string } = {}): RawSocketIo {
  const headers: Record<string, string> = { origin: opts.origin ?? url };
  if (opts.cookie) headers.cookie = opts.cookie;
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`, { headers });
  const frames: string[] = [];
  const waiters: { test: (frame: string) => boolean; resolve: (frame: string) => void }[] = [];
  let closed = false;
  ws.on("message", (data) => {
    const frame = data.toString();
    // Answer the server's pings so the connection is not dropped for silence.
    if (frame === "2") ws.send("3");
    frames.push(frame);
    for (const waiter of [...waiters])
      if (waiter.test(frame)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
  });
  const wait = (test: (frame: string) => boolean, timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      const found = frames.find(test);
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error("no answer from the server")), timeoutMs);
      waiters.push({
        test,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      });
    });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
  });
  const closedPromise = new Promise<void>((resolve) => {
    ws.once("close", () => {
      closed = true;
      resolve();
    });
    ws.once("error", () => resolve());
  });
  return {
    frames,
    opened,
    closed: closedPromise,
    isClosed: () => closed,
    send: (frame) => {
      if (ws.readyState === ws.OPEN) ws.send(frame);
    },
    async connectNamespace() {
      await opened;
      ws.send("40");
      return wait((frame) => frame.startsWith("40") || frame.startsWith("44"), 5_000);
    },
    async ask(payload, timeoutMs = 5_000) {
      const id = nextAck++;
      ws.send(`42${id}${payload}`);
      const answer = await wait((frame) => frame.startsWith(`43${id}[`), timeoutMs);
      return (JSON.parse(answer.slice(`43${id}`.length)) as unknown[])[0];
    },
    close: () => ws.close(),
  };
}
