import type { ReactElement } from 'react';
import type { Run, PreviewBlock as Block, PreviewDocument, PreviewInline as Inline, Template } from '../../../api/contract';

/**
 * The live preview: the resolved document exactly as the exporters lay it out — banner,
 * header block, portion marks, bullets, note numbers, notes with Ibid., the sources list.
 * Everything is rendered as React text nodes: no HTML from the document is ever parsed.
 */
export function Preview({
  doc,
  template,
  activeNote,
  onNoteClick,
}: {
  doc: PreviewDocument;
  template: Template | undefined;
  activeNote?: number | undefined;
  onNoteClick?(n: number): void;
}) {
  const notes: { n: number; runs: Run[] }[] = [];
  for (const s of doc.sections) for (const b of s.blocks) for (const i of b.inlines) if (i.type === 'note') notes.push({ n: i.noteNumber, runs: i.runs });
  const runIn = new Set(template?.sections.filter((s) => s.runIn).map((s) => s.key));
  const decisionAfter = template?.decision?.after ?? doc.sections[doc.sections.length - 1]?.key;

  const decision = doc.decision && (
    <div className="pv-decision">
      <div className="pv-decision-head">{template?.decision?.heading ?? 'DECISION:'}</div>
      {doc.decision.lines.map((l) => (
        <div key={l} className="pv-decision-line">
          {l} <span className="pv-rule" />
        </div>
      ))}
      {doc.decision.decideBy && (
        <div className="pv-decision-by">
          {template?.decision?.decideByLabel ?? 'Decide by'}: {doc.decision.decideBy}
        </div>
      )}
    </div>
  );

  return (
    <article className="paper" aria-label="Preview of the exported document" lang={doc.language}>
      {doc.banner && <div className="pv-banner">{doc.banner}</div>}
      <h1 className="pv-heading">
        {doc.headingPortion && `(${doc.headingPortion}) `}
        {doc.heading}
      </h1>
      {(template?.showDate ?? true) && <div className="pv-date">{doc.date}</div>}
      {doc.fields.length > 0 && (
        <table className="pv-fields">
          <tbody>
            {doc.fields.map((f) => (
              <tr key={f.key}>
                <th scope="row">{f.label}:</th>
                <td>
                  {f.portion && `(${f.portion}) `}
                  {f.value}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {doc.markingBlock?.lines.some((l) => l.value) && (
        <div className="pv-marking-block" aria-label={doc.markingBlock.kind === 'classified' ? 'Classification authority block' : 'CUI designation indicator'}>
          {doc.markingBlock.lines
            .filter((l) => l.value)
            .map((l) => (
              <div key={l.field} className="pv-closing">
                <span className="pv-closing-label">{l.label}:</span> {l.value}
              </div>
            ))}
        </div>
      )}
      {doc.sections.map((s) => {
        const inline = runIn.has(s.key) && s.showHeading;
        return (
          <section key={s.key} className={`pv-section pv-section-${s.key}`} data-section={s.key}>
            {s.showHeading && !inline && (
              <h2 className="pv-section-head">
                {s.headingPortion && `(${s.headingPortion}) `}
                {s.heading}
              </h2>
            )}
            <BlockList blocks={s.blocks} runInHeading={inline ? s.heading : undefined} activeNote={activeNote} onNoteClick={onNoteClick} />
            {s.key === decisionAfter && decision}
          </section>
        );
      })}
      {doc.attachments && (
        <div className="pv-closing">
          <span className="pv-closing-label">{template?.closing.attachments?.label ?? 'Attachments'}:</span> {doc.attachments}
        </div>
      )}
      {doc.preparedBy && (
        <div className="pv-closing">
          <span className="pv-closing-label">{template?.closing.preparedBy?.label ?? 'Prepared by'}:</span> {doc.preparedBy}
        </div>
      )}
      {doc.derivedFrom && (
        <div className="pv-closing">
          <span className="pv-closing-label">{template?.closing.derivedFromLabel ?? 'Derived From'}:</span> {doc.derivedFrom}
        </div>
      )}
      {notes.length > 0 && doc.notes !== 'in-text' && (
        <section className={`pv-notes pv-${doc.notes}`} aria-label={doc.notes === 'endnotes' ? 'Endnotes' : 'Footnotes'}>
          {doc.notes === 'endnotes' ? <h2 className="pv-section-head">Notes</h2> : <hr className="pv-note-rule" />}
          <ol className="pv-note-list">
            {notes.map((n) => (
              <li key={n.n} value={n.n} id={`pv-note-${n.n}`} className={n.n === activeNote ? 'is-active' : undefined} data-note={n.n}>
                <Runs runs={n.runs} />
              </li>
            ))}
          </ol>
        </section>
      )}
      {doc.bibliography && (
        <section className="pv-bib" aria-label={doc.bibliography.heading}>
          <h2 className="pv-bib-head">{doc.bibliography.heading}</h2>
          {doc.bibliography.entries.map((e, i) => (
            <p key={i} className={doc.bibliography!.hangingIndent ? 'pv-bib-entry hanging' : 'pv-bib-entry'}>
              <Runs runs={e} />
            </p>
          ))}
        </section>
      )}
      {doc.derivationSources && (
        <section className="pv-bib" aria-label={doc.derivationSources.heading}>
          <h2 className="pv-bib-head">{doc.derivationSources.heading}</h2>
          {doc.derivationSources.entries.map((e, i) => (
            <p key={i} className="pv-bib-entry">
              {e}
            </p>
          ))}
        </section>
      )}
      {doc.banner && <div className="pv-banner pv-banner-bottom">{doc.banner}</div>}
    </article>
  );
}

function BlockList({
  blocks,
  runInHeading,
  activeNote,
  onNoteClick,
}: {
  blocks: Block[];
  runInHeading: string | undefined;
  activeNote: number | undefined;
  onNoteClick: ((n: number) => void) | undefined;
}) {
  const out: ReactElement[] = [];
  let i = 0;
  while (i < blocks.length) {
    const b = blocks[i];
    if (b.kind === 'paragraph') {
      out.push(
        <p key={i} className="pv-p">
          {i === 0 && runInHeading && <strong className="pv-runin">{runInHeading}: </strong>}
          <Portion b={b} />
          <Inlines inlines={b.inlines} activeNote={activeNote} onNoteClick={onNoteClick} />
        </p>,
      );
      i++;
      continue;
    }
    const kind = b.kind;
    const group: Block[] = [];
    const start = i;
    while (i < blocks.length && blocks[i].kind === kind) group.push(blocks[i++]);
    const items = group.map((g, j) => (
      <li key={j}>
        <Portion b={g} />
        <Inlines inlines={g.inlines} activeNote={activeNote} onNoteClick={onNoteClick} />
      </li>
    ));
    const head =
      start === 0 && runInHeading ? (
        <p className="pv-p">
          <strong className="pv-runin">{runInHeading}:</strong>
        </p>
      ) : null;
    out.push(
      <div key={start}>
        {head}
        {kind === 'numbered' ? <ol className="pv-ol">{items}</ol> : <ul className="pv-ul">{items}</ul>}
      </div>,
    );
  }
  if (blocks.length === 0 && runInHeading)
    out.push(
      <p key="empty" className="pv-p">
        <strong className="pv-runin">{runInHeading}: </strong>
      </p>,
    );
  return <>{out}</>;
}

function Portion({ b }: { b: Block }) {
  return b.portion ? <span className="pv-portion">({b.portion}) </span> : null;
}

function Inlines({ inlines, activeNote, onNoteClick }: { inlines: Inline[]; activeNote: number | undefined; onNoteClick: ((n: number) => void) | undefined }) {
  return (
    <>
      {inlines.map((inl, k) => {
        if (inl.type === 'text') return <RunSpan key={k} run={inl.run} />;
        if (inl.type === 'note') {
          return (
            <sup
              key={k}
              className={`pv-ref${inl.noteNumber === activeNote ? ' is-active' : ''}`}
              data-note-ref={inl.noteNumber}
              onClick={() => onNoteClick?.(inl.noteNumber)}
            >
              {inl.noteNumber}
            </sup>
          );
        }
        return (
          <span key={k} className="pv-cite">
            <Runs runs={inl.runs} />
          </span>
        );
      })}
    </>
  );
}

function Runs({ runs }: { runs: Run[] }) {
  return (
    <>
      {runs.map((r, i) => (
        <RunSpan key={i} run={r} />
      ))}
    </>
  );
}

function RunSpan({ run }: { run: Run }) {
  let node: ReactElement | string = run.text;
  if (run.superscript) node = <sup>{node}</sup>;
  if (run.subscript) node = <sub>{node}</sub>;
  if (run.italic) node = <em>{node}</em>;
  if (run.bold) node = <strong>{node}</strong>;
  if (run.smallCaps) node = <span className="small-caps">{node}</span>;
  return <>{node}</>;
}
