// A collaborative (Yjs) document over the portal's y-websocket server at /collab/<name>. Yjs and the provider load
// only in the browser, from an effect; the server render never imports them. The hook follows what the server says:
// its auth notices ("read-only: …", "document-full: …") and its close codes (session ended, access ended, …).
import { useEffect, useState } from "react";
import type { Doc } from "yjs";
import type { WebsocketProvider } from "y-websocket";

/** The server's WebSocket close codes (server/collab/collab-server.ts). 4400–4499: the provider does not reconnect. */
export const collabCloseCodes = {
  badMessage: 4400,
  sessionEnded: 4401,
  accessEnded: 4403,
  tooManyRefusedEdits: 4409,
  rateLimited: 4529,
} as const;

export type CollabStatus = "loading" | "connecting" | "connected" | "reconnecting" | "stopped";

/** Something the server said that makes the document read-only while the connection stays. */
export type CollabNotice = { kind: "read-only" | "document-full" | "refused"; message: string };

/** Why the connection stopped for good (until the page is loaded again). */
export type CollabEnded = { kind: "session-ended" | "access-ended" | "refused-edits" | "failed"; message: string };

export type CollabState = {
  doc: Doc | null;
  provider: WebsocketProvider | null;
  status: CollabStatus;
  /** Whether the document has been in step with the server at least once since the page loaded. */
  everSynced: boolean;
  /** The last close was the server limiting the rate of messages; the provider reconnects by itself. */
  rateLimited: boolean;
  notice: CollabNotice | null;
  ended: CollabEnded | null;
};

const messageAuth = 2;
const permissionDenied = 0;

const initialState: CollabState = {
  doc: null,
  provider: null,
  status: "loading",
  everSynced: false,
  rateLimited: false,
  notice: null,
  ended: null,
};

/** What a permission notice from the server means for the editor. */
export function readNotice(reason: string): CollabNotice {
  const [prefix, ...rest] = reason.split(":");
  const message = rest.join(":").trim();
  if (prefix === "read-only") return { kind: "read-only", message: message || "You can read these notes but not change them." };
  if (prefix === "document-full")
    return { kind: "document-full", message: message || "These notes have reached their size limit. Nothing more can be added." };
  return { kind: "refused", message: "The server refused a change to these notes. Reload the page to see the latest version." };
}

/** What a close code from the server means, or null for a close the provider recovers from by reconnecting. */
export function readClose(code: number): CollabEnded | null {
  switch (code) {
    case collabCloseCodes.sessionEnded:
      return { kind: "session-ended", message: "Your session has ended — sign in again" };
    case collabCloseCodes.accessEnded:
      return { kind: "access-ended", message: "You no longer have access to this case's notes" };
    case collabCloseCodes.tooManyRefusedEdits:
      return {
        kind: "refused-edits",
        message: "The notes stopped accepting changes from this page because you may only read them. Reload the page to see the latest version.",
      };
    default:
      if (code >= 4400 && code < 4500)
        return { kind: "failed", message: "The connection to the live notes stopped. Reload the page to carry on." };
      return null;
  }
}

/**
 * Opens document `name` (e.g. `case:1:notes`) while the component is mounted. `stop`: end the connection with this
 * reason (for example when socket.io reports that the session ended).
 */
export function useCollabDocument(name: string, stop: CollabEnded | null = null): CollabState {
  const [state, setState] = useState<CollabState>(initialState);

  useEffect(() => {
    let cancelled = false;
    let cleanup = () => {};
    void Promise.all([
      import("yjs"),
      import("y-websocket"),
      import("lib0/decoding"),
    ]).then(([Y, { WebsocketProvider }, decoding]) => {
      if (cancelled) return;
      const doc = new Y.Doc();
      const origin = `${window.location.protocol === "https:" ? "wss:" : "ws:"}//${window.location.host}`;
      const provider = new WebsocketProvider(`${origin}/collab`, name, doc, { disableBc: true, connect: false });
      let everConnected = false;

      // y-websocket's own handler only logs a permission notice; this one tells the page. (Per provider: the
      // provider copies the shared handler table into `provider.messageHandlers`.)
      provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
        if (decoding.readVarUint(decoder) !== permissionDenied) return;
        const notice = readNotice(decoding.readVarString(decoder));
        setState((s) => ({ ...s, notice: s.notice?.kind === "document-full" ? s.notice : notice }));
      };
      provider.on("status", ({ status }) => {
        if (status === "connected") everConnected = true;
        setState((s) => {
          if (s.ended) return s;
          if (status === "connected") return { ...s, status: provider.synced ? "connected" : "connecting" };
          return { ...s, status: everConnected ? "reconnecting" : "connecting" };
        });
      });
      provider.on("sync", (synced) => {
        if (synced) setState((s) => (s.ended ? s : { ...s, status: "connected", everSynced: true, rateLimited: false }));
      });
      provider.on("connection-close", (event) => {
        if (!event) return; // closed by this page
        const ended = readClose(event.code);
        if (ended) {
          // Every such code is in 4400–4499, which the provider does not reconnect after.
          setState((s) => ({ ...s, status: "stopped", ended: s.ended ?? ended }));
        } else {
          const rateLimited = event.code === collabCloseCodes.rateLimited;
          setState((s) => (s.ended ? s : { ...s, status: everConnected ? "reconnecting" : "connecting", rateLimited }));
        }
      });
      provider.connect();
      setState((s) => ({ ...s, doc, provider, status: "connecting" }));
      cleanup = () => {
        provider.destroy();
        doc.destroy();
      };
    });
    return () => {
      cancelled = true;
      cleanup();
      setState(initialState);
    };
  }, [name]);

  useEffect(() => {
    if (!stop || !state.provider) return;
    state.provider.disconnect();
    setState((s) => (s.ended ? s : { ...s, status: "stopped", ended: stop }));
  }, [stop, state.provider]);

  return state;
}
