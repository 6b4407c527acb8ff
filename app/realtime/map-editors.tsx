// The editors of a Signs of Safety map: one per part, and a pair of editors (danger statement, safety goal) per
// statement. Browser only: app/components/live-map.tsx loads this module lazily after hydration.
import { useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import type { WebsocketProvider } from "y-websocket";
import type { Doc } from "yjs";
import { addPair, mapColumns, readPairs, removePair, statementsOf, type StatementPair } from "../../common/map-document";
import NotesEditor, { type CaretUser } from "./notes-editor";

export type MapEditorsProps = {
  doc: Doc;
  provider: WebsocketProvider;
  user: CaretUser;
  editable: boolean;
  /** id of the read-only explanation, when there is one. */
  readOnlyId: string | null;
};

export default function MapEditors({ doc, provider, user, editable, readOnlyId }: MapEditorsProps) {
  const described = (hintId: string) => [hintId, readOnlyId].filter(Boolean).join(" ");
  return (
    <>
      <div className="govuk-grid-row app-map">
        {mapColumns.map((column) => (
          <section className="govuk-grid-column-one-third app-map__column" key={column.key} aria-labelledby={`map-${column.key}`}>
            <h2 className="govuk-heading-m" id={`map-${column.key}`}>
              {column.question}
            </h2>
            {column.parts.map((part) => (
              <div className="app-map__part" key={part.key} data-testid={`map-part-${part.key}`}>
                <h3 className="govuk-heading-s govuk-!-margin-bottom-1" id={`map-part-${part.key}`}>
                  {part.title}
                </h3>
                <div className="govuk-hint" id={`map-part-${part.key}-hint`}>
                  {part.hint}
                </div>
                <NotesEditor
                  doc={doc}
                  fragment={doc.getXmlFragment(part.key)}
                  provider={provider}
                  user={user}
                  editable={editable}
                  labelledBy={`map-part-${part.key}`}
                  describedBy={described(`map-part-${part.key}-hint`)}
                />
              </div>
            ))}
          </section>
        ))}
      </div>
      <Statements doc={doc} provider={provider} user={user} editable={editable} described={described} />
    </>
  );
}

function Statements({
  doc,
  provider,
  user,
  editable,
  described,
}: Omit<MapEditorsProps, "readOnlyId"> & { described: (hintId: string) => string }) {
  const [pairs, setPairs] = useState<StatementPair[]>(() => readPairs(doc));
  const [confirming, setConfirming] = useState<string | null>(null);
  /** Said to screen readers: a pair added or removed, by this person or someone else. */
  const [announcement, setAnnouncement] = useState("");
  const focusAfter = useRef<{ pairId: string } | "add-button" | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const shown = useRef(pairs.length);
  useEffect(() => {
    const array = statementsOf(doc);
    const update = (event?: Y.YArrayEvent<Y.Map<unknown>>) => {
      const next = readPairs(doc);
      if (event && !event.transaction.local && next.length < shown.current)
        setAnnouncement("Someone else removed a danger statement and its safety goal. What was written is kept in the map's history.");
      shown.current = next.length;
      setPairs(next);
    };
    array.observe(update);
    update();
    return () => array.unobserve(update);
  }, [doc]);

  // Keyboard users land where they can carry on: in a new pair's danger statement, or back on "Add" after removing.
  useEffect(() => {
    const target = focusAfter.current;
    if (!target) return;
    focusAfter.current = null;
    if (target === "add-button") addButton.current?.focus();
    else document.querySelector<HTMLElement>(`[aria-labelledby="danger-${CSS.escape(target.pairId)}"]`)?.focus();
  }, [pairs]);

  const add = () => {
    const id = `${doc.clientID}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    focusAfter.current = { pairId: id };
    addPair(doc, id);
    setAnnouncement(`Danger statement ${pairs.length + 1} and its safety goal added.`);
  };
  const remove = (id: string, number: number) => {
    focusAfter.current = "add-button";
    setConfirming(null);
    removePair(doc, id);
    setAnnouncement(`Danger statement ${number} and its safety goal removed.`);
  };

  return (
    <section className="app-map__statements" aria-labelledby="map-statements">
      <h2 className="govuk-heading-m" id="map-statements">
        Danger statements and safety goals
      </h2>
      <p className="govuk-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <p className="govuk-body" data-testid="statement-count">
        {pairs.length === 0
          ? "No danger statements yet."
          : `${pairs.length} danger ${pairs.length === 1 ? "statement" : "statements"}, each with its safety goal.`}
      </p>
      <div className="govuk-hint" id="map-statements-hint">
        A danger statement says who is worried, about what, and what will happen if nothing changes, in plain words. Its
        safety goal says what the parents will do, what the child will experience and what professionals will see.
      </div>
      {pairs.map((pair, index) => {
        const number = index + 1;
        return (
          <div className="govuk-grid-row app-map__pair" key={pair.id} data-testid="statement-pair">
            <div className="govuk-grid-column-one-half">
              <h3 className="govuk-heading-s govuk-!-margin-bottom-1" id={`danger-${pair.id}`}>
                Danger statement {number}
              </h3>
              <NotesEditor
                doc={doc}
                fragment={pair.danger}
                provider={provider}
                user={user}
                editable={editable}
                labelledBy={`danger-${pair.id}`}
                describedBy={described("map-statements-hint")}
              />
            </div>
            <div className="govuk-grid-column-one-half">
              <h3 className="govuk-heading-s govuk-!-margin-bottom-1" id={`goal-${pair.id}`}>
                Safety goal {number}
              </h3>
              <NotesEditor
                doc={doc}
                fragment={pair.goal}
                provider={provider}
                user={user}
                editable={editable}
                labelledBy={`goal-${pair.id}`}
                describedBy={described("map-statements-hint")}
              />
            </div>
            {editable ? (
              <div className="govuk-grid-column-full">
                {confirming === pair.id ? (
                  <div className="govuk-button-group">
                    <button type="button" className="govuk-button govuk-button--warning" onClick={() => remove(pair.id, number)}>
                      Yes, remove danger statement {number} and its safety goal
                    </button>
                    <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirming(null)}>
                      Keep it
                    </button>
                  </div>
                ) : (
                  <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirming(pair.id)}>
                    Remove danger statement {number}
                  </button>
                )}
              </div>
            ) : null}
          </div>
        );
      })}
      {editable ? (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={add} ref={addButton}>
          Add a danger statement and its safety goal
        </button>
      ) : null}
    </section>
  );
}
