import type { Briefing, BriefingItem, Locator } from '../../../core/model';
import { call } from '../api';
import type { Command } from './undo';

/**
 * Where an item sits: its section's id and its index there. Section ids, like item ids, change
 * when an undo puts a removed section back, so commands look them up through `ctx.id` too.
 */
export interface Place {
  section: string;
  index: number;
}

export type ItemInput =
  { kind: 'prose'; text: string; marking?: string } | { kind: 'fact'; factId: string; lead?: string; locator?: Locator; wording?: string; marking?: string };

/** What re-creates the item as it was (an undone removal): its text or fact, lead-in, locator, wording here and raised mark. */
export function itemInput(item: BriefingItem): ItemInput {
  const marking = item.marking ? { marking: item.marking } : {};
  if (item.kind === 'prose') return { kind: 'prose', text: item.text, ...marking };
  return {
    kind: 'fact',
    factId: item.factId,
    ...(item.lead ? { lead: item.lead } : {}),
    ...(item.locator ? { locator: item.locator } : {}),
    ...(item.wording ? { wording: item.wording } : {}),
    ...marking,
  };
}

export function findItem(b: Briefing, itemId: string): (Place & { item: BriefingItem }) | undefined {
  for (const s of b.sections) {
    const index = s.items.findIndex((i) => i.id === itemId);
    if (index >= 0) return { section: s.id, index, item: s.items[index] };
  }
  return undefined;
}

function allIds(b: Briefing): Set<string> {
  return new Set(b.sections.flatMap((s) => s.items.map((i) => i.id)));
}

/**
 * The briefing edits, each with its inverse. `show` receives the briefing every call returns,
 * so the editor always renders what the core stored.
 */
export function briefingCommands(briefingId: string, show: (b: Briefing) => void) {
  const run = async (p: Promise<Briefing>) => {
    const b = await p;
    show(b);
    return b;
  };

  return {
    add(
      items: ItemInput[],
      at: Place,
      label = items.length > 1 ? `Insert ${items.length} items` : items[0]?.kind === 'fact' ? 'Insert fact' : 'Add text',
    ): Command & { keys: string[] } {
      const cmd = {
        label,
        keys: [] as string[],
        async apply(ctx: Parameters<Command['apply']>[0]) {
          const before = await call('briefings:get', briefingId).then(allIds);
          const sectionId = ctx.id(at.section);
          const b = await run(call('briefings:addItems', briefingId, items, sectionId, at.index));
          const section = b.sections.find((s) => s.id === sectionId);
          const fresh = (section?.items ?? []).filter((i) => !before.has(i.id)).map((i) => i.id);
          if (cmd.keys.length === 0) cmd.keys = fresh;
          else cmd.keys.forEach((k, i) => fresh[i] && ctx.alias(k, fresh[i]));
        },
        async revert(ctx: Parameters<Command['apply']>[0]) {
          for (const k of cmd.keys) await run(call('briefings:removeItem', briefingId, ctx.id(k)));
        },
      };
      return cmd;
    },

    remove(itemId: string, from: Place, input: ItemInput): Command {
      return {
        label: input.kind === 'fact' ? 'Remove fact' : 'Remove text',
        async apply(ctx) {
          await run(call('briefings:removeItem', briefingId, ctx.id(itemId)));
        },
        async revert(ctx) {
          const before = await call('briefings:get', briefingId).then(allIds);
          const sectionId = ctx.id(from.section);
          const b = await run(call('briefings:addItems', briefingId, [input], sectionId, from.index));
          const fresh = b.sections.find((s) => s.id === sectionId)?.items.find((i) => !before.has(i.id));
          if (fresh) ctx.alias(itemId, fresh.id);
        },
      };
    },

    move(itemId: string, from: Place, to: Place): Command {
      return {
        label: 'Move item',
        async apply(ctx) {
          await run(call('briefings:moveItem', briefingId, ctx.id(itemId), to.index, ctx.id(to.section)));
        },
        async revert(ctx) {
          await run(call('briefings:moveItem', briefingId, ctx.id(itemId), from.index, ctx.id(from.section)));
        },
      };
    },

    /**
     * Prose text, lead, locator, wording or marking of one item; consecutive edits of the same
     * item, field and kind (typing, a citation edit) merge into one undo step.
     */
    updateItem(itemId: string, before: ItemPatch, after: ItemPatch, label = 'Edit text'): Command & { itemId: string; before: ItemPatch; after: ItemPatch } {
      const cmd = {
        label,
        itemId,
        before,
        after,
        async apply(ctx: Parameters<Command['apply']>[0]) {
          await run(call('briefings:updateItem', briefingId, ctx.id(itemId), cmd.after));
        },
        async revert(ctx: Parameters<Command['apply']>[0]) {
          await run(call('briefings:updateItem', briefingId, ctx.id(itemId), cmd.before));
        },
        merge(next: Command) {
          const n = next as Partial<typeof cmd>;
          if (n.itemId !== itemId || n.label !== label || !n.after || sameKeys(n.after, cmd.after) === false) return false;
          cmd.after = n.after;
          return true;
        },
      };
      return cmd;
    },

    /** Title, header fields and document settings; consecutive edits of the same keys merge. */
    update(before: BriefingPatch, after: BriefingPatch, label = 'Edit briefing'): Command & { before: BriefingPatch; after: BriefingPatch } {
      const cmd = {
        label,
        before,
        after,
        async apply() {
          await run(call('briefings:update', briefingId, cmd.after));
        },
        async revert() {
          await run(call('briefings:update', briefingId, cmd.before));
        },
        merge(next: Command) {
          const n = next as Partial<typeof cmd>;
          if (!n.after || !n.before || n.label !== label || !samePatchKeys(n.after, cmd.after)) return false;
          cmd.after = n.after;
          return true;
        },
      };
      return cmd;
    },
  };
}

export type ItemPatch = { text?: string; lead?: string; locator?: Locator | null; wording?: string | null; marking?: string | null };
export type BriefingPatch = Record<string, unknown> & { fields?: Record<string, string> };

function sameKeys(a: object, b: object): boolean {
  return Object.keys(a).sort().join() === Object.keys(b).sort().join();
}

function samePatchKeys(a: BriefingPatch, b: BriefingPatch): boolean {
  if (!sameKeys(a, b)) return false;
  if (a.fields || b.fields) return sameKeys(a.fields ?? {}, b.fields ?? {});
  return true;
}
