// A collaborative document's history: the changes by person and agency, newest first, and the document as it stood
// at a chosen point.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { DocumentHistoryData } from "../utils/document-history.server";
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
      <Link to={back.to} className="govuk-back-link">
        {back.label}
      </Link>
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">
          {data.childName} · {data.reference}
        </span>
        {title}
      </h1>
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
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Changes to {what} by person and agency</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">When</th>
              <th scope="col" className="govuk-table__header">Who</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Changes</th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">View</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.history.map((entry) => (
              <tr className="govuk-table__row" key={entry.seq}>
                <td className="govuk-table__cell">{entry.when}</td>
                <td className="govuk-table__cell">{entry.who}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{entry.changes}</td>
                <td className="govuk-table__cell">
                  {entry.seq === data.atSeq ? (
                    <strong>Shown above</strong>
                  ) : (
                    <Link className="govuk-link" to={`?at=${entry.seq}`}>
                      View {what} as {what.endsWith("s") ? "they" : "it"} stood
                      <span className="govuk-visually-hidden"> after {entry.who}'s changes at {entry.when}</span>
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="govuk-body">Nobody has written in {what} yet.</p>
      )}
    </>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
