// A collaborative document's history, from its attributed log: who changed it, when, and how it read at each point.
import * as Y from "yjs";
import type { Sql } from "../../db/client";
import { applyStoredUpdates } from "./persistence";

export type HistoryEntry = {
  /** The last stored point in this group: the document "as it stood after" these changes. */
  seq: number;
  fullName: string;
  agencyName: string;
  from: Date;
  to: Date;
  changes: number;
};

/** Changes grouped by person and minute, newest first. */
export async function listDocumentHistory(sql: Sql, document: string, limit = 500): Promise<HistoryEntry[]> {
  const rows = await sql<{ seq: string; fullName: string | null; agencyName: string | null; from: Date; to: Date; changes: number }[]>`
    select max(c.seq) as seq, u.full_name as "fullName", a.name as "agencyName",
           min(c.first_at) as "from", max(c.last_at) as "to", sum(c.changes)::int as changes
    from collab_updates c
    left join users u on u.id = c.user_id
    left join agencies a on a.id = c.agency_id
    where c.document = ${document}
    group by c.user_id, u.full_name, a.name, date_trunc('minute', c.first_at)
    order by max(c.seq) desc
    limit ${limit}`;
  return rows.map((row) => ({
    seq: Number(row.seq),
    fullName: row.fullName ?? "Unknown person",
    agencyName: row.agencyName ?? "Unknown agency",
    from: row.from,
    to: row.to,
    changes: row.changes,
  }));
}

export type TextBlock = { kind: "heading" | "paragraph" | "list-item" | "quote" | "other"; text: string };

/** The document as it stood once every stored update up to `seq` was applied, as `read` makes of it; null if there is no such point. */
export async function documentAt<T>(sql: Sql, document: string, seq: number, read: (doc: Y.Doc) => T): Promise<{ content: T; at: Date } | null> {
  const rows = await sql<{ update: Uint8Array; lastAt: Date }[]>`
    select update, last_at as "lastAt" from collab_updates where document = ${document} and seq <= ${seq} order by seq`;
  const [point] = await sql`select 1 from collab_updates where document = ${document} and seq = ${seq}`;
  if (!point || rows.length === 0) return null;
  const doc = new Y.Doc();
  try {
    applyStoredUpdates(doc, rows.map((row) => row.update));
    return { content: read(doc), at: rows[rows.length - 1].lastAt };
  } finally {
    doc.destroy();
  }
}

/** A TipTap fragment as plain blocks: the text of each paragraph, heading and list item. */
export function fragmentBlocks(fragment: Y.XmlFragment): TextBlock[] {
  const blocks: TextBlock[] = [];
  const walk = (node: unknown, inList: boolean) => {
    if (node instanceof Y.XmlText) {
      const text = node.toDelta().map((op: { insert?: unknown }) => (typeof op.insert === "string" ? op.insert : "")).join("");
      if (text) blocks.push({ kind: "paragraph", text });
      return;
    }
    if (!(node instanceof Y.XmlElement)) return;
    const name = node.nodeName;
    if (name === "bulletList" || name === "orderedList" || name === "listItem" || name === "blockquote") {
      for (const child of node.toArray()) walk(child, inList || name !== "blockquote");
      return;
    }
    const text = textOf(node);
    const kind: TextBlock["kind"] = name === "heading" ? "heading" : inList ? "list-item" : name === "paragraph" ? "paragraph" : "other";
    blocks.push({ kind, text });
  };
  for (const child of fragment.toArray()) walk(child, false);
  // An empty editor still holds one empty paragraph: that is not content.
  return blocks.filter((block) => block.text.trim() !== "" || block.kind === "heading");
}

/** The editor's content (TipTap's `default` fragment) as plain blocks, and any plain Y.Text fields. */
export function readableBlocks(doc: Y.Doc): TextBlock[] {
  const blocks = fragmentBlocks(doc.getXmlFragment("default"));
  // Plain text fields (no editor schema): a root type arrives untyped from an update, so it is read as text.
  for (const name of doc.share.keys()) {
    if (name === "default") continue;
    const text = doc.getText(name).toString();
    if (text) blocks.push({ kind: "paragraph", text });
  }
  return blocks;
}

function textOf(element: Y.XmlElement): string {
  return element
    .toArray()
    .map((child) => {
      if (child instanceof Y.XmlText) return child.toDelta().map((op: { insert?: unknown }) => (typeof op.insert === "string" ? op.insert : "")).join("");
      if (child instanceof Y.XmlElement) return child.nodeName === "hardBreak" ? "\n" : textOf(child);
      return "";
    })
    .join("");
}
