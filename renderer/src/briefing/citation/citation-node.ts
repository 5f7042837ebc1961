import { Node } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import { type Cite, formatCluster } from '../../../../core/citation-marks';

export interface CitationOptions {
  /** The chip at `pos` was clicked, or Enter pressed on it: open the cluster editor. */
  onOpen(pos: number): void;
}

/** The transaction meta naming a citation edit: it saves as its own undo step with this label. */
export const CITE_EDIT = 'dossierCiteEdit';

/**
 * A citation mark in prose: an inline atom holding its cluster (`cites`). The chip's face (note
 * number, tooltip) is filled in by the prose editor from the live preview, so the node view only
 * builds the element and tells ProseMirror to leave its contents alone.
 */
export const Citation = Node.create<CitationOptions>({
  name: 'citation',
  // Before the default Backspace/Delete/Enter bindings, so a chip goes as one unit.
  priority: 1000,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,

  addOptions() {
    return { onOpen: () => undefined };
  },

  addAttributes() {
    return { cites: { default: [] as Cite[], rendered: false } };
  },

  // No parse rule: a chip never comes from HTML. Paste and drop of anything not our own copy
  // are literal text (citation/clipboard.ts), so markup from outside cannot make a mark.
  parseHTML() {
    return [];
  },

  renderHTML({ node }) {
    return ['span', { 'data-cite-md': formatCluster({ cites: node.attrs.cites as Cite[] }) }, formatCluster({ cites: node.attrs.cites as Cite[] })];
  },

  renderText({ node }) {
    return formatCluster({ cites: node.attrs.cites as Cite[] });
  },

  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement('span');
      dom.className = 'cite-chip';
      dom.contentEditable = 'false';
      const set = (n: typeof node) => {
        const cites = n.attrs.cites as Cite[];
        dom.dataset.facts = cites.map((c) => c.factId).join(' ');
        dom.dataset.citeMd = formatCluster({ cites });
        dom.classList.toggle('is-cluster', cites.length > 1);
      };
      set(node);
      dom.textContent = '…';
      return {
        dom,
        update(n) {
          if (n.type !== node.type) return false;
          set(n);
          return true;
        },
        selectNode: () => dom.classList.add('is-selected'),
        deselectNode: () => dom.classList.remove('is-selected'),
        // The face is written by the editor (note numbers); never a reason to re-read the DOM.
        ignoreMutation: () => true,
      };
    };
  },

  addKeyboardShortcuts() {
    const removeNext = (dir: -1 | 1) => () => {
      const { state, view } = this.editor;
      const sel = state.selection;
      if (sel instanceof NodeSelection && sel.node.type.name === this.name) {
        view.dispatch(state.tr.deleteSelection().setMeta(CITE_EDIT, 'Remove citation'));
        return true;
      }
      if (!sel.empty) return false;
      const near = dir < 0 ? sel.$from.nodeBefore : sel.$from.nodeAfter;
      if (near?.type.name !== this.name) return false;
      const from = dir < 0 ? sel.from - near.nodeSize : sel.from;
      view.dispatch(state.tr.delete(from, from + near.nodeSize).setMeta(CITE_EDIT, 'Remove citation'));
      return true;
    };
    return {
      Backspace: removeNext(-1),
      Delete: removeNext(1),
      Enter: () => {
        const sel = this.editor.state.selection;
        if (sel instanceof NodeSelection && sel.node.type.name === this.name) {
          this.options.onOpen(sel.from);
          return true;
        }
        return false;
      },
    };
  },
});
