// The shape of a Signs of Safety map's Yjs document, shared by the browser (which edits it) and the server (which
// reads it for print, history and counts). Each part is a TipTap fragment; danger statements and safety goals are
// structured items: an array of pairs, each pair a Y.Map holding its two fragments, so they can be listed, counted
// and printed together.
import * as Y from "yjs";

export type MapPartKey = "harm" | "complicatingFactors" | "existingStrengths" | "existingSafety" | "nextSteps";

export type MapPart = { key: MapPartKey; title: string; hint: string };

export type MapColumn = { key: "worried" | "working" | "next"; question: string; parts: MapPart[] };

/** The map's three questions and their parts, in the order they are laid out and printed. */
export const mapColumns: MapColumn[] = [
  {
    key: "worried",
    question: "What are we worried about?",
    parts: [
      { key: "harm", title: "Harm", hint: "What has happened to the child, when, and how it affected them." },
      {
        key: "complicatingFactors",
        title: "Complicating factors",
        hint: "What makes things harder to sort out, without being harm or danger itself.",
      },
    ],
  },
  {
    key: "working",
    question: "What's working well?",
    parts: [
      { key: "existingStrengths", title: "Existing strengths", hint: "What people around the child do well." },
      {
        key: "existingSafety",
        title: "Existing safety",
        hint: "What people have already done to keep the child safe when the danger was present.",
      },
    ],
  },
  {
    key: "next",
    question: "What needs to happen?",
    parts: [{ key: "nextSteps", title: "Next steps", hint: "Who will do what next, and by when." }],
  },
];

export const mapParts: MapPart[] = mapColumns.flatMap((column) => column.parts);

/** The root array of danger statement and safety goal pairs. */
export const STATEMENTS = "dangerStatements";

export const DEFAULT_SCALING_QUESTION =
  "On a scale of 0 to 10, where 10 means the child is safe enough for professionals to close the case and 0 means things are so dangerous the child cannot stay at home, where are things today?";

/** One pair as stored: `id`, and the `danger` and `goal` fragments. */
export type StatementPair = { id: string; danger: Y.XmlFragment; goal: Y.XmlFragment };

export function statementsOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(STATEMENTS);
}

/**
 * The well-formed pairs, in order. Anything else a client put in the array (it is only a Yjs array to the server)
 * is skipped rather than trusted.
 */
export function readPairs(doc: Y.Doc): StatementPair[] {
  const pairs: StatementPair[] = [];
  for (const item of statementsOf(doc).toArray()) {
    if (!(item instanceof Y.Map)) continue;
    const id = item.get("id");
    const danger = item.get("danger");
    const goal = item.get("goal");
    if (typeof id === "string" && danger instanceof Y.XmlFragment && goal instanceof Y.XmlFragment) pairs.push({ id, danger, goal });
  }
  return pairs;
}

/** Adds an empty pair at the end, in one transaction so others never see half of it. */
export function addPair(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    const pair = new Y.Map<unknown>();
    pair.set("id", id);
    pair.set("danger", new Y.XmlFragment());
    pair.set("goal", new Y.XmlFragment());
    statementsOf(doc).push([pair]);
  });
}

export function removePair(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    const array = statementsOf(doc);
    const index = array.toArray().findIndex((item) => item instanceof Y.Map && item.get("id") === id);
    if (index >= 0) array.delete(index, 1);
  });
}
