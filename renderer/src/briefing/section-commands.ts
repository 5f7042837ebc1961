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

    move(sectionId: string, from: number, to: number): Command {
      return {
        label: 'Move section',
        async apply(ctx) {
          await run(call('briefings:moveSection', briefingId, ctx.id(sectionId), to));
        },
        async revert(ctx) {
          await run(call('briefings:moveSection', briefingId, ctx.id(sectionId), from));
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
          const b = await run(call('briefings:addSection', briefingId, { heading: section.heading, key: section.key, ...(items.length ? { items } : {}) }, index));
          const back = b.sections.find((s) => s.key === section.key);
          if (!back) return;
          ctx.alias(section.id, back.id);
          back.items.forEach((item, i) => itemIds[i] && ctx.alias(itemIds[i]!, item.id));
        },
      };
    },
  };
}
