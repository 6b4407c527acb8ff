// The one access re-check for every open socket, whichever door it came through (socket.io, collaboration). Access
// can end while a socket stays open: a sign-out, a deactivation, a removal from the case, a share ended, a sign-off.
// Every few seconds one pass checks every open socket's session in one query and has each door re-judge its rooms;
// a change that ends access is applied at once, and awaited, through `endAccess`.
import { stillValidSessions, touchSessions } from "../auth/sessions";
import { endsSession, type AccessChange, type Services } from "../services";

/** A socket open on this node, as the watch sees it. */
export type OpenSocket = {
  readonly userId: number;
  readonly sessionId: string;
  /** Whether it sent anything since the last pass (so its session's idle clock moves on); reading it resets it. */
  takeActivity(): boolean;
  /** Tells the person their session has ended and closes the socket. */
  endSession(): void;
};

/** A door through which sockets are open: it lists them and re-judges the rooms or documents they are in. */
export type Door = {
  openSockets(): OpenSocket[];
  /** Each open socket gets the access the policy gives it now, in every room or only in those of one case. */
  judgeRooms(caseId?: number): Promise<void>;
};

export class AccessWatch {
  private readonly doors: Door[] = [];
  private readonly timer: NodeJS.Timeout;
  private running = false;
  private again = false;
  private closed = false;
  /**
   * Counts changes that ended access. A socket is admitted to a room after a decision that may have been made before
   * such a change; a door that sees the count moved while it decided decides again before letting the socket in.
   */
  epoch = 0;

  constructor(
    private readonly services: Services,
    recheckMs: number,
  ) {
    this.timer = setInterval(() => void this.recheck(), recheckMs);
    this.timer.unref();
  }

  add(door: Door): void {
    this.doors.push(door);
  }

  /** One pass over every open socket. Asked for while one runs, it runs once more when that ends. */
  async recheck(): Promise<void> {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.again = false;
    try {
      const sockets = this.doors.flatMap((door) => door.openSockets());
      if (sockets.length === 0) return;
      const now = this.services.clock();
      const valid = await stillValidSessions(this.services.sql, [...new Set(sockets.map((s) => s.sessionId))], {
        now,
        settings: this.services.sessionSettings,
      });
      const active = new Set<string>();
      for (const socket of sockets) {
        if (socket.takeActivity() && valid.has(socket.sessionId)) active.add(socket.sessionId);
        if (!valid.has(socket.sessionId)) socket.endSession();
      }
      await touchSessions(this.services.sql, [...active], now);
      for (const door of this.doors) await door.judgeRooms();
    } catch (error) {
      console.error("Access re-check failed:", (error as Error).message);
    } finally {
      this.running = false;
      if (this.again) void this.recheck();
    }
  }

  /** Applies a change that ends access to every open socket before the change is reported done. */
  async endAccess(change: AccessChange): Promise<void> {
    this.epoch += 1;
    if (change.kind === "sessions-ended") {
      for (const door of this.doors)
        for (const socket of door.openSockets())
          if (socket.userId === change.userId && endsSession(change, socket.sessionId)) socket.endSession();
      return;
    }
    // A contact's documents are on no case (or on the one its decision opened): every room is judged.
    await Promise.all(this.doors.map((door) => door.judgeRooms(change.kind === "records-changed" ? change.caseId : undefined)));
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
  }
}
