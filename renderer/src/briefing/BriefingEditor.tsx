import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type DragEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { BriefingPreview, FactDetail, StyleSummary } from '../../../api/contract';
import type { Briefing, BriefingItem, BriefingSection, FactItem } from '../../../core/model';
import type { Inline } from '../../../export/document';
import type { Template, TemplateSection } from '../../../export/template/types';
import type { FactHit } from '../../../db/repo/search';
import { ApiError, call, errorMessage, hasShell, shellCall } from '../api';
import { formatPartialDate, shortCitation } from '../format';
import { FACT_DRAG_TYPE, FactList } from '../library/FactList';
import { usePagedSearch } from '../library/usePagedSearch';
import { useApp } from '../state';
import { GradeBadge } from '../ui/bits';
import type { ViewRequest } from '../shell/menu-command';
import { useDebounced, useLatest } from '../ui/hooks';
import { Icon } from '../ui/Icon';
import { briefingCommands, findItem, itemInput, type BriefingPatch, type ItemInput, type Place } from './commands';
import { AddSection } from './AddSection';
import { BriefingSwitcher } from './BriefingSwitcher';
import { ExportPanel } from './ExportPanel';
import { Palette } from './Palette';
import { Preview } from './Preview';
import { ProseEditor } from './ProseEditor';
import { sectionCommands } from './section-commands';
import { SectionHead } from './SectionHead';
import { type Command, UndoStack } from './undo';

const ITEM_DRAG_TYPE = 'application/x-dossier-item';
const TYPING_DELAY = 400;

interface PreviewState {
  preview: BriefingPreview;
  /** The fact items in document order when the preview was made: maps items to note numbers. */
  order: string[];
}

interface PreviewSource {
  briefing: Briefing;
  dataVersion: number;
}

/**
 * `request`: a menu command for this editor (File ▸ Export…, File ▸ Open Briefing…), taken
 * once the briefing has loaded and reported back through `onRequestTaken`.
 */
