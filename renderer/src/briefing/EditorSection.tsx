import type { DragEvent } from 'react';
import type { FactDetail, TemplateSection } from '../../../api/contract';
import type { BriefingItem, BriefingSection } from '../../../core/model';
import { FACT_DRAG_TYPE } from '../library/FactList';
import { Icon } from '../ui/Icon';
import type { CiteLookup } from './citation/lookup';
import type { ProseHandle } from './citation/prose-handle';
import type { Place } from './commands';
import type { ItemPatchHandler } from './item-patch';
import { ITEM_DRAG_TYPE, ItemRow } from './ItemRow';
import { SectionHead } from './SectionHead';

interface Props {
  section: BriefingSection;
  index: number;
  count: number;
  def: TemplateSection | undefined;
  renamable: boolean;
  portionMarks: boolean;
  facts: Map<string, FactDetail>;
  lookup: CiteLookup;
  /** Where a drag would drop, if in this section. */
  drop: Place | undefined;
  onDropAt(place: Place | undefined): void;
  onInsertFact(factId: string, at: Place): void;
  onMoveItemTo(itemId: string, index: number): void;
  onInsertAt(place: Place): void;
  onItem: {
    move(item: BriefingItem, delta: -1 | 1): void;
    remove(item: BriefingItem): void;
    note(n: number): void;
    proseSave(item: BriefingItem, text: string, before: string, label: string): void;
    proseActive(handle: ProseHandle): void;
    patch(item: BriefingItem, ...args: Parameters<ItemPatchHandler>): unknown;
  };
  onSection: { move(delta: -1 | 1): void; rename(heading: string): Promise<void>; remove(): void; addProse(): void; palette(): void };
}

/** One section of the briefing: its heading, guidance and items, and where dragged facts and items land. */
export function EditorSection(p: Props) {
  const { section } = p;
  const dropIndex = (e: DragEvent): number => {
    const list = (e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>(':scope > .section-items > [data-item-id]');
    for (let i = 0; i < list.length; i++) {
      const r = list[i].getBoundingClientRect();
      if (e.clientY < r.top + r.height / 2) return i;
    }
    return section.items.length;
  };
  const onDragOver = (e: DragEvent) => {
    const types = e.dataTransfer.types;
    if (!types.includes(FACT_DRAG_TYPE) && !types.includes(ITEM_DRAG_TYPE)) return;
    e.preventDefault();
    // A fact over prose is cited in the text (the prose shows a caret), not placed as an item.
    if (types.includes(FACT_DRAG_TYPE) && (e.target as HTMLElement).closest?.('.ProseMirror')) {
      if (p.drop) p.onDropAt(undefined);
      return;
    }
    e.dataTransfer.dropEffect = types.includes(ITEM_DRAG_TYPE) ? 'move' : 'copy';
    const index = dropIndex(e);
    if (p.drop?.section !== section.id || p.drop.index !== index) p.onDropAt({ section: section.id, index });
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    p.onDropAt(undefined);
    const index = dropIndex(e);
    const factId = e.dataTransfer.getData(FACT_DRAG_TYPE);
    const itemId = e.dataTransfer.getData(ITEM_DRAG_TYPE);
    if (factId) p.onInsertFact(factId, { section: section.id, index });
    else if (itemId) p.onMoveItemTo(itemId, index);
  };
  const dropHere = p.drop?.section === section.id ? p.drop : undefined;

  return (
    <section
      className={`ed-section${dropHere ? ' is-drop' : ''}`}
      data-section-id={section.id}
      data-section-key={section.key}
      aria-label={`Section ${section.heading}`}
      onDragOver={onDragOver}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) p.onDropAt(undefined);
      }}
      onDrop={onDrop}
      onFocus={(e) => {
        if (e.target === e.currentTarget) p.onInsertAt({ section: section.id, index: section.items.length });
      }}
    >
      <SectionHead
        section={section}
        index={p.index}
        count={p.count}
        def={p.def}
        renamable={p.renamable}
        onMove={p.onSection.move}
        onRename={p.onSection.rename}
        onRemove={p.onSection.remove}
      />
      {p.def?.guidance && <p className="guidance">{p.def.guidance}</p>}
      <div className="section-items">
        {section.items.map((item, index) => (
          <ItemRow
            key={item.id}
            item={item}
            index={index}
            section={section}
            fact={item.kind === 'fact' ? p.facts.get(item.factId) : undefined}
            citation={p.lookup.clusters.get(item.id)}
            lookup={p.lookup}
            portionMarks={p.portionMarks}
            dropBefore={dropHere?.index === index}
            onFocus={() => p.onInsertAt({ section: section.id, index: index + 1 })}
            onMove={(d) => p.onItem.move(item, d)}
            onRemove={() => p.onItem.remove(item)}
            onNote={p.onItem.note}
            onProseSave={(text, before, label) => p.onItem.proseSave(item, text, before, label)}
            onProseActive={p.onItem.proseActive}
            onItemPatch={(...args) => p.onItem.patch(item, ...args)}
          />
        ))}
        {dropHere?.index === section.items.length && <div className="drop-line" aria-hidden="true" />}
        {section.items.length === 0 && <div className="section-empty">Drop facts here, press Ctrl+K, or add text.</div>}
      </div>
      <div className="section-actions">
        <button type="button" className="button link small" onClick={p.onSection.addProse}>
          <Icon name="text" /> Add text
        </button>
        <button type="button" className="button link small" onClick={p.onSection.palette}>
          <Icon name="plus" /> Insert fact
        </button>
      </div>
    </section>
  );
}
