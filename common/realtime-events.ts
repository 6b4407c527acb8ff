// The socket.io event map, shared by the browser and the server so both sides agree on every event's shape.

export type WhoAmI = { userId: number; fullName: string; agencyName: string };

/** Someone with the page open now. */
export type PresentPerson = { userId: number; fullName: string; agencyName: string; colour: string };

export type JoinResult = { ok: true; present: PresentPerson[] } | { ok: false; error: string };

export interface ServerToClientEvents {
  "session:ended": (reason: string) => void;
  /** Who is in a room now; sent to everyone in it whenever someone joins or leaves. */
  presence: (update: { room: string; present: PresentPerson[] }) => void;
  /** This person's access to the room ended (removed from the case, case closed to them). */
  "room:removed": (update: { room: string; reason: string }) => void;
  /** Something the room's page shows has changed (a scaling recorded, a share made): fetch it again. */
  "record:changed": (update: { room: string; what: string }) => void;
}

export interface ClientToServerEvents {
  whoami: (reply: (answer: WhoAmI) => void) => void;
  /** Rooms are named `case:<id>`; joining asks the same policy as the case's page. */
  "room:join": (room: string, reply: (result: JoinResult) => void) => void;
  "room:leave": (room: string) => void;
}

/** The front door's queue room: the screening team hears there, content-free, that a referral was sent or rated. */
export const FRONT_DOOR_ROOM = "front-door";

/** The oversight pages' room: partnership and agency managers hear there, content-free, that a figure may have moved. */
export const OVERSIGHT_ROOM = "oversight";

/** An agency's people pages: its administrators hear there, content-free, that something happened to an account. */
export const agencyPeopleRoom = (agencyId: string) => `people:${agencyId}`;