export function BriefingEditor({ briefingId, request, onRequestTaken }: { briefingId: string; request?: ViewRequest | undefined; onRequestTaken?(seq: number): void }) {
  const app = useApp();
  const [briefing, setBriefing] = useState<Briefing>();
  const [loadError, setLoadError] = useState<string>();
  const [template, setTemplate] = useState<Template>();
  const [styles, setStyles] = useState<StyleSummary[]>([]);
  const [facts, setFacts] = useState<Map<string, FactDetail>>(new Map());
  const [pv, setPv] = useState<PreviewState>();
  const [previewError, setPreviewError] = useState<string>();
  // What the preview on screen was made from: while the editor shows anything newer, the
  // preview is marked busy (aria-busy), so a reader — or a test — can tell a stale one.
  const [previewOf, setPreviewOf] = useState<PreviewSource>();
  const [tab, setTab] = useState<'preview' | 'checks'>('preview');
  const [palette, setPalette] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [switcher, setSwitcher] = useState(false);
  const [insertAt, setInsertAt] = useState<Place>();
  const [drop, setDrop] = useState<Place>();
  const [activeNote, setActiveNote] = useState<number>();
  const [showPicker, setShowPicker] = useState(true);
  const stack = useMemo(() => new UndoStack(), []);
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  useEffect(() => stack.subscribe(rerender), [stack]);
  const refreshList = useRef<number | undefined>(undefined);

  const show = useCallback(
    (b: Briefing) => {
      setBriefing(b);
      window.clearTimeout(refreshList.current);
      refreshList.current = window.setTimeout(() => void app.refresh(), 800);
    },
    [app],
  );
  const cmds = useMemo(() => briefingCommands(briefingId, show), [briefingId, show]);
  const sectionCmds = useMemo(() => sectionCommands(briefingId, show), [briefingId, show]);

  const exec = useCallback(
    (cmd: Command, leaving = false) =>
      app.track(leaving ? stack.executeBeforeLeaving(cmd) : stack.execute(cmd)).catch((e: unknown) => {
        app.notify(errorMessage(e), 'error');
      }),
    [app, stack],
  );
  const record = useCallback((cmd: Command) => stack.record(cmd), [stack]);

  // ---- Loading ----
  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const b = await call('briefings:get', briefingId);
        if (!live) return;
        setBriefing(b);
        // The native menu's Recent Briefings list; the shell reads the title from the library itself.
        if (hasShell()) void shellCall('recent:briefingOpened', b.id).catch(() => undefined);
        const [t, s] = await Promise.all([call('templates:get', b.templateId).catch(() => undefined), call('styles:list').catch(() => [] as StyleSummary[])]);
        if (!live) return;
        setTemplate(t);
        setStyles(s);
      } catch (e) {
        if (live) setLoadError(errorMessage(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [briefingId]);

  // The library changed under the window (opened, switched, restored): read the briefing again.
  // The undo history stays only if the briefing is exactly as it was (e.g. after a backup).
  const current = useLatest(briefing);
  const mountEpoch = useRef(app.libraryEpoch);
  const { libraryEpoch, navigate, notify } = app;
  useEffect(() => {
    if (libraryEpoch === mountEpoch.current) return;
    let live = true;
    call('briefings:get', briefingId).then(
      (b) => {
        if (!live || JSON.stringify(b) === JSON.stringify(current.current)) return;
        stack.clear();
        setBriefing(b);
      },
      (e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.code === 'not_found') {
          notify(`“${current.current?.title ?? 'The briefing'}” is not in this library.`);
          navigate({ name: 'library' });
        } else notify(`Could not read the briefing again: ${errorMessage(e)}`, 'error');
      },
    );
    return () => {
      live = false;
    };
  }, [libraryEpoch, briefingId, current, stack, navigate, notify]);

  // Facts cited: fetched once each, all read again when the library changes (dataVersion). The
  // chips keep the facts they show until the new ones arrive.
  const factIds = useMemo(() => [...new Set(briefing?.sections.flatMap((s) => s.items.flatMap((i) => (i.kind === 'fact' ? [i.factId] : []))) ?? [])], [briefing]);
  const factKey = factIds.join(',');
  const factsRead = useRef(app.dataVersion);
  useEffect(() => {
    let live = true;
    const version = app.dataVersion;
    const stale = factsRead.current !== version;
    const wanted = stale ? factIds : factIds.filter((id) => !facts.has(id));
    if (wanted.length === 0) return;
    Promise.all(wanted.map((id) => call('facts:get', id).catch(() => undefined))).then((got) => {
      if (!live) return;
      factsRead.current = version;
      setFacts((m) => {
        const next = new Map(stale ? undefined : m);
        got.forEach((d) => d && next.set(d.fact.id, d));
        return next;
      });
    });
    return () => {
      live = false;
    };
  }, [factKey, app.dataVersion]); // eslint-disable-line react-hooks/exhaustive-deps

  // ---- Live preview ----
  const debouncedBriefing = useDebounced(briefing, 250);
  const previewSeq = useRef(0);
  useEffect(() => {
    if (!debouncedBriefing) return;
    const seq = ++previewSeq.current;
    const source: PreviewSource = { briefing: debouncedBriefing, dataVersion: app.dataVersion };
    const order = debouncedBriefing.sections.flatMap((s) => s.items.filter((i) => i.kind === 'fact').map((i) => i.id));
    call('briefings:preview', briefingId, {})
      .then((preview) => {
        if (seq !== previewSeq.current) return;
        setPv({ preview, order });
        setPreviewError(undefined);
        setPreviewOf(source);
      })
      .catch((e: unknown) => {
        if (seq !== previewSeq.current) return;
        setPreviewError(errorMessage(e));
        setPreviewOf(source);
      });
  }, [debouncedBriefing, briefingId, app.dataVersion]);
  // Every edit shows the briefing the core returned (a new object), so identity says "newer".
  const previewBusy = !!briefing && (previewOf?.briefing !== briefing || previewOf.dataVersion !== app.dataVersion);

  // A menu command for this editor, once there is a briefing to act on.
  useEffect(() => {
    if (!request || !briefing) return;
    if (request.action === 'export') setExporting(true);
    else if (request.action === 'switch') setSwitcher(true);
    else return;
    onRequestTaken?.(request.seq);
  }, [request, briefing, onRequestTaken]);

  const citations = useMemo(() => {
    const m = new Map<string, Inline>();
    if (!pv) return m;
    const inl = pv.preview.doc.sections.flatMap((s) => s.blocks.flatMap((b) => b.inlines.filter((i) => i.type !== 'text')));
    pv.order.forEach((id, k) => inl[k] && m.set(id, inl[k]!));
    return m;
  }, [pv]);

  // ---- Default insertion point: the first bulleted section, else the first ----
  const defaultPlace = useCallback((): Place | undefined => {
    if (!briefing) return undefined;
    const bullets = briefing.sections.find((s) => template?.sections.find((t) => t.key === s.key)?.layout === 'bullets');
    const s = bullets ?? briefing.sections[0];
    return s ? { section: s.id, index: s.items.length } : undefined;
  }, [briefing, template]);

  const insertFacts = useCallback(
    (factIdsToAdd: string[], at?: Place) => {
      const place = at ?? insertAt ?? defaultPlace();
      if (!place || !briefing) return;
      const section = briefing.sections.find((s) => s.id === place.section);
      const index = Math.min(place.index, section?.items.length ?? 0);
      void exec(cmds.add(factIdsToAdd.map((factId) => ({ kind: 'fact', factId })), { section: place.section, index })).then(() => {
        setInsertAt({ section: place.section, index: index + factIdsToAdd.length });
      });
    },
    [briefing, cmds, defaultPlace, exec, insertAt],
  );

  const addProse = (section: BriefingSection) => {
    const at = { section: section.id, index: section.items.length };
    void exec(cmds.add([{ kind: 'prose', text: '' }], at, 'Add text')).then(() => {
      window.setTimeout(() => {
        const el = document.querySelector<HTMLElement>(`[data-section-id="${section.id}"] .section-items > :last-child .ProseMirror`);
        el?.focus();
      }, 50);
    });
  };

  const focusItem = (id: string) =>
    window.setTimeout(() => {
      const el = document.querySelector<HTMLElement>(`[data-item-id="${stack.ctx.id(id)}"]`);
      if (el && !el.contains(document.activeElement)) el.focus();
    }, 30);

  const moveBy = (item: BriefingItem, delta: -1 | 1) => {
    if (!briefing) return;
    const from = findItem(briefing, item.id);
    if (!from) return;
    const sIdx = briefing.sections.findIndex((s) => s.id === from.section);
    const section = briefing.sections[sIdx]!;
    let to: Place;
    if (delta < 0 && from.index === 0) {
      const prev = briefing.sections[sIdx - 1];
      if (!prev) return;
      to = { section: prev.id, index: prev.items.length };
    } else if (delta > 0 && from.index === section.items.length - 1) {
      const next = briefing.sections[sIdx + 1];
      if (!next) return;
      to = { section: next.id, index: 0 };
    } else to = { section: from.section, index: from.index + delta };
    void exec(cmds.move(item.id, { section: from.section, index: from.index }, to)).then(() => focusItem(item.id));
  };

  const remove = (item: BriefingItem) => {
    if (!briefing) return;
    const from = findItem(briefing, item.id);
    if (!from) return;
    const section = briefing.sections.find((s) => s.id === from.section)!;
    const neighbour = section.items[from.index + 1] ?? section.items[from.index - 1];
    void exec(cmds.remove(item.id, { section: from.section, index: from.index }, itemInput(item))).then(() => {
      if (neighbour) focusItem(neighbour.id);
    });
  };

  // ---- Sections: add, rename, move, remove (all undoable) ----
  const focusSection = (id: string) =>
    window.setTimeout(() => document.querySelector<HTMLElement>(`[data-section-id="${stack.ctx.id(id)}"] .ed-section-title`)?.focus(), 30);

  const addSection = async (heading: string, index: number, key?: string) => {
    const cmd = sectionCmds.add(heading.trim(), index, key);
    await app.track(stack.execute(cmd));
    focusSection(cmd.sectionId);
  };

  // A section moved while its heading has focus: React moves DOM nodes to reorder, which can
  // drop the focus to <body>; put it back in the same commit, before the next key press lands.
  const keepFocus = useRef<{ id: string; pending: number }>(undefined);
  useLayoutEffect(() => {
    const k = keepFocus.current;
    const active = document.activeElement;
    if (!k || (active && active !== document.body)) return;
    document.querySelector<HTMLElement>(`[data-section-id="${stack.ctx.id(k.id)}"] .ed-section-title`)?.focus();
  }, [briefing, stack]);

  const moveSection = (section: BriefingSection, delta: -1 | 1) => {
    const k = keepFocus.current?.id === section.id ? keepFocus.current : (keepFocus.current = { id: section.id, pending: 0 });
    k.pending++;
    void exec(sectionCmds.moveBy(section.id, delta)).finally(() => {
      if (--k.pending > 0) return;
      if (keepFocus.current === k) keepFocus.current = undefined;
      focusSection(section.id);
    });
  };

  const renameSection = async (section: BriefingSection, heading: string) => {
    await app.track(stack.execute(sectionCmds.rename(section.id, section.heading, heading.trim())));
  };

  const removeSection = (section: BriefingSection) => {
    if (!briefing) return;
    const index = briefing.sections.findIndex((s) => s.id === section.id);
    const neighbour = briefing.sections[index + 1] ?? briefing.sections[index - 1];
    void exec(sectionCmds.remove(section, index)).then(() => {
      if (neighbour) focusSection(neighbour.id);
    });
  };

  // ---- Keyboard: undo/redo, palette, export ----
  const onKeyRef = useRef<(e: KeyboardEvent) => void>(() => undefined);
  onKeyRef.current = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    if (!mod) return;
    const key = e.key.toLowerCase();
    const t = e.target as HTMLElement | null;
    const editing = !!t && (t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT');
    if (key === 'k' && !e.shiftKey) {
      e.preventDefault();
      setPalette(true);
    } else if (key === 'e' && !e.shiftKey) {
      e.preventDefault();
      setExporting(true);
    } else if (key === 'o' && !e.shiftKey && !e.altKey) {
      e.preventDefault();
      setSwitcher(true);
    } else if ((key === 'z' || key === 'y') && !editing && !e.defaultPrevented) {
      e.preventDefault();
      const redo = key === 'y' || e.shiftKey;
      void app.track(redo ? stack.redo() : stack.undo()).catch((err: unknown) => app.notify(errorMessage(err), 'error'));
    }
  };
  useEffect(() => {
    const h = (e: KeyboardEvent) => onKeyRef.current(e);
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, []);

  // ---- Drag and drop into sections ----
  const dropIndex = (e: DragEvent, section: BriefingSection): number => {
    const list = (e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>(':scope > .section-items > [data-item-id]');
    for (let i = 0; i < list.length; i++) {
      const r = list[i]!.getBoundingClientRect();
      if (e.clientY < r.top + r.height / 2) return i;
    }
    return section.items.length;
  };
  const onDragOver = (e: DragEvent, section: BriefingSection) => {
    const types = e.dataTransfer.types;
    if (!types.includes(FACT_DRAG_TYPE) && !types.includes(ITEM_DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = types.includes(ITEM_DRAG_TYPE) ? 'move' : 'copy';
    const index = dropIndex(e, section);
    if (drop?.section !== section.id || drop.index !== index) setDrop({ section: section.id, index });
  };
  const onDrop = (e: DragEvent, section: BriefingSection) => {
    e.preventDefault();
    setDrop(undefined);
    if (!briefing) return;
    const index = dropIndex(e, section);
    const factId = e.dataTransfer.getData(FACT_DRAG_TYPE);
    const itemId = e.dataTransfer.getData(ITEM_DRAG_TYPE);
    if (factId) insertFacts([factId], { section: section.id, index });
    else if (itemId) {
      const from = findItem(briefing, itemId);
      if (!from) return;
      const to = { section: section.id, index: from.section === section.id && from.index < index ? index - 1 : index };
      if (to.section === from.section && to.index === from.index) return;
      void exec(cmds.move(itemId, { section: from.section, index: from.index }, to));
    }
  };

  // ---- Briefing-level edits (title, fields, settings) ----
  const updateBriefing = (before: BriefingPatch, after: BriefingPatch, label: string, leaving?: boolean) => exec(cmds.update(before, after, label), leaving);

  if (loadError) {
    return (
      <div className="empty-state">
        <h1>Briefing not available</h1>
        <p>{loadError}</p>
      </div>
    );
  }
  if (!briefing) return <div className="empty-state muted">Opening briefing…</div>;

  const warnings = pv?.preview.warnings ?? [];
  const sectionDef = (key: string): TemplateSection | undefined => template?.sections.find((t) => t.key === key);
  const isNoteStyle = pv?.preview.isNoteStyle ?? true;
  const paletteSection = insertAt?.section ?? defaultPlace()?.section ?? briefing.sections[0]?.id ?? '';

  return (
    <div className={`briefing${showPicker ? '' : ' no-picker'}`}>
      <header className="toolbar briefing-toolbar">
        <span className="doc-type">{template?.name ?? briefing.templateId}</span>
        <DraftInput
          className="title-input"
          label="Briefing title"
          value={briefing.title}
          onSave={(v, before, leaving) => updateBriefing({ title: before }, { title: v }, 'Edit title', leaving)}
        />
        <button type="button" className="icon-button" aria-label={stack.undoLabel ? `Undo ${stack.undoLabel} (Ctrl+Z)` : 'Undo (Ctrl+Z)'} title={stack.undoLabel ? `Undo ${stack.undoLabel} (Ctrl+Z)` : 'Nothing to undo'} disabled={!stack.canUndo} onClick={() => void app.track(stack.undo()).catch((e: unknown) => app.notify(errorMessage(e), 'error'))}>
          <Icon name="undo" />
        </button>
        <button type="button" className="icon-button" aria-label={stack.redoLabel ? `Redo ${stack.redoLabel} (Ctrl+Shift+Z)` : 'Redo (Ctrl+Shift+Z)'} title={stack.redoLabel ? `Redo ${stack.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'} disabled={!stack.canRedo} onClick={() => void app.track(stack.redo()).catch((e: unknown) => app.notify(errorMessage(e), 'error'))}>
          <Icon name="redo" />
        </button>
        <button type="button" className="button" aria-pressed={showPicker} onClick={() => setShowPicker(!showPicker)} title="Show or hide the fact list">
          <Icon name="library" /> Facts
        </button>
        <button type="button" className="button" onClick={() => setPalette(true)} title="Insert a fact (Ctrl+K)">
          <Icon name="plus" /> Insert fact <kbd>Ctrl+K</kbd>
        </button>
        <button type="button" className="button" onClick={() => setSwitcher(true)} title="Open another briefing (Ctrl+O)">
          <Icon name="doc" /> Open… <kbd>Ctrl+O</kbd>
        </button>
        <div className="popover-anchor">
          <button type="button" className="button primary" aria-expanded={exporting} onClick={() => setExporting(!exporting)} title="Export (Ctrl+E)">
            <Icon name="export" /> Export
          </button>
          {exporting && <ExportPanel briefing={briefing} onClose={() => setExporting(false)} />}
        </div>
      </header>

      <div className="briefing-grid">
        {showPicker && <FactPicker onInsert={(id) => insertFacts([id])} />}

        <section className="editor" aria-label="Briefing editor">
          <div className="editor-scroll">
            <DocumentSettings briefing={briefing} styles={styles} isNoteStyle={isNoteStyle} onChange={(before, after, label) => void updateBriefing(before, after, label)} />
            <HeaderFields briefing={briefing} template={template} onSave={(key, v, before, leaving) => updateBriefing({ fields: { [key]: before } }, { fields: { [key]: v } }, `Edit ${key}`, leaving)} />

            {briefing.sections.map((section, sIndex) => {
              const def = sectionDef(section.key);
              return (
                <section
                  key={section.id}
                  className={`ed-section${drop?.section === section.id ? ' is-drop' : ''}`}
                  data-section-id={section.id}
                  data-section-key={section.key}
                  aria-label={`Section ${section.heading}`}
                  onDragOver={(e) => onDragOver(e, section)}
                  onDragLeave={(e) => {
                    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDrop(undefined);
                  }}
                  onDrop={(e) => onDrop(e, section)}
                  onFocus={(e) => {
                    if (e.target === e.currentTarget) setInsertAt({ section: section.id, index: section.items.length });
                  }}
                >
                  <SectionHead
                    section={section}
                    index={sIndex}
                    count={briefing.sections.length}
                    def={def}
                    renamable={!template || !def}
                    onMove={(d) => moveSection(section, d)}
                    onRename={(h) => renameSection(section, h)}
                    onRemove={() => removeSection(section)}
                  />
                  {def?.guidance && <p className="guidance">{def.guidance}</p>}
                  <div className="section-items">
                    {section.items.map((item, index) => (
                      <ItemRow
                        key={item.id}
                        item={item}
                        index={index}
                        section={section}
                        fact={item.kind === 'fact' ? facts.get(item.factId) : undefined}
                        citation={citations.get(item.id)}
                        dropBefore={drop?.section === section.id && drop.index === index}
                        onFocus={() => setInsertAt({ section: section.id, index: index + 1 })}
                        onMove={(d) => moveBy(item, d)}
                        onRemove={() => remove(item)}
                        onNote={(n) => {
                          setTab('preview');
                          setActiveNote(n);
                          window.setTimeout(() => document.querySelector(`[data-note-ref="${n}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' }), 30);
                        }}
                        onProseSave={(text, before) => {
                          void app
                            .track(call('briefings:updateItem', briefingId, stack.ctx.id(item.id), { text }))
                            .then((b) => {
                              show(b);
                              record(cmds.updateItem(item.id, { text: before }, { text }, 'Edit text'));
                            })
                            .catch((e: unknown) => app.notify(`Text not saved: ${errorMessage(e)}`, 'error'));
                        }}
                        onItemPatch={(before, after, label, leaving) => exec(cmds.updateItem(item.id, before, after, label), leaving)}
                      />
                    ))}
                    {drop?.section === section.id && drop.index === section.items.length && <div className="drop-line" aria-hidden="true" />}
                    {section.items.length === 0 && <div className="section-empty">Drop facts here, press Ctrl+K, or add text.</div>}
                  </div>
                  <div className="section-actions">
                    <button type="button" className="button link small" onClick={() => addProse(section)}>
                      <Icon name="text" /> Add text
                    </button>
                    <button
                      type="button"
                      className="button link small"
                      onClick={() => {
                        setInsertAt({ section: section.id, index: section.items.length });
                        setPalette(true);
                      }}
                    >
                      <Icon name="plus" /> Insert fact
                    </button>
                  </div>
                </section>
              );
            })}
            <AddSection sections={briefing.sections} missing={(template?.sections ?? []).filter((t) => !briefing.sections.some((s) => s.key === t.key))} onAdd={addSection} />
            <BriefingDanger briefing={briefing} />
          </div>
        </section>

        <section className="preview-pane" aria-label="Preview and checks">
          <div className="tabs" role="tablist" aria-label="Preview and checks">
            <button type="button" role="tab" id="tab-preview" aria-selected={tab === 'preview'} aria-controls="panel-preview" className="tab" onClick={() => setTab('preview')}>
              Preview
            </button>
            <button type="button" role="tab" id="tab-checks" aria-selected={tab === 'checks'} aria-controls="panel-checks" className="tab" onClick={() => setTab('checks')}>
              Checks {warnings.length > 0 && <span className="badge warn">{warnings.length}</span>}
            </button>
            <span className="toolbar-spacer" />
            {pv && <span className="muted small line-1 style-name" title={styles.find((s) => s.id === pv.preview.styleId)?.title ?? pv.preview.styleId}>{styles.find((s) => s.id === pv.preview.styleId)?.title ?? pv.preview.styleId}</span>}
          </div>
          {tab === 'preview' ? (
            <div className="preview-scroll" role="tabpanel" id="panel-preview" aria-labelledby="tab-preview" aria-busy={previewBusy} data-testid="preview">
              {previewError && <p className="error-text">{previewError}</p>}
              {pv ? <Preview doc={pv.preview.doc} template={template} activeNote={activeNote} onNoteClick={setActiveNote} /> : !previewError && <p className="muted list-empty">Preparing preview…</p>}
            </div>
          ) : (
            <div className="checks" role="tabpanel" id="panel-checks" aria-labelledby="tab-checks" aria-busy={previewBusy}>
              {warnings.length === 0 ? (
                <p className="checks-ok">
                  <Icon name="check" /> No problems found.
                </p>
              ) : (
                <ul className="warning-list">
                  {warnings.map((w, i) => (
                    <li key={i} className={`warning warning-${w.code}`}>
                      <Icon name="warning" />
                      <div>
                        <div>{w.message}</div>
                        {(w.factId || w.section) && (
                          <button
                            type="button"
                            className="button link small"
                            onClick={() => {
                              const el = w.factId
                                ? document.querySelector<HTMLElement>(`[data-fact-item="${w.factId}"]`)
                                : document.querySelector<HTMLElement>(`[data-section-key="${w.section}"]`);
                              el?.scrollIntoView({ block: 'center' });
                              if (w.factId) el?.focus();
                            }}
                          >
                            Show in briefing
                          </button>
                        )}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </section>
      </div>

      {switcher && <BriefingSwitcher currentId={briefing.id} onClose={() => setSwitcher(false)} />}
      {palette && (
        <Palette
          sections={briefing.sections}
          section={paletteSection}
          onSection={(id) => setInsertAt({ section: id, index: briefing.sections.find((s) => s.id === id)?.items.length ?? 0 })}
          onInsert={(hit: FactHit) => insertFacts([hit.fact.id], insertAt?.section === paletteSection ? insertAt : { section: paletteSection, index: briefing.sections.find((s) => s.id === paletteSection)?.items.length ?? 0 })}
          onClose={() => setPalette(false)}
        />
      )}
    </div>
  );
}

// ---------- Pieces ----------

/** A text input that saves after typing pauses and on blur, reporting the value before the edit. */
/** `onSave`'s `leaving`: the page is going away (pagehide, beforeunload), so the save must go out at once. */
function DraftInput({ value, onSave, label, className, placeholder, id }: { value: string; onSave(v: string, before: string, leaving: boolean): unknown; label: string; className?: string; placeholder?: string | undefined; id?: string }) {
  const [draft, setDraft] = useState(value);
  const focused = useRef(false);
  const saved = useRef(value);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!focused.current && timer.current === undefined) {
      setDraft(value);
      saved.current = value;
    }
  }, [value]);
  const flush = (v: string, leaving = false) => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    if (v !== saved.current) {
      const before = saved.current;
      saved.current = v;
      onSave(v, before, leaving);
    }
  };
  const latest = useRef({ draft, flush });
  latest.current = { draft, flush };
  useEffect(() => {
    const onHide = () => latest.current.flush(latest.current.draft, true);
    window.addEventListener('pagehide', onHide);
    window.addEventListener('beforeunload', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onHide);
      if (timer.current !== undefined) onHide();
    };
  }, []);
  return (
    <input
      id={id}
      className={className}
      aria-label={label}
      placeholder={placeholder}
      value={draft}
      onFocus={() => (focused.current = true)}
      onChange={(e) => {
        const v = e.target.value;
        setDraft(v);
        window.clearTimeout(timer.current);
        timer.current = window.setTimeout(() => flush(v), TYPING_DELAY);
      }}
      onBlur={() => {
        focused.current = false;
        flush(draft);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') flush(draft);
      }}
    />
  );
}

