// A collaborative document's history: the changes by person and agency, newest first, and the document as it stood
// at a chosen point.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { DocumentHistoryData } from "../../server/documents/read-document-history";
import { ScrollableTable } from "./banners";
import { BackLink, caseCaption, Hidden, PageHeading } from "./page";
import { Cell, Row, Table } from "./table";
import { TextBlocks } from "./text-blocks";

export function DocumentHistory({
  data,
  title,
  what,
  back,
  marking,
}: {
  data: DocumentHistoryData;
  /** The page's heading, e.g. "History of the case notes". */
  title: string;
  /** What the document is called in a sentence, e.g. "the case notes". */
  what: string;
  back: { to: string; label: string };
  /** A restriction marking shown above the content. */
  marking?: ReactNode;
}) {
  return (
    <>
      <BackLink to={back.to}>{back.label}</BackLink>
      <PageHeading caption={caseCaption(data)}>{title}</PageHeading>
      {marking}
      {data.version ? (
        <section aria-labelledby="version-heading" className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-m" id="version-heading">
            {capitalise(what)} as {what.endsWith("s") ? "they" : "it"} stood at {data.version.at}
          </h2>
          <div className="govuk-inset-text app-notes-version" data-testid="notes-version">
            {data.version.sections.some((section) => section.blocks.length) ? (
              data.version.sections.map((section, index) =>
                section.title === null ? (
                  <TextBlocks blocks={section.blocks} key={index} />
                ) : (
                  <div key={index}>
                    <h3 className="govuk-heading-s">{section.title}</h3>
                    <TextBlocks blocks={section.blocks} empty="Nothing written." />
                  </div>
                ),
              )
            ) : (
              <p className="govuk-body">{capitalise(what)} {what.endsWith("s") ? "were" : "was"} empty at this point.</p>
            )}
          </div>
        </section>
      ) : null}
      <h2 className="govuk-heading-m">Changes, newest first</h2>
      {data.history.length ? (
        <ScrollableTable label={`Changes to ${what} by person and agency`}>
          <Table caption={`Changes to ${what} by person and agency`} columns={["When", "Who", { label: "Changes", numeric: true }, { hidden: "View" }]}>
            {data.history.map((entry) => (
              <Row key={entry.seq}>
                <Cell>{entry.when}</Cell>
                <Cell>{entry.who}</Cell>
                <Cell numeric>{entry.changes}</Cell>
                <Cell>
                  {entry.seq === data.atSeq ? (
                    <strong>Shown above</strong>
                  ) : (
                    <Link className="govuk-link" to={`?at=${entry.seq}`}>
                      View {what} as {what.endsWith("s") ? "they" : "it"} stood
                      <Hidden> after {entry.who}'s changes at {entry.when}</Hidden>
                    </Link>
                  )}
                </Cell>
              </Row>
            ))}
          </Table>
        </ScrollableTable>
      ) : (
        <p className="govuk-body">Nobody has written in {what} yet.</p>
      )}
    </>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
