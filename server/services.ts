// What every request, socket and job of one portal instance shares: the database, settings and the clock.
import type { IncomingMessage } from "node:http";
import { createAuditWriter, type AuditWriter } from "./audit/audit-writer";
import type { CaseFacts } from "./access/policy";
import { validateSessionTokens, type Session, type SessionSettings, type SessionUser } from "./auth/sessions";
import { batchWhileBusy, batchWritesWhileBusy } from "./batch-while-busy";
import { claimClients, type ClientClaim } from "./collab/persistence";
import { loadCaseFactsOf } from "./cases/case-facts";
import type { Sql } from "../db/client";
import { FRONT_DOOR_ROOM, OVERSIGHT_ROOM } from "../common/realtime-events";
import type { Config } from "./config";
import type { ThrottleSettings } from "./auth/sign-in";
import { createRefusalLimiter, type RefusalLimiter } from "./audit/refusal-limiter";
import { createFrontDoorClocks, type FrontDoorClocks } from "./calendar/front-door-clock";
import { loadCalendar, type Calendar } from "./calendar/working-days";
import { createMailer, type Mailer } from "./mail/mailer";
import { loadSingleSignOn, type SingleSignOn } from "./auth/single-sign-on/providers";
import { createFiguresCache, type FiguresCache } from "./oversight/figures-cache";
import type { RedisLink } from "./cluster/redis";

export type Clock = () => Date;

export type Services = {
  sql: Sql;
  config: Config;
  /** Injected so tests can move time forward; the real clock everywhere else. */
  clock: Clock;
  sessionSettings: SessionSettings;
  throttleSettings: ThrottleSettings;
  databaseKind: "server" | "embedded";
  /** Keeps refusals of unknown callers from flooding the audit trail. */
  refusals: RefusalLimiter;
  /**
   * Sign-ins set off before anyone is known (a trip to an agency's provider, a passkey challenge), per address a minute
   * (60; an office's people share one address): each is a row, so a script cannot fill the tables with them.
   */
  signInStarts: RefusalLimiter;
  /** Tells open pages that something they show has changed (socket.io, once the portal has attached it). */
  events: EventHub;
  /** Working days in England and Wales: the shipped bank holidays and the deployment's own (BANK_HOLIDAYS_FILE). */
  calendar: Calendar;
  /** The front door's RAG clocks in working hours: the working day and each rating's length, from the configuration. */
  frontDoorClocks: FrontDoorClocks;
  /** The agencies whose people sign in through their own provider (SINGLE_SIGN_ON_FILE, decision 057). */
  singleSignOn: SingleSignOn;
  /** Outgoing email (SMTP_URL, or the outbox folder); tests point it at their own SMTP receiver. */
  mailer: Mailer;
  /** The oversight measures' figures, kept until something they count changes (server/oversight/figures-cache.ts). */
  oversightFigures: FiguresCache;
  /**
   * The port the portal is listening on, once it is (set by `Portal.listen`; null before). Without PUBLIC_ORIGIN,
   * links in email use it rather than the port a caller wrote in the Host header.
   */
  listeningPort: number | null;
  /** The link to the other nodes through Redis (REDIS_URL); null when this process is the whole portal. */
  redis: RedisLink | null;
  /** Audit rows from outside any transaction, batched while one is being stored (connections opening documents). */
  audit: AuditWriter;
  /**
   * What each collaboration connection looks up before it is accepted, batched while a lookup is in flight, so a burst
   * of connections costs a few statements (decision 054). Sessions found here are not touched: the access watch
   * touches open sockets' sessions in one statement.
   */
  together: {
    session(token: string): Promise<{ session: Session; user: SessionUser } | null>;
    caseFacts(caseId: number): Promise<CaseFacts | null>;
    /** A person's first edit under a Yjs client id in a document, recorded (each opening client makes one). */
    claim(claim: ClientClaim): Promise<void>;
  };
};

