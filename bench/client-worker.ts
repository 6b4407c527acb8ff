// One client process of the collaboration benchmark (forked by bench/collab/main.ts): stock y-websocket providers, one Y.Doc
// each, every client of a room in this same process (so sender and receivers read one clock). Editors insert a small
// text carrying (sender, sequence, send time) at a fixed rate on an open-loop schedule; every other client in the room
// notes when the text reaches it. With several nodes (--nodes), each client connects to the node the harness gave it,
// and a receiver files each sample as same-node or cross-node by its sender's node.
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { prng, sleep } from "./lib";

/** `nodes[i]`: which of SetupMessage.urls client i connects to (absent: all to `url`). */
export type WorkerRoom = { name: string; tokens: (string | null)[]; nodes?: number[] };
export type SetupMessage = {
  type: "setup";
  url: string;
  origin: string;
  /** Several nodes: each node's address (each client sends its own node's origin). */
  urls?: string[];
  rooms: WorkerRoom[];
  editors: number;
  rate: number;
  seed: number;
  connectConcurrency: number;
  connectTimeoutMs: number;
  /** false: the clients publish no awareness state at all (the stock default publishes an empty one). */
  awareness: boolean;
};
export type RunMessage = { type: "run"; startAtEpochMs: number; warmupMs: number; measureMs: number; drainMs: number };

export type WorkerResult = {
  type: "result";
  latencies: number[];
  /** Several nodes: the same samples split by whether sender and receiver were on the same node. */
  sameNodeLatencies: number[];
  crossNodeLatencies: number[];
  sends: number;
  /** Every send of the run, warm-up included: each should be stored exactly once. */
  allSends: number;
  expected: number;
  received: number;
  sendLag: { p50: number; p95: number; p99: number; max: number };
  cpuSeconds: number;
  windowSeconds: number;
  eventLoopDelay: { p50: number; p99: number; max: number };
  converged: number;
  rooms: number;
  disconnects: number;
  closeCodes: Record<string, number>;
  skipped: number;
};

type Client = { id: number; node: number; doc: Y.Doc; text: Y.Text; provider: WebsocketProvider; room: RoomState; editor: boolean };
type RoomState = { name: string; clients: Client[] };

process.setMaxListeners(0); // every provider adds an exit handler

const clients: Client[] = [];
const rooms: RoomState[] = [];
let disconnects = 0;
const closeCodes: Record<string, number> = {};
let windowStart = 0;
let windowEnd = 0;
const latencies: number[] = [];
const sameNodeLatencies: number[] = [];
const crossNodeLatencies: number[] = [];
/** Each client's node, by client id. */
const nodeOf: number[] = [];
let severalNodes = false;
let received = 0;

const marker = /<(\d+):(\d+):(\d+\.\d+)>/g;

function wsWithHeaders(headers: Record<string, string>): typeof globalThis.WebSocket {
  class WebSocketWithHeaders extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers, perMessageDeflate: false });
    }
  }
  return WebSocketWithHeaders as unknown as typeof globalThis.WebSocket;
}

function connect(setup: SetupMessage, room: RoomState, token: string | null, id: number, editor: boolean, node: number): Client {
  const url = setup.urls?.[node] ?? setup.url;
  const headers: Record<string, string> = { origin: setup.urls ? url : setup.origin, "user-agent": "bench-client" };
  if (token) headers.cookie = `pp_session=${token}`;
  const doc = new Y.Doc();
  const text = doc.getText("notes");
  const provider = new WebsocketProvider(`${url.replace(/^http/, "ws")}/collab`, room.name, doc, {
    WebSocketPolyfill: wsWithHeaders(headers),
    disableBc: true,
    maxBackoffTime: 1000,
  });
  if (!setup.awareness) provider.awareness.setLocalState(null); // before the socket opens: nothing is ever sent
  provider.messageHandlers[2] = () => {}; // permission notices: none expected; not worth a console line each
  provider.on("connection-close", (event) => {
    disconnects += 1;
    const code = String(event?.code ?? "none");
    closeCodes[code] = (closeCodes[code] ?? 0) + 1;
  });
  const client: Client = { id, node, doc, text, provider, room, editor };
  nodeOf[id] = node;
  // Remote updates arrive with the provider as origin, one insert per message; the marker is plain ASCII inside the
  // encoded update, so reading the bytes is enough (and far cheaper than computing a text delta).
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== provider) return;
    const now = performance.now();
    const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString("latin1");
    marker.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = marker.exec(bytes))) {
      const sender = Number(match[1]);
      if (sender === id) continue; // the reference server echoes a sender's own update back to it
      const sentAt = Number(match[3]);
      if (sentAt < windowStart || sentAt >= windowEnd) continue;
      latencies.push(now - sentAt);
      if (severalNodes) (nodeOf[sender] === node ? sameNodeLatencies : crossNodeLatencies).push(now - sentAt);
      received += 1;
    }
  });
  return client;
}

function whenSynced(client: Client, timeoutMs: number): Promise<boolean> {
  if (client.provider.synced) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      clearTimeout(timer);
      client.provider.off("sync", onSync);
      resolve(true);
    };
    client.provider.on("sync", onSync);
  });
}

