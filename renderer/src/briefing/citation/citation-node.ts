import { Node } from '@tiptap/core';
import { NodeSelection, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
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
    /** The chip just before (-1) or after (1) a collapsed cursor, and where it starts. */
    const chipBeside = (dir: -1 | 1) => {
      const { state, view } = this.editor;
      const sel = state.selection;
      if (!(sel instanceof TextSelection) || !sel.empty) return undefined;
      const $pos = state.doc.resolve(cursorPos(view) ?? sel.from);
      const near = dir < 0 ? $pos.nodeBefore : $pos.nodeAfter;
      if (near?.type.name !== this.name) return undefined;
      return { from: dir < 0 ? $pos.pos - near.nodeSize : $pos.pos, size: near.nodeSize };
    };
    const removeNext = (dir: -1 | 1) => () => {
      const { state, view } = this.editor;
      const sel = state.selection;
      if (sel instanceof NodeSelection && sel.node.type.name === this.name) {
        view.dispatch(state.tr.deleteSelection().setMeta(CITE_EDIT, 'Remove citation'));
        return true;
      }
      const chip = chipBeside(dir);
      if (!chip) return false;
      view.dispatch(state.tr.delete(chip.from, chip.from + chip.size).setMeta(CITE_EDIT, 'Remove citation'));
      return true;
    };
    // Arrowing onto a chip selects it (then Enter edits it, Backspace removes it).
    const selectNext = (dir: -1 | 1) => () => {
      const chip = chipBeside(dir);
      if (!chip) return false;
      const { state, view } = this.editor;
      view.dispatch(state.tr.setSelection(NodeSelection.create(state.doc, chip.from)));
      return true;
    };
    return {
      ArrowLeft: selectNext(-1),
      ArrowRight: selectNext(1),
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

/**
 * The cursor as the page has it. Arrow keys move the caret natively and ProseMirror reads the
 * move on the next selectionchange; a key pressed before that (fast typing, a test) would act
 * on where the caret was a key ago — Backspace removing the wrong thing.
 */
export function cursorPos(view: EditorView): number | undefined {
  const s = view.dom.ownerDocument.getSelection();
  if (!s || !s.isCollapsed || !s.focusNode || !view.dom.contains(s.focusNode)) return undefined;
  try {
    return view.posAtDOM(s.focusNode, s.focusOffset);
  } catch {
    return undefined;
  }
}
