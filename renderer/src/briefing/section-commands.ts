import type { Briefing, BriefingSection } from '../../../core/model';
import { call } from '../api';
import { itemInput } from './commands';
import type { Command, CommandContext } from './undo';

/**
 * Section edits with their inverses, for the editor's undo stack. A section removed and put
 * back by undo returns under a new id (and its items under new ids): the command records the
 * new ids as aliases of the old ones, so earlier commands on the stack still find them. The
 * section's key is kept, so a template section keeps its guidance and layout when restored.
 */
export function sectionCommands(briefingId: string, show: (b: Briefing) => void) {
  const run = async (p: Promise<Briefing>) => {
    const b = await p;
    show(b);
    return b;
  };

  return {
    add(heading: string, index: number, key?: string): Command & { sectionId: string } {
      const cmd = {
        label: `Add section “${heading}”`,
        sectionId: '',
        key,
        async apply(ctx: CommandContext) {
          const before = new Set((await call('briefings:get', briefingId)).sections.map((s) => s.id));
          const b = await run(call('briefings:addSection', briefingId, { heading, ...(cmd.key ? { key: cmd.key } : {}) }, index));
          const fresh = b.sections.find((s) => !before.has(s.id));
          if (!fresh) return;
          // A redo re-creates the section under the key it was first given.
          cmd.key = fresh.key;
          if (cmd.sectionId) ctx.alias(cmd.sectionId, fresh.id);
          else cmd.sectionId = fresh.id;
        },
        async revert(ctx: CommandContext) {
          await run(call('briefings:removeSection', briefingId, ctx.id(cmd.sectionId), {}));
        },
      };
      return cmd;
    },

    rename(sectionId: string, before: string, after: string): Command {
      return {
        label: 'Rename section',
        async apply(ctx) {
          await run(call('briefings:renameSection', briefingId, ctx.id(sectionId), { heading: after }));
        },
        async revert(ctx) {
          await run(call('briefings:renameSection', briefingId, ctx.id(sectionId), { heading: before }));
        },
      };
    },

    /**
     * One step up or down, from wherever the section is when the command runs: key presses
     * faster than the core answers queue up on the stack and each moves one further (the
     * editor's state may still show the old order). Undo and redo use the places recorded.
     */
    moveBy(sectionId: string, delta: -1 | 1): Command {
      let places: { from: number; to: number } | undefined;
      return {
        label: 'Move section',
        async apply(ctx) {
          if (!places) {
            const sections = (await call('briefings:get', briefingId)).sections;
            const from = sections.findIndex((s) => s.id === ctx.id(sectionId));
            places = { from, to: Math.max(0, Math.min(sections.length - 1, from + delta)) };
          }
          await run(call('briefings:moveSection', briefingId, ctx.id(sectionId), places.to));
        },
        async revert(ctx) {
          if (places) await run(call('briefings:moveSection', briefingId, ctx.id(sectionId), places.from));
        },
      };
    },

    /** `section` as it was when the analyst removed it: heading, key and items come back on undo. */
    remove(section: BriefingSection, index: number): Command {
      const items = section.items.map(itemInput);
      const itemIds = section.items.map((i) => i.id);
      return {
        label: `Remove section “${section.heading}”`,
        async apply(ctx) {
          await run(call('briefings:removeSection', briefingId, ctx.id(section.id), { discardItems: items.length > 0 }));
        },
        async revert(ctx) {
          const b = await run(
            call('briefings:addSection', briefingId, { heading: section.heading, key: section.key, ...(items.length ? { items } : {}) }, index),
          );
          const back = b.sections.find((s) => s.key === section.key);
          if (!back) return;
          ctx.alias(section.id, back.id);
          back.items.forEach((item, i) => itemIds[i] && ctx.alias(itemIds[i], item.id));
        },
      };
    },
  };
}