function DocumentSettings({ briefing, styles, isNoteStyle, onChange }: { briefing: Briefing; styles: StyleSummary[]; isNoteStyle: boolean; onChange(before: BriefingPatch, after: BriefingPatch, label: string): void }) {
  const app = useApp();
  const levels = app.info?.markingScheme.levels ?? [];
  return (
    <details className="doc-settings">
      <summary>
        <span>Document settings</span>
        <span className="settings-summary">
          {styles.find((s) => s.id === briefing.styleId)?.title ?? 'Template citation style'} · {isNoteStyle ? (briefing.notePlacement ?? 'template notes') : 'in-text citations'} ·{' '}
          {briefing.marking ? `marked at least ${briefing.marking}` : 'marking from facts'}
          {briefing.portionMarks ? ' · portion marks' : ''}
        </span>
      </summary>
      <div className="settings-grid">
        <label>
          <span>Citation style</span>
          <select value={briefing.styleId ?? ''} onChange={(e) => onChange({ styleId: briefing.styleId ?? '' }, { styleId: e.target.value }, 'Change citation style')}>
            <option value="">Template default</option>
            {styles.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Notes</span>
          <select
            value={briefing.notePlacement ?? ''}
            disabled={!isNoteStyle}
            title={isNoteStyle ? undefined : 'This style cites in the text'}
            onChange={(e) => e.target.value && onChange({ notePlacement: briefing.notePlacement ?? 'footnotes' }, { notePlacement: e.target.value }, 'Change note placement')}
          >
            {!briefing.notePlacement && <option value="">Template default</option>}
            <option value="footnotes">Footnotes</option>
            <option value="endnotes">Endnotes</option>
          </select>
        </label>
        <label>
          <span>Handling marking</span>
          <select value={briefing.marking ?? ''} onChange={(e) => onChange({ marking: briefing.marking ?? '' }, { marking: e.target.value }, 'Change marking')}>
            <option value="">From the facts cited</option>
            {levels.map((l) => (
              <option key={l.id} value={l.id}>
                At least {l.banner}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={briefing.portionMarks} onChange={(e) => onChange({ portionMarks: briefing.portionMarks }, { portionMarks: e.target.checked }, 'Toggle portion marks')} /> Portion marks
        </label>
        <label className="check">
          <input type="checkbox" checked={briefing.derivedFrom} onChange={(e) => onChange({ derivedFrom: briefing.derivedFrom }, { derivedFrom: e.target.checked }, 'Toggle “Derived from”')} /> “Derived from” block
        </label>
      </div>
    </details>
  );
}

function HeaderFields({ briefing, template, onSave }: { briefing: Briefing; template: Template | undefined; onSave(key: string, value: string, before: string, leaving: boolean): unknown }) {
  const fields: { key: string; label: string; placeholder?: string | undefined; required?: boolean }[] = [...(template?.headerFields ?? [])];
  if (template?.showDate ?? true) fields.push({ key: 'date', label: 'DATE', placeholder: 'Today’s date when empty' });
  if (template?.decision?.decideBy) fields.push({ key: 'decideBy', label: template.decision.decideByLabel.toUpperCase(), placeholder: 'e.g. 02/14/25' });
  if (template?.closing.attachments) fields.push({ key: 'attachments', label: template.closing.attachments.label.toUpperCase(), placeholder: template.closing.attachments.default ?? '' });
  if (template?.closing.preparedBy) fields.push({ key: 'preparedBy', label: template.closing.preparedBy.label.toUpperCase(), placeholder: 'Name, office, phone' });
  if (!template) for (const k of Object.keys(briefing.fields)) fields.push({ key: k, label: k.toUpperCase() });
  return (
    <section className="header-fields" aria-label="Memo header">
      {fields.map((f) => (
        <div key={f.key} className="hf-row">
          <label htmlFor={`hf-${f.key}`}>
            {f.label}
            {f.required && <span className="required" aria-label="required"> *</span>}
          </label>
          <DraftInput id={`hf-${f.key}`} label={f.label} value={briefing.fields[f.key] ?? ''} placeholder={f.key === 'subject' ? briefing.title : f.placeholder} onSave={(v, before, leaving) => onSave(f.key, v, before, leaving)} />
        </div>
      ))}
    </section>
  );
}

interface ItemRowProps {
  item: BriefingItem;
  index: number;
  section: BriefingSection;
  fact: FactDetail | undefined;
  citation: Inline | undefined;
  dropBefore: boolean;
  onFocus(): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
  onNote(n: number): void;
  onProseSave(text: string, before: string): void;
  /** `leaving`: the page is going away, the patch must be sent at once (UndoStack.executeBeforeLeaving). */
  onItemPatch(before: Record<string, unknown>, after: Record<string, unknown>, label: string, leaving?: boolean): unknown;
}

function ItemRow(p: ItemRowProps) {
  const { item } = p;
  const [details, setDetails] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const lastText = useRef(item.kind === 'prose' ? item.text : '');
  if (item.kind === 'prose' && document.activeElement && !ref.current?.contains(document.activeElement)) lastText.current = item.text;

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      e.stopPropagation();
      p.onMove(e.key === 'ArrowUp' ? -1 : 1);
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && e.target === e.currentTarget) {
      e.preventDefault();
      p.onRemove();
    } else if (e.key === 'ArrowDown' && e.target === e.currentTarget) {
      e.preventDefault();
      (e.currentTarget.nextElementSibling as HTMLElement | null)?.focus();
    } else if (e.key === 'ArrowUp' && e.target === e.currentTarget) {
      e.preventDefault();
      (e.currentTarget.previousElementSibling as HTMLElement | null)?.focus();
    } else if (e.key === 'Enter' && e.target === e.currentTarget && item.kind === 'prose') {
      e.preventDefault();
      ref.current?.querySelector<HTMLElement>('.ProseMirror')?.focus();
    }
  };

  const note = p.citation?.type === 'note' ? p.citation.noteNumber : undefined;
  const label = item.kind === 'fact' ? `Fact ${note !== undefined ? `note ${note}` : ''}: ${p.fact?.fact.text.slice(0, 80) ?? ''}` : `Text in ${p.section.heading}`;

  return (
    <div
      ref={ref}
      className={`ed-item ed-item-${item.kind}${p.dropBefore ? ' drop-before' : ''}`}
      data-item-id={item.id}
      {...(item.kind === 'fact' ? { 'data-fact-item': item.factId } : {})}
      tabIndex={0}
      role="group"
      aria-label={label}
      aria-roledescription="briefing item"
      onKeyDown={onKeyDown}
      onFocus={p.onFocus}
    >
      <span
        className="drag-handle"
        draggable
        title="Drag to move · Alt+↑/↓"
        aria-hidden="true"
        onDragStart={(e) => {
          e.dataTransfer.setData(ITEM_DRAG_TYPE, item.id);
          e.dataTransfer.effectAllowed = 'move';
          if (ref.current) e.dataTransfer.setDragImage(ref.current, 12, 12);
        }}
      >
        <Icon name="grip" />
      </span>
      <div className="ed-item-body">
        {item.kind === 'prose' ? (
          <ProseEditor
            value={item.text}
            label={`Text in ${p.section.heading}`}
            placeholder="Write here…"
            onSave={(md) => {
              const before = lastText.current;
              lastText.current = md;
              p.onProseSave(md, before);
            }}
          />
        ) : (
          <FactChip item={item} fact={p.fact} citation={p.citation} onNote={p.onNote} details={details} onItemPatch={p.onItemPatch} />
        )}
      </div>
      <div className="ed-item-actions">
        {item.kind === 'fact' && (
          <button type="button" className="icon-button" aria-label="Lead-in and locator" aria-expanded={details} title="Lead-in and locator" onClick={() => setDetails(!details)}>
            <Icon name="note" />
          </button>
        )}
        <button type="button" className="icon-button" aria-label="Move up (Alt+Up)" title="Move up (Alt+↑)" onClick={() => p.onMove(-1)}>
          <Icon name="chevron-up" />
        </button>
        <button type="button" className="icon-button" aria-label="Move down (Alt+Down)" title="Move down (Alt+↓)" onClick={() => p.onMove(1)}>
          <Icon name="chevron-down" />
        </button>
        <button type="button" className="icon-button" aria-label="Remove item (Delete)" title="Remove (Delete)" onClick={p.onRemove}>
          <Icon name="trash" />
        </button>
      </div>
    </div>
  );
}

function FactChip({ item, fact, citation, onNote, details, onItemPatch }: { item: FactItem; fact: FactDetail | undefined; citation: Inline | undefined; onNote(n: number): void; details: boolean; onItemPatch: ItemRowProps['onItemPatch'] }) {
  const locator = item.locator ?? fact?.fact.locator;
  return (
    <div className="fact-chip">
      <div className="fact-chip-text">
        {item.lead && <strong className="lead">{item.lead} </strong>}
        {fact ? fact.fact.text : <span className="muted">Loading fact…</span>}
        {citation?.type === 'note' && (
          <button type="button" className="note-ref" aria-label={`Note ${citation.noteNumber}: show in preview`} onClick={() => onNote(citation.noteNumber)} tabIndex={-1}>
            {citation.noteNumber}
          </button>
        )}
      </div>
      {fact && (
        <div className="fact-chip-meta">
          <GradeBadge reliability={fact.source.reliability} credibility={fact.fact.credibility} />
          <span className="line-1">
            {fact.source.title}
            {shortCitation(fact.source) ? ` — ${shortCitation(fact.source)}` : ''}
            {locator ? ` · ${locator.label} ${locator.value}` : ''}
            {fact.fact.eventDate ? ` · event ${formatPartialDate(fact.fact.eventDate)}` : ''}
          </span>
          {!fact.fact.verifiedAt && <span className="unverified-tag">Unverified</span>}
        </div>
      )}
      {details && (
        <div className="fact-chip-details">
          <label>
            <span>Lead-in</span>
            <DraftInput label="Lead-in" value={item.lead ?? ''} placeholder="Bold topic before the fact" onSave={(v, before, leaving) => onItemPatch({ lead: before }, { lead: v }, 'Edit lead-in', leaving)} />
          </label>
          <label>
            <span>Locator for this use</span>
            <DraftInput
              label="Locator for this use"
              value={item.locator ? `${item.locator.label} ${item.locator.value}` : ''}
              placeholder={fact?.fact.locator ? `${fact.fact.locator.label} ${fact.fact.locator.value} (from the fact)` : 'e.g. page 14'}
              onSave={(v, _before, leaving) => {
                const m = /^\s*([a-z]+)\s+(.+?)\s*$/i.exec(v);
                const next = v.trim() === '' ? null : m ? { label: m[1]!.toLowerCase(), value: m[2]! } : { label: 'page', value: v.trim() };
                return onItemPatch({ locator: item.locator ?? null }, { locator: next }, 'Edit locator', leaving);
              }}
            />
          </label>
        </div>
      )}
    </div>
  );
}

/** The compact library on the left of the editor: search, then drag a fact into a section or press Enter. */
function FactPicker({ onInsert }: { onInsert(factId: string): void }) {
  const app = useApp();
  const [text, setText] = useState('');
  const q = useDebounced(text, 180);
  const query = useMemo(() => (q.trim() ? { text: q, prefixLast: true } : {}), [q]);
  const search = usePagedSearch(query, app.dataVersion);
  const [active, setActive] = useState(0);
  return (
    <aside className="picker" aria-label="Facts to insert">
      <div className="picker-head">
        <div className="search-field small">
          <Icon name="search" />
          <input type="search" aria-label="Search facts to insert" placeholder="Search facts…" value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'ArrowDown' && document.getElementById('picker-list')?.focus()} />
        </div>
        <div className="muted small picker-hint">Drag into a section, or Enter to insert</div>
      </div>
      <FactList
        id="picker-list"
        label="Facts to insert"
        variant="compact"
        search={search}
        sourceMap={app.sourceMap}
        activeIndex={active}
        onActiveIndex={setActive}
        onActivate={(hit) => onInsert(hit.fact.id)}
        draggable
        empty="No facts match."
      />
    </aside>
  );
}

function BriefingDanger({ briefing }: { briefing: Briefing }) {
  const app = useApp();
  const [confirm, setConfirm] = useState(false);
  return (
    <div className="danger-zone briefing-danger">
      {confirm ? (
        <div className="confirm-row">
          <span>Delete “{briefing.title}”? The facts stay in the library.</span>
          <button
            type="button"
            className="button danger"
            onClick={async () => {
              try {
                await app.track(call('briefings:remove', briefing.id));
                await app.refresh();
                app.navigate({ name: 'library' });
                app.notify('Briefing deleted');
              } catch (e) {
                app.notify(errorMessage(e), 'error');
              }
            }}
          >
            Delete briefing
          </button>
          <button type="button" className="button" onClick={() => setConfirm(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="button link danger-link small" onClick={() => setConfirm(true)}>
          <Icon name="trash" /> Delete briefing…
        </button>
      )}
    </div>
  );
}

export type { ItemInput };
