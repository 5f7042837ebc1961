import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import type { Editor } from '@tiptap/core';
import type { Node as PMNodeType } from '@tiptap/pm/model';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { Cite } from '../../../core/citation-marks';
import { htmlToText } from '../capture/html-to-text';
import { Icon } from '../ui/Icon';
import { CITE_EDIT, Citation, cursorPos } from './citation/citation-node';
import { clusterId } from './citation/cite-keys';
import { type CiteTrigger, findTrigger } from './citation/cite-trigger';
import { PROSE_MIME, writeClipboard } from './citation/clipboard';
import { ClusterEditor } from './citation/ClusterEditor';
import { CiteSearch } from './citation/CiteSearch';
import { CiteDropCaret, FACT_MIME } from './citation/drop-caret';
import { chipFace, citeLine, type CiteLookup } from './citation/lookup';
import type { ProseHandle } from './citation/prose-handle';
import { useFactSearch } from './citation/useFactSearch';
import { docToMarkdown, markdownToDoc, normaliseMarkdown, type PMNode } from './prose-markdown';

interface Props {
  value: string;
  /** The prose item: its k-th citation chip is the preview's cluster `${itemId}#${k}`. */
  itemId: string;
  lookup: CiteLookup;
  label: string;
  placeholder: string;
  /**
   * Called with the new Markdown after typing pauses (≤ 400 ms), on blur, and on unmount;
   * `label` says what changed ("Edit text", "Insert citation" …), one undo step each.
   */
  onSave(markdown: string, label: string): void;
  /** The editor got the focus: Ctrl+K cites here now. */
  onActive?(handle: ProseHandle): void;
}

const SAVE_DELAY = 400;
const TYPING = 'Edit text';

/**
 * One prose item, edited with TipTap and stored as the model's light Markdown. Only what the
 * Markdown can hold is enabled (paragraphs, bullets, numbered lists, bold, italic, citation
 * marks); pasted HTML from elsewhere is reduced to literal text in a detached document.
 */
