// The door matrix's rows for every route module in app/routes: who must be turned away there, how, and one insider who
// gets in. Keyed by the module's name; door-matrix.test.ts fails for a route module without its entry in the list
// below, and knocks on every door listed. The rows live by area, each file beside this one:
//   door-matrix-routes-accounts.ts            not found, Your work, signing in, passwords, accounts, people
//   door-matrix-routes-case.ts                a case's own pages: maps, notes, people, restricted records, team, transitions
//   door-matrix-routes-meetings-and-plans.ts  a case's meetings and conferences, core groups and plan
//   door-matrix-routes-front-door.ts          the front door and referrals
//   door-matrix-routes-oversight.ts           oversight's measures and the audit trails
// A new route's entry goes in its area's file; door-matrix-routes-doors.ts writes the `signedOut` and `refused` doors.
import { accountRouteDoors } from "./door-matrix-routes-accounts";
import { caseRouteDoors } from "./door-matrix-routes-case";
import { frontDoorRouteDoors } from "./door-matrix-routes-front-door";
import { meetingAndPlanRouteDoors } from "./door-matrix-routes-meetings-and-plans";
import { oversightRouteDoors } from "./door-matrix-routes-oversight";

// ---------------------------------------------------------------------------------------------------------------
// Route modules. Each page is GET; each action POST. `as`: a demo person's key (db/seed.ts), or "signed out".
// Lily's case is 1, her first map 1; the GP works on Jayden's case (2) only; education is on Lily's case, outside the
// police's restricted notes and not invited to the meeting made in setup. 404 where the person may not know the
// thing exists; 403 where the route tells someone who may read it that they may not change it.
// ---------------------------------------------------------------------------------------------------------------
export type Outsider = "signed out" | string;
export type Door = {
  as: Outsider;
  method: "GET" | "POST";
  path: string;
  form?: Record<string, string>;
  status: number;
  /** Where a redirect sends them; `toSignIn`: to sign in, coming back to this path afterwards. */
  location?: string;
  toSignIn?: boolean;
};
export type RouteEntry = {
  /** Set for pages anyone may reach: why. Their doors are checked all the same. */
  public?: string;
  /** A route without a loader or an action: why it has no door of its own. */
  noDoor?: string;
  /** Set when every signed-in person may use the route (their own things): why no signed-in outsider row. */
  everyoneSignedIn?: string;
  /** Someone who gets in by GET, and with what status (proves the path is a real door). */
  insider?: { as: string; path: string; status: number };
  doors: Door[];
};

/** Every route module's entry, the areas' lists joined; a route module with an entry in two areas is a mistake. */
export const routeDoors: Record<string, RouteEntry> = {};
for (const area of [accountRouteDoors, caseRouteDoors, meetingAndPlanRouteDoors, frontDoorRouteDoors, oversightRouteDoors]) {
  for (const [id, entry] of Object.entries(area)) {
    if (id in routeDoors) throw new Error(`${id} has an entry in two of the door-matrix-routes-*.ts files`);
    routeDoors[id] = entry;
  }
}
