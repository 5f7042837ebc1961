import { useEffect, useMemo, useRef, useState } from 'react';
import type { Briefing } from '../../../core/model';
import type { FactHit } from '../../../api/contract';
import { call, errorMessage } from '../api';
import type { ViewRequest } from '../shell/menu-command';
import { useApp } from '../state';
import { AddSection } from './AddSection';
import { BriefingDanger } from './BriefingDanger';
import { BriefingSwitcher } from './BriefingSwitcher';
import { BriefingToolbar } from './BriefingToolbar';
import type { CiteLookup } from './citation/lookup';
import type { ProseHandle } from './citation/prose-handle';
import type { BriefingPatch, Place } from './commands';
import { DocumentSettings } from './DocumentSettings';
import { EditorSection } from './EditorSection';
import { FactPicker } from './FactPicker';
import { HeaderFields } from './HeaderFields';
import { Palette } from './Palette';
import { MarkingBlockFields } from './MarkingBlockFields';
import { type PaneTab, PreviewPane } from './PreviewPane';
import { useBriefingDocument } from './useBriefingDocument';
import { useCitedFacts } from './useCitedFacts';
import { useEditorKeys } from './useEditorKeys';
import { useFactChanges } from './useFactChanges';
import { useItemActions } from './useItemActions';
import { useLivePreview } from './useLivePreview';

/**
 * The briefing editor: toolbar, the fact list, the sections with their items, and the live
 * preview with the checks. State, facts, preview, keys and edits live in the hooks beside it.
 *
 * `request`: a menu command for this editor (File ▸ Export…, File ▸ Open Briefing…), taken
 * once the briefing has loaded and reported back through `onRequestTaken`.
 */