export function ProseEditor({ value, itemId, lookup, label, placeholder, onSave, onActive }: Props) {
  const saved = useRef(normaliseMarkdown(value));
  const timer = useRef<number | undefined>(undefined);
  // What the pending save is: typing, or a citation edit (each its own undo step).
  const pendingLabel = useRef(TYPING);
  const onSaveRef = useRef(onSave);
  onSaveRef.current = onSave;
  const lookupRef = useRef(lookup);
  lookupRef.current = lookup;

  const [editing, setEditing] = useState<number>();
  const [trigger, setTrigger] = useState<CiteTrigger>();
  const [active, setActive] = useState(0);
  const dismissed = useRef<number | undefined>(undefined);
  const search = useFactSearch(trigger?.query);
  const keys = useRef({ trigger, hits: search.hits, active });
  keys.current = { trigger, hits: search.hits, active };
  const [, bump] = useReducer((x: number) => x + 1, 0);

  const save = (doc: PMNode) => {
    const md = docToMarkdown(doc);
    if (md !== saved.current) {
      saved.current = md;
      onSaveRef.current(md, pendingLabel.current);
    }
  };
  const flush = () => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    const ed = editorRef.current;
    if (!ed || ed.isDestroyed) return;
    save(ed.getJSON() as PMNode);
  };

  /** Writes the chips' faces: note number (or in-text citation) from the preview, facts on hover. */
  const refreshChips = () => {
    const ed = editorRef.current;
    if (!ed || ed.isDestroyed) return;
    const { facts } = lookupRef.current;
    ed.view.dom.querySelectorAll<HTMLElement>('.cite-chip').forEach((chip, k) => {
      const id = clusterId(itemId, k);
      const face = chipFace(lookupRef.current, id);
      const cites = (chip.dataset.facts ?? '').split(' ').filter(Boolean);
      if (chip.textContent !== face.text) chip.textContent = face.text;
      chip.dataset.clusterId = id;
      chip.classList.toggle('is-note', face.note !== undefined);
      chip.classList.toggle('is-pending', face.text === '…');
      const pos = ed.view.posAtDOM(chip, 0);
      const node = ed.state.doc.nodeAt(pos);
      const list = node?.type.name === 'citation' ? (node.attrs.cites as Cite[]) : cites.map((factId) => ({ factId }));
      const lines = list.map((c) => citeLine(c, facts.get(c.factId)));
      chip.title = `${face.note !== undefined ? `Note ${face.note}` : 'Citation'}\n${lines.join('\n')}\nClick or Enter to edit`;
      chip.setAttribute('aria-label', `${face.note !== undefined ? `Note ${face.note}` : `Citation ${face.text}`}: ${lines.join('; ')}`);
    });
  };

  /** Cites a fact at [from, to] (the selection by default); right after a chip it joins that note. */
  const insertCite = (factId: string, range?: { from: number; to: number }, join = true) => {
    const ed = editorRef.current;
    if (!ed || ed.isDestroyed) return;
    const { state } = ed;
    // The caret as the page shows it (ProseMirror may not have read the last arrow key yet).
    const caret = state.selection.empty ? cursorPos(ed.view) : undefined;
    const from = range?.from ?? caret ?? state.selection.from;
    const to = range?.to ?? caret ?? state.selection.to;
    const type = state.schema.nodes.citation;
    const before = state.doc.resolve(from).nodeBefore;
    const tr = state.tr;
    if (join && before?.type === type) {
      const at = from - before.nodeSize;
      const cites = before.attrs.cites as Cite[];
      if (to > from) tr.delete(from, to);
      if (!cites.some((c) => c.factId === factId)) tr.setNodeMarkup(at, undefined, { cites: [...cites, { factId }] });
      tr.setSelection(TextSelection.create(tr.doc, at + before.nodeSize));
    } else {
      tr.replaceRangeWith(from, to, type.create({ cites: [{ factId }] }));
      tr.setSelection(TextSelection.create(tr.doc, tr.mapping.map(to)));
    }
    ed.view.dispatch(tr.setMeta(CITE_EDIT, 'Insert citation').scrollIntoView());
    ed.view.focus();
  };

  /** Text from outside (another app's paste or drop): its words, never marks. */
  const insertLiteral = (text: string, at?: number) => {
    const doc = markdownToDoc(text, { cites: false });
    const ed = editorRef.current;
    if (!ed) return;
    if (at !== undefined) ed.chain().focus().insertContentAt(at, pastable(doc)).run();
    else ed.commands.insertContent(pastable(doc));
  };

  const chooseHit = (i: number) => {
    const t = keys.current.trigger;
    const hit = keys.current.hits[i];
    if (!t || !hit) return;
    insertCite(hit.fact.id, { from: t.from, to: t.to });
  };

  const onActiveRef = useRef(onActive);
  onActiveRef.current = onActive;

  // One options object for the editor's life: TipTap compares options by identity on every
  // render and, when they differ, resets the view's props and state — which can put the caret
  // back where it was a key press ago while the page re-renders around it.
  const [options] = useState(() => ({
    extensions: [
      StarterKit.configure({
        heading: false,
        codeBlock: false,
        code: false,
        blockquote: false,
        strike: false,
        underline: false,
        horizontalRule: false,
        link: false,
        hardBreak: false,
        dropcursor: false,
        gapcursor: false,
        trailingNode: false,
      }),
      Citation.configure({ onOpen: (pos: number) => setEditing(pos) }),
      CiteDropCaret,
    ],
    content: markdownToDoc(value),
    injectCSS: false,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        'aria-label': label,
        'aria-multiline': 'true',
        role: 'textbox',
        class: 'prose-editor',
        'data-placeholder': placeholder,
        spellcheck: 'true',
      },
      handlePaste: (_view: EditorView, event: ClipboardEvent) => {
        const data = event.clipboardData;
        const ours = data?.getData(PROSE_MIME);
        if (ours) {
          editorRef.current?.commands.insertContent(pastable(markdownToDoc(ours)));
          return true;
        }
        const html = data?.getData('text/html');
        const text = html ? htmlToText(html) : data?.getData('text/plain');
        if (!text) return false;
        insertLiteral(text);
        return true;
      },
      handleDOMEvents: {
        copy: (view: EditorView, event: ClipboardEvent) => {
          if (!event.clipboardData || !writeClipboard(view, event.clipboardData)) return false;
          event.preventDefault();
          return true;
        },
        cut: (view: EditorView, event: ClipboardEvent) => {
          if (!event.clipboardData || !writeClipboard(view, event.clipboardData)) return false;
          event.preventDefault();
          view.dispatch(view.state.tr.deleteSelection().scrollIntoView());
          return true;
        },
      },
      handleDrop: (view: EditorView, event: DragEvent) => {
        const dt = event.dataTransfer;
        // Whole items dropped on a prose item are moved by the section, not inserted as text.
        if (dt?.types.includes('application/x-dossier-item')) return true;
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
        if (dt?.types.includes(FACT_MIME)) {
          // A fact from the library cites it right here; the section must not also place it.
          event.stopPropagation();
          const factId = dt.getData(FACT_MIME);
          if (factId && at) insertCite(factId, { from: at.pos, to: at.pos }, false);
          return true;
        }
        if (view.dragging || !dt) return false; // a move inside this text: ProseMirror's own
        const html = dt.getData('text/html');
        const text = html ? htmlToText(html) : dt.getData('text/plain');
        if (text) insertLiteral(text, at?.pos);
        return true;
      },
      handleClickOn: (_view: EditorView, _pos: number, node: PMNodeType, nodePos: number, _event: MouseEvent, direct: boolean) => {
        if (!direct || node.type.name !== 'citation') return false;
        setEditing(nodePos);
        return true;
      },
      handleKeyDown: (_view: EditorView, event: KeyboardEvent) => {
        const k = keys.current;
        if (!k.trigger) return false;
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          const n = k.hits.length;
          setActive((a) => (n === 0 ? 0 : event.key === 'ArrowDown' ? Math.min(a + 1, n - 1) : Math.max(a - 1, 0)));
          return true;
        }
        if (event.key === 'Enter' || event.key === 'Tab') {
          if (!k.hits[k.active]) return event.key === 'Tab';
          chooseHit(k.active);
          return true;
        }
        if (event.key === 'Escape') {
          dismissed.current = k.trigger.from;
          setTrigger(undefined);
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ transaction }: { transaction: Transaction }) => {
      const next = (transaction.getMeta(CITE_EDIT) as string | undefined) ?? TYPING;
      // Typing after a citation edit (or the reverse): the pending change saves first, as its own step.
      if (timer.current !== undefined && next !== pendingLabel.current) {
        window.clearTimeout(timer.current);
        timer.current = undefined;
        save(transaction.before.toJSON() as PMNode);
      }
      pendingLabel.current = next;
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(flush, SAVE_DELAY);
    },
    onTransaction: ({ editor: ed }: { editor: Editor }) => {
      refreshChips();
      const t = ed.isFocused ? findTrigger(ed.state, dismissed.current) : undefined;
      setTrigger((prev) => (prev?.from === t?.from && prev?.query === t?.query && prev?.to === t?.to ? prev : t));
    },
    onBlur: () => {
      flush();
      setTrigger(undefined);
    },
    onFocus: () => {
      const ed = editorRef.current;
      onActiveRef.current?.({
        insertCite: (factId) => insertCite(factId),
        syncCaret: () => {
          if (!ed || ed.isDestroyed || !ed.state.selection.empty) return;
          const pos = cursorPos(ed.view);
          if (pos !== undefined && pos !== ed.state.selection.from) ed.view.dispatch(ed.state.tr.setSelection(TextSelection.create(ed.state.doc, pos)));
        },
        get alive() {
          return !!ed && !ed.isDestroyed;
        },
      });
    },
  }));
  const editor = useEditor(options);
  const editorRef = useRef(editor);
  editorRef.current = editor;

  useEffect(() => setActive(0), [trigger?.query, trigger?.from]);

  // The section was renamed: the text box's name follows (the options above are fixed).
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.view.dom.setAttribute('aria-label', label);
  }, [editor, label]);

  // The stored text changed from outside (undo, another window): show it, unless it is ours.
  useEffect(() => {
    const norm = normaliseMarkdown(value);
    if (!editor || norm === saved.current) return;
    if (timer.current !== undefined) return; // a save of our own is pending; it wins
    saved.current = norm;
    setEditing(undefined);
    editor.commands.setContent(markdownToDoc(value), { emitUpdate: false });
    // A fresh state, so a fresh history: the text box's own Ctrl+Z covers typing since the text
    // last changed from outside, never back across that change (a restored version would
    // otherwise come undone into the text it replaced, and be saved so).
    const { state } = editor;
    editor.view.updateState(EditorState.create({ schema: state.schema, doc: state.doc, selection: state.selection, plugins: state.plugins }));
  }, [value, editor]);

  // New note numbers or facts from the preview: the chips show them.
  useEffect(refreshChips, [lookup, editor]); // eslint-disable-line react-hooks/exhaustive-deps

  // Unmount or window close: a pause in typing shorter than the save delay still gets saved.
  useEffect(() => {
    const onHide = () => flush();
    window.addEventListener('pagehide', onHide);
    window.addEventListener('beforeunload', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onHide);
      flush();
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      bullet: e?.isActive('bulletList') ?? false,
      ordered: e?.isActive('orderedList') ?? false,
      empty: e?.isEmpty ?? true,
    }),
  });

  const chip = editing !== undefined && editor && !editor.isDestroyed ? editor.state.doc.nodeAt(editing) : null;
  const chipDom = chip?.type.name === 'citation' ? (editor.view.nodeDOM(editing!) as HTMLElement | null) : null;
  const closeEditor = () => {
    const pos = editing;
    setEditing(undefined);
    const node = pos !== undefined && editor ? editor.state.doc.nodeAt(pos) : null;
    if (editor && !editor.isDestroyed)
      editor
        .chain()
        .focus()
        .setTextSelection(node ? pos! + node.nodeSize : editor.state.selection.from)
        .run();
  };

  return (
    <div className={`prose-item${state?.empty ? ' is-empty' : ''}`}>
      <div className="prose-toolbar" role="toolbar" aria-label={`${label} formatting`}>
        <ToolButton label="Bold (Ctrl+B)" icon="bold" active={state?.bold} onClick={() => editor?.chain().focus().toggleBold().run()} />
        <ToolButton label="Italic (Ctrl+I)" icon="italic" active={state?.italic} onClick={() => editor?.chain().focus().toggleItalic().run()} />
        <ToolButton label="Bulleted list" icon="bullets" active={state?.bullet} onClick={() => editor?.chain().focus().toggleBulletList().run()} />
        <ToolButton label="Numbered list" icon="numbers" active={state?.ordered} onClick={() => editor?.chain().focus().toggleOrderedList().run()} />
      </div>
      <EditorContent editor={editor} />
      {trigger && editor?.isFocused && (
        <CiteSearch
          at={editor.view.coordsAtPos(trigger.from)}
          query={trigger.query}
          hits={search.hits}
          error={search.error}
          active={active}
          onHover={setActive}
          onChoose={chooseHit}
        />
      )}
      {chip?.type.name === 'citation' && chipDom && (
        <ClusterEditor
          cites={chip.attrs.cites as Cite[]}
          facts={lookup.facts}
          face={
            chipDom.classList.contains('is-note')
              ? `Note ${chipDom.textContent}`
              : chipDom.classList.contains('is-pending')
                ? 'Citation'
                : `Citation ${chipDom.textContent}`
          }
          anchor={chipDom.getBoundingClientRect()}
          onChange={(cites) => {
            if (!editor || editing === undefined) return;
            const tr = editor.state.tr;
            if (cites.length === 0) tr.delete(editing, editing + chip.nodeSize).setMeta(CITE_EDIT, 'Remove citation');
            else tr.setNodeMarkup(editing, undefined, { cites }).setMeta(CITE_EDIT, 'Edit citation');
            editor.view.dispatch(tr);
            bump();
          }}
          onClose={closeEditor}
        />
      )}
    </div>
  );
}

/** A single pasted paragraph goes into the sentence at the cursor; several stay blocks. */
function pastable(doc: PMNode): PMNode[] {
  const blocks = doc.content ?? [];
  return blocks.length === 1 && blocks[0].type === 'paragraph' ? (blocks[0].content ?? []) : blocks;
}

function ToolButton({ label, icon, active, onClick }: { label: string; icon: string; active: boolean | undefined; onClick(): void }) {
  return (
    <button
      type="button"
      className={`tool${active ? ' is-on' : ''}`}
      aria-label={label}
      aria-pressed={active ?? false}
      title={label}
      tabIndex={-1}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      <Icon name={icon} size={14} />
    </button>
  );
}
