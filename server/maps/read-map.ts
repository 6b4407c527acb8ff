// A map's Yjs document read as plain content: each part's paragraphs and the danger statement / safety goal pairs.
// Used by the print views, the history page, search and the counts on the workspace.
import type * as Y from "yjs";
import type { Sql } from "../../db/client";
import { mapParts, readPairs, type MapPartKey } from "../../common/map-document";
import { fragmentBlocks, type TextBlock } from "../collab/document-history";
import { loadDocument } from "../collab/persistence";

export type MapContent = {
  parts: Record<MapPartKey, TextBlock[]>;
  pairs: { number: number; danger: TextBlock[]; goal: TextBlock[] }[];
};

export function readMap(doc: Y.Doc): MapContent {
  const parts = Object.fromEntries(mapParts.map((part) => [part.key, fragmentBlocks(doc.getXmlFragment(part.key))])) as Record<
    MapPartKey,
    TextBlock[]
  >;
  const pairs = readPairs(doc).map((pair, index) => ({
    number: index + 1,
    danger: fragmentBlocks(pair.danger),
    goal: fragmentBlocks(pair.goal),
  }));
  return { parts, pairs };
}

/** The map as stored now. */
export async function loadMapContent(sql: Sql, document: string): Promise<MapContent> {
  const { doc } = await loadDocument(sql, document);
  try {
    return readMap(doc);
  } finally {
    doc.destroy();
  }
}
