import type { Briefing } from '../../../core/model';
import type { Template } from '../../../api/contract';
import { Icon } from '../ui/Icon';
import { DraftInput } from './DraftInput';
import { ExportPanel } from './ExportPanel';
import type { UndoStack } from './undo';

interface Props {
  briefing: Briefing;
  template: Template | undefined;
  stack: UndoStack;
  showPicker: boolean;
  exporting: boolean;
  onTitle(v: string, before: string, leaving: boolean): unknown;
  onUndo(): void;
  onRedo(): void;
  onTogglePicker(): void;
  onPalette(): void;
  onSwitcher(): void;
  onExporting(open: boolean): void;
}

/** The editor's toolbar: title, undo/redo, fact list, insert, open, export. */
export function BriefingToolbar(p: Props) {
  const { stack } = p;
  return (
    <header className="toolbar briefing-toolbar">
      <span className="doc-type">{p.template?.name ?? p.briefing.templateId}</span>
      <DraftInput className="title-input" label="Briefing title" value={p.briefing.title} onSave={p.onTitle} />
      <button
        type="button"
        className="icon-button"
        aria-label={stack.undoLabel ? `Undo ${stack.undoLabel} (Ctrl+Z)` : 'Undo (Ctrl+Z)'}
        title={stack.undoLabel ? `Undo ${stack.undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
        disabled={!stack.canUndo}
        onClick={p.onUndo}
      >
        <Icon name="undo" />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={stack.redoLabel ? `Redo ${stack.redoLabel} (Ctrl+Shift+Z)` : 'Redo (Ctrl+Shift+Z)'}
        title={stack.redoLabel ? `Redo ${stack.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
        disabled={!stack.canRedo}
        onClick={p.onRedo}
      >
        <Icon name="redo" />
      </button>
      <button type="button" className="button" aria-pressed={p.showPicker} onClick={p.onTogglePicker} title="Show or hide the fact list">
        <Icon name="library" /> Facts
      </button>
      <button type="button" className="button" onClick={p.onPalette} title="Insert a fact (Ctrl+K); in text, cite it at the cursor">
        <Icon name="plus" /> Insert fact <kbd>Ctrl+K</kbd>
      </button>
      <button type="button" className="button" onClick={p.onSwitcher} title="Open another briefing (Ctrl+O)">
        <Icon name="doc" /> Open… <kbd>Ctrl+O</kbd>
      </button>
      <div className="popover-anchor">
        <button type="button" className="button primary" aria-expanded={p.exporting} onClick={() => p.onExporting(!p.exporting)} title="Export (Ctrl+E)">
          <Icon name="export" /> Export
        </button>
        {p.exporting && <ExportPanel briefing={p.briefing} onClose={() => p.onExporting(false)} />}
      </div>
    </header>
  );
}
