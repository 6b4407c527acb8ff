// A map's words as the family receives them: only what was written by an agency that has marked its words on this map
// for the family. Each word on a map was typed under a Yjs client id the server gave to one person (collab_clients),
// so every paragraph, heading and list item knows whose words it holds; one that holds any word of an agency that has
// not marked its words, or of no one known, is left out whole. The result is a new document holding only what is
// kept, read as the printed map is read: what is left out is never in it.
import * as Y from "yjs";
import type { Sql } from "../../db/client";
import { addPair, mapParts, readPairs } from "../../common/map-document";
import { loadDocument } from "../collab/persistence";
import { readMap, type MapContent } from "./read-map";

/** Nodes that hold blocks rather than words: a block inside them is judged on its own. */
const containers = new Set(["bulletList", "orderedList", "listItem", "blockquote"]);

/** The Yjs client ids under which the words still in `node` were typed. */
function writersOf(node: Y.XmlElement | Y.XmlText, into = new Set<number>()): Set<number> {
  if (node instanceof Y.XmlText) {
    for (let item = node._start; item; item = item.right) if (!item.deleted && item.countable) into.add(item.id.client);
  } else for (const child of node.toArray()) if (child instanceof Y.XmlElement || child instanceof Y.XmlText) writersOf(child, into);
  return into;
}

/** Copies of the blocks of `nodes` whose every word may go to the family. */
function keptBlocks(nodes: readonly unknown[], mayShare: (clientId: number) => boolean): (Y.XmlElement | Y.XmlText)[] {
  return nodes.flatMap((node): (Y.XmlElement | Y.XmlText)[] => {
    if (node instanceof Y.XmlElement && containers.has(node.nodeName)) {
      const kept = keptBlocks(node.toArray(), mayShare);
      if (!kept.length) return [];
      const copy = new Y.XmlElement(node.nodeName);
      for (const [key, value] of Object.entries(node.getAttributes())) copy.setAttribute(key, value as string);
      copy.insert(0, kept);
      return [copy];
    }
    if (!(node instanceof Y.XmlElement || node instanceof Y.XmlText)) return [];
    return [...writersOf(node)].every(mayShare) ? [node.clone()] : [];
  });
}

/**
 * The map's words the family may receive: those of the agencies for which `forFamily(agencyId)` says so. A danger
 * statement and safety goal pair is kept when anything in it is.
 */
export async function familyMapContent(sql: Sql, document: string, forFamily: (agencyId: string) => boolean): Promise<MapContent> {
  const { doc, clientOwners } = await loadDocument(sql, document);
  const people = [...new Set(clientOwners.values())];
  const agencies = people.length
    ? await sql<{ id: string; agencyId: string }[]>`select id, agency_id as "agencyId" from users where id in ${sql(people)}`
    : [];
  const agencyOf = new Map(agencies.map((row) => [Number(row.id), row.agencyId]));
  const mayShare = (clientId: number) => {
    const agencyId = agencyOf.get(clientOwners.get(clientId) ?? -1);
    return agencyId !== undefined && forFamily(agencyId);
  };
  const copy = new Y.Doc();
  try {
    for (const part of mapParts) copy.getXmlFragment(part.key).insert(0, keptBlocks(doc.getXmlFragment(part.key).toArray(), mayShare));
    for (const pair of readPairs(doc)) {
      const danger = keptBlocks(pair.danger.toArray(), mayShare);
      const goal = keptBlocks(pair.goal.toArray(), mayShare);
      if (!danger.length && !goal.length) continue;
      addPair(copy, pair.id);
      const added = readPairs(copy).at(-1)!;
      added.danger.insert(0, danger);
      added.goal.insert(0, goal);
    }
    return readMap(copy);
  } finally {
    copy.destroy();
    doc.destroy();
  }
}