async function setup(message: SetupMessage): Promise<void> {
  const started = performance.now();
  let nextId = 0;
  severalNodes = (message.urls?.length ?? 0) > 1;
  const pending: { room: RoomState; token: string | null; editor: boolean; id: number; node: number }[] = [];
  for (const room of message.rooms) {
    const state: RoomState = { name: room.name, clients: [] };
    rooms.push(state);
    room.tokens.forEach((token, index) => pending.push({ room: state, token, editor: index < message.editors, id: nextId++, node: room.nodes?.[index] ?? 0 }));
  }
  let failed = 0;
  for (let i = 0; i < pending.length; i += message.connectConcurrency) {
    const batch = pending.slice(i, i + message.connectConcurrency).map((item) => {
      const client = connect(message, item.room, item.token, item.id, item.editor, item.node);
      item.room.clients.push(client);
      clients.push(client);
      return whenSynced(client, message.connectTimeoutMs);
    });
    failed += (await Promise.all(batch)).filter((ok) => !ok).length;
  }
  const connectCloses = { ...closeCodes };
  disconnects = 0;
  for (const code of Object.keys(closeCodes)) delete closeCodes[code];
  process.send!({ type: "ready", connectMs: performance.now() - started, clients: clients.length, failed, closeCodes: connectCloses });
}

async function run(message: RunMessage, seed: number, rate: number): Promise<void> {
  const runStart = performance.now() + Math.max(0, message.startAtEpochMs - Date.now());
  windowStart = runStart + message.warmupMs;
  windowEnd = windowStart + message.measureMs;
  const period = 1000 / rate;
  const lags: number[] = [];
  let sends = 0;
  let allSends = 0;
  let expected = 0;
  let skipped = 0;
  const maxLagMs = 1000;
  const timers = new Set<NodeJS.Timeout>();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let cpuAtStart = process.cpuUsage();

  for (const client of clients.filter((candidate) => candidate.editor)) {
    const random = prng(seed * 100_003 + client.id);
    let scheduled = runStart + random() * period;
    let seq = 0;
    const tick = () => {
      timers.delete(timer);
      const now = performance.now();
      if (scheduled >= windowEnd) return;
      const lag = now - scheduled;
      if (scheduled >= windowStart && scheduled < windowEnd) lags.push(lag);
      if (lag > maxLagMs) {
        // Far behind (the process could not keep up): drop the missed slots rather than send them in a burst.
        const missed = Math.floor((now - scheduled) / period);
        if (scheduled >= windowStart) skipped += missed;
        scheduled += missed * period;
      }
      seq += 1;
      const sentAt = performance.now();
      const inWindow = sentAt >= windowStart && sentAt < windowEnd; // as the receivers judge it
      const content = `<${client.id}:${seq}:${sentAt.toFixed(3)}> `;
      const position = Math.floor(random() * (client.text.length + 1));
      client.text.insert(position, content); // the provider sends it from the doc's update event, synchronously
      allSends += 1;
      if (inWindow) {
        sends += 1;
        expected += client.room.clients.length - 1;
      }
      scheduled += period;
      timer = setTimeout(tick, Math.max(0, scheduled - performance.now()));
      timers.add(timer);
    };
    let timer = setTimeout(tick, Math.max(0, scheduled - performance.now()));
    timers.add(timer);
  }

  // The measured window: CPU and event-loop delay from its start to its end.
  await sleep(Math.max(0, windowStart - performance.now()));
  cpuAtStart = process.cpuUsage();
  loop.enable();
  const measuredFrom = performance.now();
  await sleep(Math.max(0, windowEnd - performance.now()));
  const cpu = process.cpuUsage(cpuAtStart);
  const windowSeconds = (performance.now() - measuredFrom) / 1000;
  loop.disable();
  await sleep(message.drainMs);
  for (const timer of timers) clearTimeout(timer);

  let converged = 0;
  for (const room of rooms) {
    const texts = new Set(room.clients.map((client) => client.text.toString()));
    if (texts.size === 1) converged += 1;
  }
  lags.sort((a, b) => a - b);
  const at = (p: number) => (lags.length ? lags[Math.min(lags.length - 1, Math.ceil((p / 100) * lags.length) - 1)] : Number.NaN);
  const result: WorkerResult = {
    type: "result",
    latencies,
    sameNodeLatencies,
    crossNodeLatencies,
    sends,
    allSends,
    expected,
    received,
    sendLag: { p50: at(50), p95: at(95), p99: at(99), max: lags.length ? lags[lags.length - 1] : Number.NaN },
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    windowSeconds,
    // The histogram holds whole timer intervals: the delay is what exceeds the 10 ms resolution.
    eventLoopDelay: {
      p50: Math.max(0, loop.percentile(50) / 1e6 - 10),
      p99: Math.max(0, loop.percentile(99) / 1e6 - 10),
      max: Math.max(0, loop.max / 1e6 - 10),
    },
    converged,
    rooms: rooms.length,
    disconnects,
    closeCodes,
    skipped,
  };
  process.send!(result);
}

function stop(): void {
  for (const client of clients) {
    try {
      client.provider.destroy();
      client.doc.destroy();
    } catch {
      // already gone
    }
  }
  setTimeout(() => process.exit(0), 200).unref();
}

let setupMessage: SetupMessage | undefined;
process.on("message", (message: SetupMessage | RunMessage | { type: "stop" }) => {
  if (message.type === "setup") {
    setupMessage = message;
    void setup(message).catch((error: Error) => process.send!({ type: "error", message: error.message }));
  } else if (message.type === "run") {
    void run(message, setupMessage!.seed, setupMessage!.rate).catch((error: Error) => process.send!({ type: "error", message: error.message }));
  } else if (message.type === "stop") stop();
});
process.on("disconnect", () => {
  stop();
  setTimeout(() => process.exit(0), 500).unref();
});