/** What a page in `room` is told: what changed there, so it fetches it again. Never the content itself. */
export type ChangeNotice = { room: string; what: "scalings" | "child-voice" | "team" | "shares" | "maps" | "meeting" | "invitation" | "plan" | "front-door" | "oversight" | "account" };

/**
 * How long the oversight pages wait after a change on a case or at the front door before they are told to fetch
 * their figures again: every change in that time is one notice, so a busy morning is not a storm of reloads.
 */
export const OVERSIGHT_NOTICE_DELAY_MS = 2_000;

/** A change a measure may count: anything on a case (its pages, meetings, documents) or at the front door. */
const movesOversight = (room: string) => room.startsWith("case:") || room === FRONT_DOOR_ROOM;

/**
 * A change that ends writing or reading (a sign-out, a deactivation, a password reset, a removal, a sign-off). Every
 * open socket it affects is closed or made read-only before `endAccess` resolves, so the change is reported done
 * only once nothing more can be written through an old connection.
 */
export type AccessChange =
  /** `sessionIds`: only these sessions (all the person's when absent); `keepSessionId`: all but this one. */
  | { kind: "sessions-ended"; userId: number; sessionIds?: readonly string[]; keepSessionId?: string }
  | { kind: "records-changed"; caseId: number }
  /** A contact's checks or map changed hands (shared, completed, decided): judged wherever they are open. */
  | { kind: "contact-records-changed"; contactId: number };

/** Whether a "sessions-ended" change ends this session of its person. */
export function endsSession(change: Extract<AccessChange, { kind: "sessions-ended" }>, sessionId: string): boolean {
  if (change.keepSessionId === sessionId) return false;
  return !change.sessionIds || change.sessionIds.includes(sessionId);
}

/**
 * Which collaborative documents a hold on writing covers, by name: data rather than a function, so that the same hold
 * can be asked of every node.
 */
export type DocumentScope = { names?: readonly string[]; prefixes?: readonly string[] };

export const coversDocument = (scope: DocumentScope, name: string): boolean =>
  (scope.names ?? []).includes(name) || (scope.prefixes ?? []).some((prefix) => name.startsWith(prefix));

/**
 * The other nodes, as the hub sees them (server/cluster/other-nodes.ts): each call reaches every other node and, where
 * it returns a promise, resolves once each has answered or was given up on.
 */
export type OtherNodes = {
  publish(notice: ChangeNotice): void;
  endAccess(change: AccessChange): Promise<void>;
  holdWrites(scope: DocumentScope): Promise<() => void>;
  /** Has every other node store what it keeps of others' updates to the scope's documents; throws unless all confirm. */
  storeKept(scope: DocumentScope): Promise<void>;
};

export type EventHub = {
  /** Tells this node's listeners, and every other node's, that something changed. */
  publish(notice: ChangeNotice): void;
  /** Tells this node's listeners only: a notice another node published. */
  publishHere(notice: ChangeNotice): void;
  attach(send: (notice: ChangeNotice) => void): void;
  /** Closes writing (and reading where it ended) on every open socket this change affects, on every node, then resolves. */
  endAccess(change: AccessChange): Promise<void>;
  /** The same on this node's sockets only. */
  endAccessHere(change: AccessChange): Promise<void>;
  attachAccessEnder(end: (change: AccessChange) => Promise<void>): void;
  /**
   * Holds writing to the collaborative documents `scope` names, on every node, and commits what each accepted before;
   * the returned release lets held edits be judged again. A sign-off freezes the record this way before it is marked
   * signed off.
   */
  holdWrites(scope: DocumentScope): Promise<() => void>;
  /** The same on this node's documents only. */
  holdWritesHere(scope: DocumentScope): Promise<() => void>;
  attachWriteHolder(hold: (scope: DocumentScope) => Promise<() => void>): void;
  /** Stores what this node keeps of other nodes' updates to the scope's documents (the second step of a hold). */
  storeKeptHere(scope: DocumentScope): Promise<void>;
  attachKeptStorer(store: (scope: DocumentScope) => Promise<void>): void;
  /** Joins this hub to the other nodes (REDIS_URL); without it, this process is the whole portal. */
  attachOtherNodes(others: OtherNodes): void;
};