export function BriefingEditor({
  briefingId,
  request,
  onRequestTaken,
}: {
  briefingId: string;
  request?: ViewRequest | undefined;
  onRequestTaken?(seq: number): void;
}) {
  const app = useApp();
  const doc = useBriefingDocument(briefingId);
  const { briefing, loadError, template, styles, stack, show, cmds, exec, record } = doc;
  const facts = useCitedFacts(briefing, app.dataVersion);
  const live = useLivePreview(briefingId, briefing, app.dataVersion);
  const factChanges = useFactChanges(briefingId, briefing, app.dataVersion, show);
  const actions = useItemActions(doc, template);
  const [tab, setTab] = useState<PaneTab>('preview');
  // Ctrl+K: 'place' a fact item in a section, or 'cite' it at the cursor of the prose last focused.
  const [palette, setPalette] = useState<'place' | 'cite'>();
  const [exporting, setExporting] = useState(false);
  const [switcher, setSwitcher] = useState(false);
  const [drop, setDrop] = useState<Place>();
  const [activeNote, setActiveNote] = useState<number>();
  const [showPicker, setShowPicker] = useState(true);
  const activeProse = useRef<ProseHandle | undefined>(undefined);
  const lookup = useMemo<CiteLookup>(() => ({ clusters: live.clusters, facts }), [live.clusters, facts]);

  // A menu command for this editor, once there is a briefing to act on.
  useEffect(() => {
    if (!request || !briefing) return;
    if (request.action === 'export') setExporting(true);
    else if (request.action === 'switch') setSwitcher(true);
    else return;
    onRequestTaken?.(request.seq);
  }, [request, briefing, onRequestTaken]);

  useEditorKeys({
    palette: (inProse) => {
      const prose = inProse && activeProse.current?.alive ? activeProse.current : undefined;
      prose?.syncCaret();
      setPalette(prose ? 'cite' : 'place');
    },
    exportPanel: () => setExporting(true),
    switcher: () => setSwitcher(true),
    undo: doc.undo,
    redo: doc.redo,
  });

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

  const isNoteStyle = live.preview?.isNoteStyle ?? true;
  const { insertAt, setInsertAt } = actions;
  const paletteSection = insertAt?.section ?? actions.defaultPlace()?.section ?? briefing.sections[0]?.id ?? '';
  const sectionEnd = (id: string) => ({ section: id, index: briefing.sections.find((s) => s.id === id)?.items.length ?? 0 });

  return (
    <div className={`briefing${showPicker ? '' : ' no-picker'}`}>
      <BriefingToolbar
        briefing={briefing}
        template={template}
        stack={stack}
        showPicker={showPicker}
        exporting={exporting}
        onTitle={(v, before, leaving) => updateBriefing({ title: before }, { title: v }, 'Edit title', leaving)}
        onUndo={doc.undo}
        onRedo={doc.redo}
        onTogglePicker={() => setShowPicker(!showPicker)}
        onPalette={() => setPalette('place')}
        onSwitcher={() => setSwitcher(true)}
        onExporting={setExporting}
      />

      <div className="briefing-grid">
        {showPicker && <FactPicker onInsert={(id) => actions.insertFacts([id])} />}

        <section className="editor" aria-label="Briefing editor">
          <div className="editor-scroll">
            <DocumentSettings
              briefing={briefing}
              styles={styles}
              isNoteStyle={isNoteStyle}
              onChange={(before, after, label) => void updateBriefing(before, after, label)}
            />
            <HeaderFields
              briefing={briefing}
              template={template}
              onSave={(key, v, before, leaving) => updateBriefing({ fields: { [key]: before } }, { fields: { [key]: v } }, `Edit ${key}`, leaving)}
            />
            <MarkingBlockFields
              briefing={briefing}
              block={live.preview?.doc.markingBlock}
              onSave={(key, v, before, leaving) => updateBriefing({ fields: { [key]: before } }, { fields: { [key]: v } }, `Edit ${key}`, leaving)}
            />

            {briefing.sections.map((section, sIndex) => {
              const def = template?.sections.find((t) => t.key === section.key);
              return (
                <EditorSection
                  key={section.id}
                  section={section}
                  index={sIndex}
                  count={briefing.sections.length}
                  def={def}
                  renamable={!template || !def}
                  portionMarks={briefing.portionMarks}
                  facts={facts}
                  lookup={lookup}
                  drop={drop}
                  onDropAt={setDrop}
                  onInsertFact={(factId, at) => actions.insertFacts([factId], at)}
                  onMoveItemTo={(itemId, index) => actions.moveTo(itemId, section.id, index)}
                  onInsertAt={setInsertAt}
                  onItem={{
                    move: actions.moveBy,
                    remove: actions.remove,
                    note: (n) => {
                      setTab('preview');
                      setActiveNote(n);
                      window.setTimeout(() => document.querySelector(`[data-note-ref="${n}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' }), 30);
                    },
                    proseSave: (item, text, before, label) => {
                      void app
                        .track(call('briefings:updateItem', briefingId, stack.ctx.id(item.id), { text }))
                        .then((b: Briefing) => {
                          show(b);
                          record(cmds.updateItem(item.id, { text: before }, { text }, label));
                        })
                        .catch((e: unknown) => app.notify(`Text not saved: ${errorMessage(e)}`, 'error'));
                    },
                    proseActive: (handle) => (activeProse.current = handle),
                    patch: (item, before, after, label, leaving) => exec(cmds.updateItem(item.id, before, after, label), leaving),
                  }}
                  onSection={{
                    move: (d) => actions.moveSection(section, d),
                    rename: (h) => actions.renameSection(section, h),
                    remove: () => actions.removeSection(section),
                    addProse: () => actions.addProse(section),
                    palette: () => {
                      setInsertAt(sectionEnd(section.id));
                      setPalette('place');
                    },
                  }}
                />
              );
            })}
            <AddSection
              sections={briefing.sections}
              missing={(template?.sections ?? []).filter((t) => !briefing.sections.some((s) => s.key === t.key))}
              onAdd={actions.addSection}
            />
            <BriefingDanger briefing={briefing} />
          </div>
        </section>

        <PreviewPane
          preview={live.preview}
          error={live.error}
          busy={live.busy}
          template={template}
          styles={styles}
          tab={tab}
          onTab={setTab}
          activeNote={activeNote}
          onActiveNote={setActiveNote}
          changes={factChanges.changes}
          onAcceptChanges={() => void factChanges.accept()}
          briefing={briefing}
          onRestored={doc.replace}
        />
      </div>

      {switcher && <BriefingSwitcher currentId={briefing.id} onClose={() => setSwitcher(false)} />}
      {palette && (
        <Palette
          mode={palette}
          sections={briefing.sections}
          section={paletteSection}
          onSection={(id) => setInsertAt(sectionEnd(id))}
          onInsert={(hit: FactHit) => {
            if (palette === 'cite' && activeProse.current?.alive) activeProse.current.insertCite(hit.fact.id);
            else actions.insertFacts([hit.fact.id], insertAt?.section === paletteSection ? insertAt : sectionEnd(paletteSection));
          }}
          onClose={() => setPalette(undefined)}
        />
      )}
    </div>
  );
}
