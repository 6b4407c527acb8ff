// Live documents written at seed time, stored as the collaboration server stores them: each update attributed to its
// writer and agency, its Yjs client id claimed by that writer (so history, the family's copy and "who wrote this"
// read them as they read anything typed in the portal).
import * as Y from "yjs";
import type { Sql } from "../client";

/** Writes paragraphs of plain text into a TipTap fragment, as the editor would. */
export function writeParagraphs(fragment: Y.XmlFragment, texts: string[]) {
  fragment.insert(
    0,
    texts.map((text) => {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(text)]);
      return paragraph;
    }),
  );
}

/** Stores `doc` as update `seq` of `document` (1 for the first), attributed, its client id claimed; then destroys it. */
export async function storeSeedDocument(sql: Sql, document: string, doc: Y.Doc, userId: number, agencyId: string, at: Date, seq = 1) {
  await sql`insert into collab_updates (document, seq, update, user_id, agency_id, first_at, last_at)
    values (${document}, ${seq}, ${Y.encodeStateAsUpdate(doc)}, ${userId}, ${agencyId}, ${at}, ${at})`;
  await sql`insert into collab_clients (document, client_id, user_id, claimed_at) values (${document}, ${doc.clientID}, ${userId}, ${at})`;
  doc.destroy();
}

/** A document of paragraphs in its "default" fragment, written by one person: a note, an agency's section, a plan's contingency. */
export async function storeSeedText(sql: Sql, document: string, texts: string[], writer: { userId: number; agencyId: string }, at: Date) {
  const doc = new Y.Doc();
  writeParagraphs(doc.getXmlFragment("default"), texts);
  await storeSeedDocument(sql, document, doc, writer.userId, writer.agencyId, at);
}
