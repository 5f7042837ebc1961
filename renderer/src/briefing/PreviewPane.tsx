import type { BriefingPreview, StyleSummary, Template } from '../../../api/contract';
import type { Briefing } from '../../../core/model';
import { ChecksPanel } from './ChecksPanel';
import { HistoryPanel } from './HistoryPanel';
import { Preview } from './Preview';
import type { FactChange } from './useFactChanges';

interface Props {
  preview: BriefingPreview | undefined;
  error: string | undefined;
  busy: boolean;
  template: Template | undefined;
  styles: StyleSummary[];
  tab: PaneTab;
  onTab(tab: PaneTab): void;
  activeNote: number | undefined;
  onActiveNote(n: number): void;
  changes: FactChange[];
  onAcceptChanges(): void;
  briefing: Briefing;
  /** A version was put back: the editor shows it, and its undo history starts afresh. */
  onRestored(b: Briefing): void;
}

export type PaneTab = 'preview' | 'checks' | 'history';

/** The right-hand pane: the live preview of the export, the checks, and the briefing's history. */
export function PreviewPane(p: Props) {
  const warnings = p.preview?.warnings ?? [];
  // Pre-flight's "fact changed" lines are shown once, in the changed-facts list.
  const problems = (p.changes.length > 0 ? warnings.filter((w) => (w.code as string) !== 'fact-changed').length : warnings.length) + p.changes.length;
  const styleTitle = p.preview && (p.styles.find((s) => s.id === p.preview!.styleId)?.title ?? p.preview.styleId);
  return (
    <section className="preview-pane" aria-label="Preview and checks">
      <div className="tabs" role="tablist" aria-label="Preview and checks">
        <button
          type="button"
          role="tab"
          id="tab-preview"
          aria-selected={p.tab === 'preview'}
          aria-controls="panel-preview"
          className="tab"
          onClick={() => p.onTab('preview')}
        >
          Preview
        </button>
        <button
          type="button"
          role="tab"
          id="tab-checks"
          aria-selected={p.tab === 'checks'}
          aria-controls="panel-checks"
          className="tab"
          onClick={() => p.onTab('checks')}
        >
          Checks {problems > 0 && <span className="badge warn">{problems}</span>}
        </button>
        <button
          type="button"
          role="tab"
          id="tab-history"
          aria-selected={p.tab === 'history'}
          aria-controls="panel-history"
          className="tab"
          onClick={() => p.onTab('history')}
        >
          History
        </button>
        <span className="toolbar-spacer" />
        {styleTitle && (
          <span className="muted small line-1 style-name" title={styleTitle}>
            {styleTitle}
          </span>
        )}
      </div>
      {p.tab === 'preview' ? (
        <div className="preview-scroll" role="tabpanel" id="panel-preview" aria-labelledby="tab-preview" aria-busy={p.busy} data-testid="preview">
          {p.error && <p className="error-text">{p.error}</p>}
          {p.preview ? (
            <Preview doc={p.preview.doc} template={p.template} activeNote={p.activeNote} onNoteClick={p.onActiveNote} />
          ) : (
            !p.error && <p className="muted list-empty">Preparing preview…</p>
          )}
        </div>
      ) : p.tab === 'checks' ? (
        <ChecksPanel warnings={warnings} changes={p.changes} busy={p.busy} onAccept={p.onAcceptChanges} />
      ) : (
        <HistoryPanel briefing={p.briefing} onRestored={p.onRestored} />
      )}
    </section>
  );
}
