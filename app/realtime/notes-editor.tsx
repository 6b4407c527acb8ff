// The TipTap editor bound to a Yjs document, with everyone's carets. Browser only: app/components/live-notes.tsx
// loads this module lazily after hydration, so neither TipTap nor ProseMirror runs during the server render.
import { Collaboration } from "@tiptap/extension-collaboration";
import { CollaborationCaret } from "@tiptap/extension-collaboration-caret";
import { Link } from "@tiptap/extension-link";
import { EditorContent, useEditor } from "@tiptap/react";
import { StarterKit } from "@tiptap/starter-kit";
import { useEffect, useRef } from "react";
import type { WebsocketProvider } from "y-websocket";
import type { Doc, XmlFragment } from "yjs";

export type CaretUser = { name: string; color: string };

export type NotesEditorProps = {
  doc: Doc;
  /** The part of the document this editor edits; TipTap's `default` fragment when not given. */
  fragment?: XmlFragment;
  provider: WebsocketProvider;
  /** This person, as their caret is labelled for others (the server stamps the same name and colour). */
  user: CaretUser;
  editable: boolean;
  /** id of the element that names the editor (a visible heading or label). */
  labelledBy: string;
  /** ids of the elements that describe it (hint, read-only explanation). */
  describedBy: string;
};

/**
 * Only these link schemes survive, pasted or synced: no `javascript:`, `data:`, or relative links. Anything may
 * arrive from another client (it is only a Yjs attribute to the server), so nothing is assumed about its type.
 */
function isSafeLink(url: unknown): url is string {
  return typeof url === "string" && /^(https?:\/\/[^\s]+|mailto:[^\s]+|tel:\+?[0-9 ()-]+)$/i.test(url.trim());
}

/**
 * A link renders only its href, and only a safe one, with `rel` and `target` set here: a raw Yjs client can give a
 * link mark any attributes (`rel="opener"`, `onclick`), and none of them reach the page.
 */
const SafeLink = Link.extend({
  renderHTML({ HTMLAttributes }) {
    const href = isSafeLink(HTMLAttributes.href) ? HTMLAttributes.href : "";
    return ["a", { href, rel: "noopener noreferrer nofollow", target: "_blank" }, 0];
  },
}).configure({
  // Autolink adds content by itself after any change, including other people's: on a read-only connection that
  // would be an edit the server refuses.
  autolink: false,
  openOnClick: false,
  isAllowedUri: (url) => isSafeLink(url),
});

export default function NotesEditor({ doc, fragment, provider, user, editable, labelledBy, describedBy }: NotesEditorProps) {
  const editableRef = useRef(editable);
  editableRef.current = editable;
  const describedByRef = useRef(describedBy);
  describedByRef.current = describedBy;

  const editor = useEditor(
    {
      immediatelyRender: true,
      // TipTap would add a <style> element, which the portal's CSP (style-src 'self') refuses: its few rules are in
      // app.css instead.
      injectCSS: false,
      editable,
      extensions: [
        StarterKit.configure({
          // Collaboration brings its own undo history, per person.
          undoRedo: false,
          heading: { levels: [3, 4] },
          // The trailing node adds content by itself after any change, including other people's: on a read-only
          // connection that would be an edit the server refuses. Links are SafeLink's, below.
          link: false,
          trailingNode: false,
        }),
        SafeLink,
        fragment ? Collaboration.configure({ fragment }) : Collaboration.configure({ document: doc, field: "default" }),
        CollaborationCaret.configure({ provider, user, render: renderCaret }),
      ],
      editorProps: {
        attributes: () => ({
          class: `govuk-textarea app-live-notes__editor${editableRef.current ? "" : " app-live-notes__editor--read-only"}`,
          role: "textbox",
          "aria-multiline": "true",
          "aria-labelledby": labelledBy,
          "aria-describedby": describedByRef.current,
          "aria-readonly": editableRef.current ? "false" : "true",
          // Still reachable with the keyboard when it cannot be changed, to read it and to find others' carets.
          tabindex: "0",
          spellcheck: "true",
        }),
      },
    },
    [doc, fragment, provider],
  );

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    // setEditable re-applies the attributes above, so aria-readonly and the class follow.
    editor.setEditable(editable);
  }, [editor, editable, describedBy]);

  return <EditorContent editor={editor} className="app-live-notes__editor-wrapper" />;
}

/** Text colour (near-black or white) with the better contrast on the person's agency colour. */
function labelTextColour(background: string): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(background);
  if (!match) return "#0b0c0c";
  const [r, g, b] = match.slice(1).map((hex) => {
    const c = parseInt(hex, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const nearBlack = 0.0033; // #0b0c0c
  const onWhite = 1.05 / (luminance + 0.05);
  const onBlack = (luminance + 0.05) / (nearBlack + 0.05);
  return onWhite >= onBlack ? "#ffffff" : "#0b0c0c";
}

/**
 * Another person's caret: a coloured bar with their name and agency above it. Colours are set through the DOM's
 * style properties, which the CSP allows (it refuses style attributes in markup).
 */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const name = typeof user.name === "string" && user.name ? user.name : "Someone";
  const color = typeof user.color === "string" && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : "#505a5f";
  const caret = document.createElement("span");
  caret.classList.add("collaboration-carets__caret");
  // Not read out as part of the notes: "Who is here now" says who is on the page.
  caret.setAttribute("aria-hidden", "true");
  caret.style.borderColor = color;
  const label = document.createElement("span");
  label.classList.add("collaboration-carets__label");
  label.style.backgroundColor = color;
  label.style.color = labelTextColour(color);
  label.textContent = name;
  caret.append(label);
  return caret;
}