/**
 * `onOversightChange`: told at once of every change a measure may count. `beforeOversightNotice`: awaited (its failure
 * ignored) before the debounced notice goes out, so pages told to fetch again find figures counted after the change.
 * Each node runs both for every notice, its own or another's, so each node's kept figures and readers follow.
 */
export function createEventHub(opts: { onOversightChange?: () => void; beforeOversightNotice?: () => Promise<void> } = {}): EventHub {
  let send: ((notice: ChangeNotice) => void) | null = null;
  const enders: ((change: AccessChange) => Promise<void>)[] = [];
  let holder: ((scope: DocumentScope) => Promise<() => void>) | null = null;
  let keptStorer: ((scope: DocumentScope) => Promise<void>) | null = null;
  let others: OtherNodes | null = null;
  // One content-free notice to the oversight room for every change a measure may count, at most one per delay.
  let oversightTimer: ReturnType<typeof setTimeout> | null = null;
  const tellOversight = () => {
    if (oversightTimer) return;
    oversightTimer = setTimeout(() => {
      oversightTimer = null;
      const notify = () => send?.({ room: OVERSIGHT_ROOM, what: "oversight" });
      if (!opts.beforeOversightNotice) return notify();
      void opts.beforeOversightNotice().then(notify, notify);
    }, OVERSIGHT_NOTICE_DELAY_MS);
    oversightTimer.unref?.();
  };
  const publishHere = (notice: ChangeNotice) => {
    send?.(notice);
    if (movesOversight(notice.room)) {
      opts.onOversightChange?.();
      tellOversight();
    }
  };
  const endAccessHere = async (change: AccessChange) => {
    await Promise.all(enders.map((end) => end(change)));
  };
  const holdWritesHere = (scope: DocumentScope) => (holder ? holder(scope) : Promise.resolve(() => {}));
  const storeKeptHere = (scope: DocumentScope) => (keptStorer ? keptStorer(scope) : Promise.resolve());
  return {
    publish: (notice) => {
      publishHere(notice);
      others?.publish(notice);
    },
    publishHere,
    attach: (fn) => {
      send = fn;
    },
    endAccess: async (change) => {
      await Promise.all([endAccessHere(change), others?.endAccess(change)]);
    },
    endAccessHere,
    attachAccessEnder: (end) => {
      enders.push(end);
    },
    holdWrites: async (scope) => {
      if (!others) return holdWritesHere(scope);
      // Held here and on the others at once; if either fails, what the other holds is released before the error.
      const [here, there] = await Promise.allSettled([holdWritesHere(scope), others.holdWrites(scope)]);
      if (here.status === "rejected" || there.status === "rejected") {
        if (here.status === "fulfilled") here.value();
        if (there.status === "fulfilled") there.value();
        throw here.status === "rejected" ? here.reason : (there as PromiseRejectedResult).reason;
      }
      const release = () => {
        here.value();
        there.value();
      };
      // Every live node has now committed what it accepted. What a node that died before it could store had reached
      // others (kept by them until it said "stored") is stored now, so the record is whole before it is signed off.
      try {
        await Promise.all([storeKeptHere(scope), others.storeKept(scope)]);
      } catch (error) {
        release();
        throw error;
      }
      return release;
    },
    holdWritesHere,
    storeKeptHere,
    attachKeptStorer: (store) => {
      keptStorer = store;
    },
    attachWriteHolder: (hold) => {
      holder = hold;
    },
    attachOtherNodes: (nodes) => {
      others = nodes;
    },
  };
}

/**
 * The session cookie's name. With Secure set it takes the `__Host-` prefix, which browsers accept only from this very
 * host over a secure context with Path=/, so a neighbouring subdomain cannot plant one.
 */
export function sessionCookieName(config: Pick<Config, "COOKIE_SECURE">): string {
  return config.COOKIE_SECURE ? "__Host-pp_session" : "pp_session";
}

