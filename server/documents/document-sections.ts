// Any collaborative document read as titled sections of plain blocks, as its kind lays it out: a map's parts and its
// danger statement / safety goal pairs, a core group's notes a part per agency, anything else its editor's content.
// What the history page shows of a point in a document's past, and what search looks through.
import type * as Y from "yjs";
import { agencyPartOf } from "../../common/core-group-notes";
import { mapParts } from "../../common/map-document";
import { fragmentBlocks, readableBlocks, type TextBlock } from "../collab/document-history";
import { readMap } from "../maps/read-map";
import type { DocumentName } from "./registry";

export type Section = { title: string | null; blocks: TextBlock[] };

/** The agencies whose parts a document has (a core group's), in the order they are shown, with their names. */
export type DocumentParts = readonly { id: string; name: string }[];

/** Each agency's part: those named first, in their order, then any other part the document holds, by its agency's id. */
function agencySections(doc: Y.Doc, agencies: DocumentParts): Section[] {
  const prefix = agencyPartOf("");
  const others = [...doc.share.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
  const named = new Map(agencies.map((agency) => [agency.id, agency.name]));
  return [...new Set([...named.keys(), ...others])].map((agencyId) => ({
    title: named.get(agencyId) ?? agencyId,
    blocks: fragmentBlocks(doc.getXmlFragment(agencyPartOf(agencyId))),
  }));
}

export function documentSections(name: DocumentName, doc: Y.Doc, agencies: DocumentParts = []): Section[] {
  if (name.kind === "core-group-notes") return agencySections(doc, agencies);
  if (name.kind !== "map" && name.kind !== "contact-map") return [{ title: null, blocks: readableBlocks(doc) }];
  const map = readMap(doc);
  return [
    ...mapParts.map((part) => ({ title: part.title, blocks: map.parts[part.key] })),
    ...map.pairs.flatMap((pair) => [
      { title: `Danger statement ${pair.number}`, blocks: pair.danger },
      { title: `Safety goal ${pair.number}`, blocks: pair.goal },
    ]),
  ];
}
