// The socket.io event map, shared by the browser and the server so both sides agree on every event's shape.

export type WhoAmI = { userId: number; fullName: string; agencyName: string };

export interface ServerToClientEvents {
  "session:ended": (reason: string) => void;
}

export interface ClientToServerEvents {
  whoami: (reply: (answer: WhoAmI) => void) => void;
}
