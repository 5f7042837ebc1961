import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useRef } from 'react';
import { htmlToText } from '../capture/html-to-text';
import { Icon } from '../ui/Icon';
import { docToMarkdown, markdownToDoc, normaliseMarkdown } from './prose-markdown';

interface Props {
  value: string;
  label: string;
  placeholder: string;
  /** Called with the new Markdown after typing pauses (≤ 400 ms), on blur, and on unmount. */
  onSave(markdown: string): void;
  onFocus?(): void;
}

const SAVE_DELAY = 400;

/**
 * One prose item, edited with TipTap and stored as the model's light Markdown. Only what the
 * Markdown can hold is enabled (paragraphs, bullets, numbered lists, bold, italic); pasted HTML
 * is reduced to text in a detached document before it reaches the editor.
 */
export function ProseEditor({ value, label, placeholder, onSave, onFocus }: Props) {
  const saved = useRef(normaliseMarkdown(value));
  const timer = useRef<number | undefined>(undefined);
  const onSaveRef = useRef(onSave);
  onSaveRef.current = onSave;

  const flush = () => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    const ed = editorRef.current;
    if (!ed || ed.isDestroyed) return;
    const md = docToMarkdown(ed.getJSON());
    if (md !== saved.current) {
      saved.current = md;
      onSaveRef.current(md);
    }
  };

  const editor = useEditor({
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
    ],
    content: markdownToDoc(value),
    injectCSS: false,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: { 'aria-label': label, 'aria-multiline': 'true', role: 'textbox', class: 'prose-editor', 'data-placeholder': placeholder, spellcheck: 'true' },
      handlePaste: (_view, event) => {
        const html = event.clipboardData?.getData('text/html');
        const text = html ? htmlToText(html) : event.clipboardData?.getData('text/plain');
        if (!text) return false;
        const doc = markdownToDoc(text);
        editorRef.current?.commands.insertContent(doc.content ?? []);
        return true;
      },
      handleDrop: (_view, event) => {
        // Facts dropped on a prose item are inserted as items by the section, not as text.
        return Boolean(event.dataTransfer?.types.includes('application/x-dossier-fact') || event.dataTransfer?.types.includes('application/x-dossier-item'));
      },
    },
    onUpdate: () => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(flush, SAVE_DELAY);
    },
    onBlur: () => flush(),
    onFocus: () => onFocus?.(),
  });
  const editorRef = useRef(editor);
  editorRef.current = editor;

  // The stored text changed from outside (undo, another window): show it, unless it is ours.
  useEffect(() => {
    const norm = normaliseMarkdown(value);
    if (!editor || norm === saved.current) return;
    if (timer.current !== undefined) return; // a save of our own is pending; it wins
    saved.current = norm;
    editor.commands.setContent(markdownToDoc(value), { emitUpdate: false });
  }, [value, editor]);

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

  return (
    <div className={`prose-item${state?.empty ? ' is-empty' : ''}`}>
      <div className="prose-toolbar" role="toolbar" aria-label={`${label} formatting`}>
        <ToolButton label="Bold (Ctrl+B)" icon="bold" active={state?.bold} onClick={() => editor?.chain().focus().toggleBold().run()} />
        <ToolButton label="Italic (Ctrl+I)" icon="italic" active={state?.italic} onClick={() => editor?.chain().focus().toggleItalic().run()} />
        <ToolButton label="Bulleted list" icon="bullets" active={state?.bullet} onClick={() => editor?.chain().focus().toggleBulletList().run()} />
        <ToolButton label="Numbered list" icon="numbers" active={state?.ordered} onClick={() => editor?.chain().focus().toggleOrderedList().run()} />
      </div>
      <EditorContent editor={editor} />
    </div>
  );
}

function ToolButton({ label, icon, active, onClick }: { label: string; icon: string; active: boolean | undefined; onClick(): void }) {
  return (
    <button type="button" className={`tool${active ? ' is-on' : ''}`} aria-label={label} aria-pressed={active ?? false} title={label} tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={onClick}>
      <Icon name={icon} size={14} />
    </button>
  );
}
