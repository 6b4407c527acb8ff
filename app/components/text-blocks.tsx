// Plain blocks read from a collaborative document (paragraphs, headings, list items), as GOV.UK text. Everything is
// rendered as text: nothing a person typed is ever interpreted as markup.
import type { TextBlock } from "../../server/collab/document-history";

export function TextBlocks({ blocks, empty }: { blocks: TextBlock[]; empty?: string }) {
  if (!blocks.length) return empty ? <p className="govuk-body app-empty">{empty}</p> : null;
  const out: JSX.Element[] = [];
  let list: string[] = [];
  const flush = () => {
    if (!list.length) return;
    out.push(
      <ul className="govuk-list govuk-list--bullet" key={`list-${out.length}`}>
        {list.map((text, index) => (
          <li key={index}>{text}</li>
        ))}
      </ul>,
    );
    list = [];
  };
  for (const block of blocks) {
    if (block.kind === "list-item") {
      list.push(block.text);
      continue;
    }
    flush();
    out.push(
      block.kind === "heading" ? (
        <h4 className="govuk-heading-s" key={out.length}>
          {block.text}
        </h4>
      ) : (
        <p className="govuk-body app-preserve-lines" key={out.length}>
          {block.text}
        </p>
      ),
    );
  }
  flush();
  return <>{out}</>;
}