export function createServices(opts: {
  sql: Sql;
  config: Config;
  clock?: Clock;
  databaseKind: "server" | "embedded";
  mailer?: Mailer;
  redis?: RedisLink | null;
}): Services {
  const calendar = loadCalendar({ BANK_HOLIDAYS_FILE: opts.config.BANK_HOLIDAYS_FILE });
  const oversightFigures = createFiguresCache();
  const clock = opts.clock ?? (() => new Date());
  const sessionSettings = { idleMinutes: opts.config.SESSION_IDLE_MINUTES, absoluteHours: opts.config.SESSION_ABSOLUTE_HOURS };
  return {
    sql: opts.sql,
    config: opts.config,
    clock,
    sessionSettings,
    throttleSettings: { maxFailures: opts.config.SIGN_IN_MAX_FAILURES, windowMinutes: opts.config.SIGN_IN_WINDOW_MINUTES },
    databaseKind: opts.databaseKind,
    refusals: createRefusalLimiter(),
    signInStarts: createRefusalLimiter(60),
    events: createEventHub({ onOversightChange: oversightFigures.changed, beforeOversightNotice: () => oversightFigures.refresh(clock()) }),
    calendar,
    frontDoorClocks: createFrontDoorClocks(calendar, opts.config),
    mailer: opts.mailer ?? createMailer(opts.config),
    singleSignOn: loadSingleSignOn(opts.config.SINGLE_SIGN_ON_FILE),
    oversightFigures,
    listeningPort: null,
    redis: opts.redis ?? null,
    audit: createAuditWriter(opts.sql),
    together: {
      session: batchWhileBusy(async (tokens: string[]) =>
        (await validateSessionTokens(opts.sql, tokens, { now: clock(), settings: sessionSettings, touch: false })).map((value) => ({ ok: true, value })),
      ),
      caseFacts: batchWhileBusy(async (caseIds: number[]) => {
        const facts = await loadCaseFactsOf(opts.sql, caseIds, clock());
        return caseIds.map((caseId) => ({ ok: true, value: facts.get(caseId) ?? null }));
      }),
      claim: batchWritesWhileBusy((claims: ClientClaim[]) => claimClients(opts.sql, claims)),
    },
  };
}

/** The portal's own origin: the configured one, or the one the request was addressed to. */
export function ownOrigin(config: Config, req: IncomingMessage): string | null {
  if (config.PUBLIC_ORIGIN) return config.PUBLIC_ORIGIN;
  const host = req.headers.host;
  if (!host) return null;
  const forwarded = config.TRUST_PROXY ? String(req.headers["x-forwarded-proto"] ?? "").split(",")[0].trim() : "";
  const encrypted = Boolean((req.socket as { encrypted?: boolean }).encrypted);
  const protocol = forwarded === "https" || forwarded === "http" ? forwarded : encrypted ? "https" : "http";
  return `${protocol}://${host}`;
}

/** Browsers send Origin on every cross-site request that changes state, and on WebSocket handshakes. */
export function isSameOrigin(config: Config, req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const expected = ownOrigin(config, req);
  return typeof origin === "string" && expected !== null && origin === expected;
}

/**
 * For form posts and other state-changing requests. A page with `Referrer-Policy: no-referrer` makes the browser send
 * `Origin: null` on its own full-page form posts, so there the browser's `Sec-Fetch-Site: same-origin` (a header no
 * page can set) is the proof instead.
 */
export function isSameOriginRequest(config: Config, req: IncomingMessage): boolean {
  if (isSameOrigin(config, req)) return true;
  const origin = req.headers.origin;
  return (origin === undefined || origin === "null") && req.headers["sec-fetch-site"] === "same-origin";
}

export function clientAddress(config: Config, req: IncomingMessage): string {
  if (config.TRUST_PROXY) {
    // The last entry is the one our own proxy added; earlier ones are whatever the client sent.
    const forwarded = String(req.headers["x-forwarded-for"] ?? "").split(",").pop()?.trim();
    if (forwarded) return forwarded;
  }
  return (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
}
