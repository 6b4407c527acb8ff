// A Signs of Safety map: `case:<id>:map:<mapId>`, one of the case's dated maps; signed off with its strategy meeting.
import { mapResource } from "../access/resources";
import { idPattern, type DocumentKind } from "./kind";

export type MapName = { kind: "map"; caseId: number; mapId: number; name: string };

const pattern = new RegExp(`^case:${idPattern}:map:${idPattern}$`);

export const mapName = (caseId: number, mapId: number) => `case:${caseId}:map:${mapId}`;

export const map: DocumentKind<MapName> = {
  kind: "map",
  parse(name) {
    const match = pattern.exec(name);
    return match ? { kind: "map", caseId: Number(match[1]), mapId: Number(match[2]), name } : null;
  },
  async resolve(sql, name, facts) {
    const [found] = await sql<{ signedOff: boolean }[]>`
      select exists (select 1 from meetings m where m.map_id = c.id and m.signed_off_at is not null) as "signedOff"
      from case_maps c where c.id = ${name.mapId} and c.case_id = ${name.caseId}`;
    return found ? mapResource(facts, found.signedOff) : null;
  },
};
