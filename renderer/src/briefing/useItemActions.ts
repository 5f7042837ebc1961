import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { BriefingItem, BriefingSection } from '../../../core/model';
import type { Template } from '../../../api/contract';
import { useApp } from '../state';
import { findItem, itemInput, type Place } from './commands';
import type { BriefingDocument } from './useBriefingDocument';

/**
 * Item and section edits as the editor offers them (insert, add text, move, remove; sections
 * added, renamed, moved, removed), each an undoable command, with the focus put where the
 * analyst expects it afterwards.
 */
export function useItemActions(doc: BriefingDocument, template: Template | undefined) {
  const app = useApp();
  const { briefing, cmds, sectionCmds, exec, stack } = doc;
  const [insertAt, setInsertAt] = useState<Place>();

  // Default insertion point: the first bulleted section, else the first.
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
      void exec(
        cmds.add(
          factIdsToAdd.map((factId) => ({ kind: 'fact', factId })),
          { section: place.section, index },
        ),
      ).then(() => {
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
    const section = briefing.sections[sIdx];
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

  /** An item dragged to `index` of `section` (counted before it was taken out). */
  const moveTo = (itemId: string, section: string, index: number) => {
    if (!briefing) return;
    const from = findItem(briefing, itemId);
    if (!from) return;
    const to = { section, index: from.section === section && from.index < index ? index - 1 : index };
    if (to.section === from.section && to.index === from.index) return;
    void exec(cmds.move(itemId, { section: from.section, index: from.index }, to));
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

  // ---- Sections ----
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

  return { insertAt, setInsertAt, defaultPlace, insertFacts, addProse, moveBy, moveTo, remove, addSection, moveSection, renameSection, removeSection };
}
