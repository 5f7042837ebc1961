import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { BriefingSection } from '../../../core/model';
import type { TemplateSection } from '../../../api/contract';
import { errorMessage } from '../api';
import { Icon } from '../ui/Icon';

export interface SectionHeadProps {
  section: BriefingSection;
  index: number;
  count: number;
  /** The template's definition; undefined for the analyst's own sections. */
  def: TemplateSection | undefined;
  /** Whether the heading may be renamed (the analyst's own sections). */
  renamable: boolean;
  onMove(delta: -1 | 1): void;
  /** Resolves once stored; rejects with the core's message (e.g. a heading already used). */
  onRename(heading: string): Promise<void>;
  onRemove(): void;
}

const itemsLabel = (n: number) => `${n} item${n === 1 ? '' : 's'}`;

/**
 * A section's heading with its controls: move (buttons, or Alt+Shift+↑/↓ on the focused
 * heading), rename (own sections), remove (never a required one; one with items only after a
 * confirmation that says how many go with it).
 */
export function SectionHead({ section, index, count, def, renamable, onMove, onRename, onRemove }: SectionHeadProps) {
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const items = section.items.length;
  const removable = !def?.required && count > 1;
  const removeTitle = def?.required ? 'Required by the template: cannot be removed' : count === 1 ? 'A briefing keeps at least one section' : 'Remove section';

  const onKeyDown = (e: KeyboardEvent<HTMLHeadingElement>) => {
    if (e.altKey && e.shiftKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      e.stopPropagation();
      const delta = e.key === 'ArrowUp' ? -1 : 1;
      if ((delta < 0 && index > 0) || (delta > 0 && index < count - 1)) onMove(delta);
    } else if (e.key === 'F2' && renamable) {
      e.preventDefault();
      setRenaming(true);
    } else if (e.key === 'Delete' && removable) {
      e.preventDefault();
      if (items > 0) setConfirming(true);
      else onRemove();
    }
  };

  return (
    <>
      <header className="ed-section-head">
        {renaming ? (
          <RenameField
            heading={section.heading}
            onDone={() => {
              setRenaming(false);
              window.setTimeout(() => document.querySelector<HTMLElement>(`[data-section-id="${section.id}"] .ed-section-title`)?.focus(), 0);
            }}
            onRename={onRename}
          />
        ) : (
          <h2
            className="ed-section-title"
            tabIndex={0}
            aria-keyshortcuts="Alt+Shift+ArrowUp Alt+Shift+ArrowDown"
            title={`Section ${index + 1} of ${count} · Alt+Shift+↑/↓ moves it${renamable ? ' · F2 renames it' : ''}`}
            onKeyDown={onKeyDown}
          >
            {section.heading}
            {def?.required && (
              <span className="required" title="Required section" aria-label="required">
                {' '}
                *
              </span>
            )}
          </h2>
        )}
        {!renaming &&
          (def ? (
            <span className="layout-tag">{def.layout === 'bullets' ? 'Bullets' : def.layout === 'numbered' ? 'Numbered' : 'Paragraphs'}</span>
          ) : (
            <span className="layout-tag own-tag">Your section</span>
          ))}
        {!renaming && <span className="toolbar-spacer" />}
        <div className="section-tools" role="group" aria-label={`Section ${section.heading}`}>
          <button
            type="button"
            className="icon-button"
            aria-label={`Move section ${section.heading} up (Alt+Shift+Up)`}
            title="Move section up (Alt+Shift+↑)"
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            <Icon name="chevron-up" />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={`Move section ${section.heading} down (Alt+Shift+Down)`}
            title="Move section down (Alt+Shift+↓)"
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            <Icon name="chevron-down" />
          </button>
          {renamable && (
            <button
              type="button"
              className="icon-button"
              aria-label={`Rename section ${section.heading} (F2)`}
              title="Rename (F2)"
              onClick={() => setRenaming(true)}
            >
              <Icon name="pencil" />
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label={removable ? `Remove section ${section.heading}` : `Remove section ${section.heading}: ${removeTitle.toLowerCase()}`}
            title={removeTitle}
            disabled={!removable}
            onClick={() => (items > 0 ? setConfirming(true) : onRemove())}
          >
            <Icon name="trash" />
          </button>
        </div>
      </header>
      {confirming && (
        <div className="confirm-row section-confirm" role="alertdialog" aria-label={`Remove section ${section.heading}?`}>
          <Icon name="warning" />
          <span>
            Remove “{section.heading}” and the {itemsLabel(items)} in it? Facts stay in the library; Undo (Ctrl+Z) puts the section back.
          </span>
          <button
            type="button"
            className="button danger small"
            autoFocus
            onClick={() => {
              setConfirming(false);
              onRemove();
            }}
          >
            Remove section and {itemsLabel(items)}
          </button>
          <button type="button" className="button small" onClick={() => setConfirming(false)} onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
    </>
  );
}

function RenameField({ heading, onRename, onDone }: { heading: string; onRename(h: string): Promise<void>; onDone(): void }) {
  const [value, setValue] = useState(heading);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const save = async () => {
    if (value.trim() === heading) return onDone();
    setBusy(true);
    try {
      await onRename(value);
      onDone();
    } catch (e) {
      setError(errorMessage(e).replace(/^section\.heading: /, ''));
      setBusy(false);
      ref.current?.focus();
    }
  };
  return (
    <form
      className="section-rename"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <input
        ref={ref}
        aria-label="Section heading"
        value={value}
        maxLength={200}
        disabled={busy}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'section-rename-error' : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setError(undefined);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onDone();
          }
        }}
      />
      <button type="submit" className="button small primary" disabled={busy}>
        Rename
      </button>
      <button type="button" className="button small" onClick={onDone}>
        Cancel
      </button>
      {error && (
        <div className="field-error" id="section-rename-error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}
