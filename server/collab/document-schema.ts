// What a collaborative document may contain: the element and mark names the portal's editor (TipTap's StarterKit and
// its safe link) knows, and the structures of a map. An update with anything else is refused before it is applied.
// Every editor that opened such content would otherwise try to remove it itself, and on a read-only connection that
// removal is an edit the server refuses, again and again: one writer could cut every reader off.
import * as Y from "yjs";

const elements = new Set([
  "paragraph",
  "heading",
  "bulletList",
  "orderedList",
  "listItem",
  "blockquote",
  "codeBlock",
  "hardBreak",
  "horizontalRule",
]);

const marks = new Set(["bold", "italic", "strike", "code", "underline", "link"]);

/** Why an update's new content breaks the schema, or null when it does not. */
export function schemaProblem(update: { structs: readonly unknown[] }): string | null {
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const content = struct.content;
    if (content instanceof Y.ContentType) {
      const type = content.type;
      if (type instanceof Y.XmlElement && !elements.has(type.nodeName)) return `an element the editor does not know (${type.nodeName.slice(0, 40)})`;
      if (type instanceof Y.XmlHook) return "an XML hook";
    } else if (content instanceof Y.ContentFormat) {
      if (!marks.has(content.key)) return `a mark the editor does not know (${content.key.slice(0, 40)})`;
    } else if (content instanceof Y.ContentEmbed) {
      return "an embedded object";
    }
  }
  return null;
}
