// An audit trail on the page (decision 042): the filters (a GET form), the download of what is shown, the entries
// newest first, and the pages either side.
import { Form, Link } from "@remix-run/react";
import type { FieldErrors } from "../../common/forms/form-errors";
import { auditTrailFieldOrder } from "../../common/forms/audit-trail";
import { ScrollableTable } from "./banners";
import { DateInput, ErrorSummary, Select, TextInput } from "./forms";
import { PreviousNext } from "./pagination";
import { SubmitButton } from "./page";
import { Cell, Row, Table } from "./table";

export type AuditTrailData = {
  /** Where the page is (its filters are added to it), and where its download is. */
  path: string;
  csvPath: string;
  /** The filters as the address holds them, without the page: for the download, and the pages either side. */
  query: string;
  values: Record<string, string>;
  errors: FieldErrors | null;
  withCaseFilter: boolean;
  people: { id: number; fullName: string; agencyName: string }[];
  agencies: { id: string; name: string }[];
  columns: { label: string }[];
  rows: string[][];
  olderQuery: string | null;
  newerQuery: string | null;
  /** The query of this very page (filters and where it starts): what the download holds. */
  pageQuery: string;
};

function peopleGroups(people: AuditTrailData["people"]) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const person of people) {
    const group = groups.get(person.agencyName) ?? [];
    group.push({ value: String(person.id), label: person.fullName });
    groups.set(person.agencyName, group);
  }
  return [...groups].map(([label, options]) => ({ label, options }));
}

/** The problems with the filters, at the top of the page, above its heading. */
export function AuditTrailErrors({ trail }: { trail: AuditTrailData }) {
  return <ErrorSummary errors={trail.errors ?? undefined} order={auditTrailFieldOrder} />;
}

export function AuditTrailFilters({ trail }: { trail: AuditTrailData }) {
  const errors = trail.errors ?? undefined;
  return (
    <>
      <Form method="get" action={trail.path} aria-labelledby="trail-filters-heading" className="app-audit-filters">
        <h2 className="govuk-heading-m" id="trail-filters-heading">
          Filter the entries
        </h2>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Select
              name="person"
              label="Person"
              placeholder="Anyone"
              defaultValue={trail.values.person}
              error={errors?.person}
              groups={peopleGroups(trail.people)}
            />
            <Select
              name="agency"
              label="Agency"
              placeholder="Any agency"
              defaultValue={trail.values.agency}
              error={errors?.agency}
              groups={[
                {
                  label: null,
                  options: trail.agencies.map((agency) => ({
                    value: agency.id,
                    label: agency.name,
                  })),
                },
              ]}
            />
            {trail.withCaseFilter ? (
              <TextInput
                name="case"
                label="Case reference"
                hint="For example, SBC-2026-0147"
                width="20"
                defaultValue={trail.values.case}
                error={errors?.case}
                spellCheck={false}
              />
            ) : null}
          </div>
          <div className="govuk-grid-column-one-half">
            <DateInput prefix="from" legend="From" hint="For example, 27 3 2026" error={errors?.fromDay} values={trail.values} />
            <DateInput prefix="to" legend="To" hint="Up to and including this day. For example, 30 3 2026" error={errors?.toDay} values={trail.values} />
          </div>
        </div>
        <div className="govuk-button-group">
          <SubmitButton>Show entries</SubmitButton>
          <Link className="govuk-link" to={trail.path}>
            Clear the filters
          </Link>
        </div>
      </Form>
    </>
  );
}

export function AuditTrailEntries({ trail, caption }: { trail: AuditTrailData; caption: string }) {
  if (trail.errors) return null;
  return (
    <section aria-labelledby="trail-entries-heading">
      <h2 className="govuk-heading-m" id="trail-entries-heading">
        Entries, newest first
      </h2>
      {trail.rows.length === 0 ? (
        <p className="govuk-body" data-testid="audit-trail-empty">
          No entries match these filters.
        </p>
      ) : (
        <>
          <p className="govuk-body">
            <a className="govuk-link" href={`${trail.csvPath}${trail.pageQuery}`} download data-testid="audit-trail-csv">
              Download these {trail.rows.length} {trail.rows.length === 1 ? "entry" : "entries"} as a spreadsheet (CSV)
            </a>
          </p>
          <ScrollableTable label={caption}>
            <Table caption={caption} columns={trail.columns.map((column) => column.label)} testId="audit-trail">
              {trail.rows.map((cells, index) => (
                <Row key={index}>
                  {cells.map((cell, column) => (
                    <Cell key={column}>{cell}</Cell>
                  ))}
                </Row>
              ))}
            </Table>
          </ScrollableTable>
        </>
      )}
      <TrailPages trail={trail} />
    </section>
  );
}

function TrailPages({ trail }: { trail: AuditTrailData }) {
  return (
    <PreviousNext
      label="Pages of entries"
      previous={trail.newerQuery ? { href: `${trail.path}${trail.newerQuery}`, title: "Newer entries" } : null}
      next={trail.olderQuery ? { href: `${trail.path}${trail.olderQuery}`, title: "Older entries" } : null}
    />
  );
}
