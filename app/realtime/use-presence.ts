// Who has a case open now: joins the case's socket.io room and follows the server's `presence` updates.
import { useEffect, useState } from "react";
import type { PresentPerson } from "../../common/realtime-events";
import { getSocket } from "./socket";

export type PresenceState = {
  /** null until the server first answers. */
  present: PresentPerson[] | null;
  /** Why this person is no longer in the room (removed from the case, session ended), if they are not. */
  ended: { kind: "session-ended" | "removed" | "refused"; message: string } | null;
  connected: boolean;
};

export function usePresence(room: string): PresenceState {
  const [state, setState] = useState<PresenceState>({ present: null, ended: null, connected: false });

  useEffect(() => {
    let stopped = false;
    let leave = () => {};
    void getSocket().then((socket) => {
      if (stopped) return;
      const join = () => {
        socket.emit("room:join", room, (result) => {
          if (stopped) return;
          if (result.ok) setState({ present: result.present, ended: null, connected: true });
          else setState((s) => ({ ...s, connected: true, ended: { kind: "refused", message: "You cannot see who else is working on this case." } }));
        });
      };
      const onPresence = (update: { room: string; present: PresentPerson[] }) => {
        if (update.room === room) setState((s) => (s.ended ? s : { ...s, present: update.present }));
      };
      const onRemoved = (update: { room: string; reason: string }) => {
        if (update.room === room) setState((s) => ({ ...s, present: null, ended: { kind: "removed", message: update.reason } }));
      };
      const onSessionEnded = (reason: string) =>
        setState((s) => ({ ...s, present: null, ended: { kind: "session-ended", message: reason } }));
      const onDisconnect = () => setState((s) => ({ ...s, connected: false }));
      const onConnectError = (error: Error) => {
        // The server's middleware refuses a socket without a valid session; socket.io does not retry that.
        if (error.message === "unauthorised" && !socket.active)
          setState((s) => ({ ...s, connected: false, present: null, ended: { kind: "session-ended", message: "Your session has ended. Sign in again to carry on." } }));
      };
      // Rooms do not survive a reconnection: join again each time the socket connects.
      const listeners = (on: "on" | "off") => {
        socket[on]("presence", onPresence);
        socket[on]("room:removed", onRemoved);
        socket[on]("session:ended", onSessionEnded);
        socket[on]("disconnect", onDisconnect);
        socket[on]("connect_error", onConnectError);
        socket[on]("connect", join);
      };
      listeners("on");
      if (socket.connected) join();
      leave = () => {
        listeners("off");
        if (socket.connected) socket.emit("room:leave", room);
      };
    });
    return () => {
      stopped = true;
      leave();
    };
  }, [room]);

  return state;
}
