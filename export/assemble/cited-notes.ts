import {
  type Bibliography,
  type CitationEngine,
  type ClusterInput,
  type ClusterResult,
  detachedZoteroPayload,
  htmlToRuns,
  type NoteInputs,
  runsToPlain,
  zoteroFieldInstruction,
} from '../../citations/index';
import type { CslItem } from '../../core/csl';
import type { CitationSession } from '../citation-session';
import { type StoredBibliography, type StoredNotes, storedBibliography } from '../note-cache';

/** Where a document's notes came from: the note cache whole, partly (clusters not rendered again), or citeproc alone. */
export interface NotesFrom {
  cache: 'document' | 'clusters' | 'none';
  /** Notes taken from the cache rather than rendered. */
  reused: number;
}

/** A document's rendered citations and what the writers need of the style, from an engine or from the note cache. */
export interface CitedNotes {
  styleId: string;
  styleUri: string;
  locale: string;
  isNoteStyle: boolean;
  hasBibliography: boolean;
  results: Map<string, ClusterResult>;
  bibliography(): Bibliography;
  /** A cluster's Zotero field instruction. */
  field(cluster: ClusterInput, r: ClusterResult): string;
  /** The engine holding this document (built on first use when the notes came from the cache). */
  engine(): CitationEngine;
  from: NotesFrom;
  /** What to keep in the library; undefined when the notes came from it unchanged. */
  toStore(): StoredNotes | undefined;
}

/** Notes an engine rendered (alone, in a session, or sharing with a second engine). */
export function engineNotes(
  engine: CitationEngine,
  results: Map<string, ClusterResult>,
  clusters: readonly ClusterInput[],
  make: { bibliography: () => Bibliography; kept?: StoredBibliography; session?: CitationSession; from: NotesFrom },
): CitedNotes {
  let bib: { inputs: string; value: Bibliography } | undefined;
  const bibliography = () => {
    if (!bib) {
      const inputs = engine.bibliographyInputs();
      // The kept one was made from the same items (the global key) registered alike: it is the one citeproc would make.
      bib = { inputs, value: keptBibliography(make.kept, inputs) ?? make.bibliography() };
    }
    return bib.value;
  };
  return {
    styleId: engine.styleId,
    styleUri: engine.styleUri,
    locale: engine.locale,
    isNoteStyle: engine.isNoteStyle,
    hasBibliography: engine.styleHasBibliography,
    results,
    bibliography,
    field(cluster, r) {
      const payload = () => engine.zoteroCitationPayload(cluster, runsToPlain(r.runs), r.runs);
      return make.session ? make.session.field(cluster, engine.noteIndexOf(cluster.id), r.html, payload) : zoteroFieldInstruction(payload());
    },
    engine: () => engine,
    from: make.from,
    toStore: () => ({
      locale: engine.locale,
      notes: clusters.map((c) => results.get(c.id)!.html),
      ...(bib ? { bibliography: storedBibliography(bib.inputs, bib.value) } : {}),
      renders: engine.renderedEntries(),
    }),
  };
}

/** Notes the library kept for exactly this document: no citeproc engine unless someone asks for it. */
export function cachedNotes(
  inputs: NoteInputs,
  stored: StoredNotes,
  clusters: readonly ClusterInput[],
  items: (id: string) => CslItem | undefined,
  makeEngine: () => CitationEngine,
): CitedNotes {
  const results = new Map<string, ClusterResult>();
  clusters.forEach((c, i) => {
    const html = stored.notes[i];
    results.set(c.id, { id: c.id, html, runs: htmlToRuns(html), ...(inputs.isNoteStyle ? { noteNumber: i + 1 } : {}) });
  });
  const index = new Map(clusters.map((c, i) => [c.id, i]));
  let engine: CitationEngine | undefined;
  const theEngine = () => (engine ??= makeEngine());
  return {
    styleId: inputs.style.id,
    styleUri: inputs.style.uri,
    locale: stored.locale,
    isNoteStyle: inputs.isNoteStyle,
    hasBibliography: inputs.style.hasBibliography,
    results,
    bibliography: () => (stored.bibliography ? fromStored(stored.bibliography) : theEngine().bibliography()),
    field: (cluster, r) => zoteroFieldInstruction(detachedZoteroPayload(inputs, items, cluster, index.get(cluster.id)!, runsToPlain(r.runs), r.runs)),
    engine: theEngine,
    from: { cache: 'document', reused: clusters.length },
    // A bibliography made here (kept without one) is not worth a rewrite: the next full render keeps it.
    toStore: () => undefined,
  };
}

/** The bibliography the library keeps, when it was made from these inputs (see CitationEngine.bibliographyInputs). */
export function keptBibliography(kept: StoredBibliography | undefined, inputs: string): Bibliography | undefined {
  return kept?.inputs === inputs ? fromStored(kept) : undefined;
}

function fromStored(b: StoredBibliography): Bibliography {
  return {
    entries: b.html.map((html) => ({ html, runs: htmlToRuns(html) })),
    hangingIndent: b.hangingIndent,
    ...(b.entrySpacing === undefined ? {} : { entrySpacing: b.entrySpacing }),
    ...(b.lineSpacing === undefined ? {} : { lineSpacing: b.lineSpacing }),
    ...(b.secondFieldAlign === undefined ? {} : { secondFieldAlign: b.secondFieldAlign }),
  };
}
