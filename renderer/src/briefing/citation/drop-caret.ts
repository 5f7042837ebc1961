import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

export const FACT_MIME = 'application/x-dossier-fact';

const key = new PluginKey<number | null>('citeDropCaret');

/**
 * While a fact from the library is dragged over prose, a caret shows where its citation will
 * go. (The stock drop cursor would also show for whole items being moved, which never land
 * inside text.)
 */
export const CiteDropCaret = Extension.create({
  name: 'citeDropCaret',
  addProseMirrorPlugins() {
    const set = (view: import('@tiptap/pm/view').EditorView, pos: number | null) => {
      if (key.getState(view.state) !== pos) view.dispatch(view.state.tr.setMeta(key, pos));
    };
    return [
      new Plugin<number | null>({
        key,
        state: {
          init: () => null,
          apply: (tr, prev) => {
            const meta = tr.getMeta(key) as number | null | undefined;
            return meta !== undefined ? meta : prev === null ? null : tr.mapping.map(prev);
          },
        },
        props: {
          decorations(state) {
            const pos = key.getState(state);
            if (pos == null) return null;
            const caret = document.createElement('span');
            caret.className = 'cite-drop-caret';
            return DecorationSet.create(state.doc, [Decoration.widget(pos, caret, { side: -1 })]);
          },
          handleDOMEvents: {
            dragover(view, event) {
              if (!event.dataTransfer?.types.includes(FACT_MIME)) return false;
              const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
              event.preventDefault();
              event.dataTransfer.dropEffect = 'copy';
              set(view, at ? at.pos : null);
              return true;
            },
            dragleave(view, event) {
              if (!view.dom.contains(event.relatedTarget as Node | null)) set(view, null);
              return false;
            },
            drop(view) {
              set(view, null);
              return false;
            },
          },
        },
      }),
    ];
  },
});
