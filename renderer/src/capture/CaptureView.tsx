import { useEffect, useMemo, useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import type { CapturePreview } from '../../../api/contract';
import { RELIABILITY_GRADES } from '../../../core/model';
import { ApiError, call, type CaptureFile, captureFileArg, captureFileKey, errorMessage } from '../api';
import { formatCount, KIND_LABELS, RELIABILITY_LABELS, stripInvisibles } from '../format';
import { SourceTypeOptions } from '../ui/SourceTypeOptions';
import { EMPTY_FILTERS } from '../library/filters';
import { useApp } from '../state';
import { FieldError } from '../ui/bits';
import { useDebounced } from '../ui/hooks';
import { Icon } from '../ui/Icon';
import { PasswordPrompt } from './PasswordPrompt';
import { EMPTY_META, type Meta, metaFromSource, sourceFromMeta } from './source-meta';
import { htmlToText, tidyText } from './html-to-text';
import { applyRange, selectionString } from './selection';

const MAX_FILE = 20 * 1024 * 1024;

/** The capture in progress survives switching to another view and back (not a restart). */
const draft: { text: string; markdown: boolean; paragraphs: boolean; meta: Meta; fileName: string | undefined } = {
  text: '',
  markdown: false,
  paragraphs: false,
  meta: EMPTY_META,
  fileName: undefined,
};

export function CaptureView() {
  const app = useApp();
  const [text, setText] = useState(draft.text);
  const [markdown, setMarkdown] = useState(draft.markdown);
  const [paragraphs, setParagraphs] = useState(draft.paragraphs);
  const [meta, setMeta] = useState<Meta>(draft.meta);
  const [fileName, setFileName] = useState<string | undefined>(draft.fileName);
  /** A non-text file (PDF, Word, saved web page): its bytes go to the core's importers, or the shell already read it. */
  const [file, setFile] = useState<CaptureFile | undefined>();
  const [acceptSuggestions, setAcceptSuggestions] = useState(true);
  const prefilled = useRef<string | undefined>(undefined);
  useEffect(() => {
    Object.assign(draft, { text, markdown, paragraphs, meta, fileName });
  }, [text, markdown, paragraphs, meta, fileName]);
  const [preview, setPreview] = useState<CapturePreview>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string>();
  /** An encrypted PDF's password, once asked for (PasswordPrompt), and whether the core wants one. */
  const [password, setPassword] = useState<string>();
  const [needsPassword, setNeedsPassword] = useState(false);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [dragOver, setDragOver] = useState(false);
  const anchor = useRef<number | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const source = useMemo(() => sourceFromMeta(meta), [meta]);
  const fileKey = captureFileKey(file);
  useEffect(() => {
    setPassword(undefined);
    setNeedsPassword(false);
  }, [fileKey]);
  const withPassword = password !== undefined && file && 'base64' in file ? { password } : {};
  const request = useDebounced(JSON.stringify({ text, markdown, paragraphs, source, fileKey, password }), 350);

  // The preview runs when the debounced request changes; the file it names is read through a
  // ref (the request holds its key), so a new object for the same file does not run it again.
  const fileNow = useRef(file);
  fileNow.current = file;
  const { notify } = app;
  useEffect(() => {
    const r = JSON.parse(request) as {
      text: string;
      markdown: boolean;
      paragraphs: boolean;
      source: Record<string, unknown>;
      fileKey: string;
      password?: string;
    };
    const file = fileNow.current;
    const withPassword = r.password !== undefined && file && 'base64' in file ? { password: r.password } : {};
    if (!r.text.trim() && !file) {
      setPreview(undefined);
      setErrors({});
      setGeneral(undefined);
      return;
    }
    let live = true;
    call('capture:preview', {
      text: r.text,
      markdown: r.markdown,
      paragraphs: r.paragraphs,
      source: r.source,
      ...(file ? captureFileArg(file) : {}),
      ...withPassword,
    })
      .then((p) => {
        if (!live) return;
        if (file && prefilled.current !== r.fileKey) {
          // Show what the file itself says about its source, for the user to check.
          prefilled.current = r.fileKey;
          setMeta((m) => ({ ...m, ...metaFromSource(p.source, m) }));
          for (const w of p.warnings) notify(w);
        }
        setPreview(p);
        setErrors({});
        setGeneral(undefined);
        setNeedsPassword(false);
        setSelected(new Set(p.candidates.map((c) => c.index)));
        anchor.current = null;
      })
      .catch((e: unknown) => {
        if (!live) return;
        setNeedsPassword(e instanceof ApiError && e.code === 'password_required');
        const field = e instanceof ApiError && e.field?.startsWith('source.') ? e.field.slice(7).split('.')[0] : undefined;
        if (field) setErrors({ [field]: errorMessage(e).replace(/^source\.[\w.]+: /, '') });
        else setGeneral(errorMessage(e).replace(/^text: /, ''));
        if (!field) setPreview(undefined);
      });
    return () => {
      live = false;
    };
  }, [request, notify]);

  // A file that arrived from outside this view (dropped on the window, opened from the shell): shown as if chosen here.
  const { incoming, takeIncoming } = app;
  useEffect(() => {
    if (!incoming) return;
    takeIncoming(incoming.seq);
    setText('');
    setMeta(EMPTY_META);
    prefilled.current = undefined;
    setFile(incoming.file);
    setFileName(stripInvisibles(incoming.file.name));
  }, [incoming, takeIncoming]);

  const readFile = (file: File) => {
    if (file.size > MAX_FILE) {
      app.notify(`${file.name} is larger than 20 MB; split it first.`, 'error');
      return;
    }
    if (!/\.(txt|md|markdown|text)$/i.test(file.name) && !(file.type && file.type.startsWith('text/plain'))) {
      // PDF, Word, a saved web page …: the core reads the bytes with the right importer.
      const bin = new FileReader();
      bin.onload = () => {
        const bytes = new Uint8Array(bin.result as ArrayBuffer);
        let s = '';
        for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        setText('');
        setMeta(EMPTY_META);
        setFile({ name: stripInvisibles(file.name), base64: btoa(s) });
        setFileName(stripInvisibles(file.name));
      };
      bin.onerror = () => app.notify(`Could not read ${stripInvisibles(file.name)}.`, 'error');
      bin.readAsArrayBuffer(file);
      return;
    }
    setFile(undefined);
    const reader = new FileReader();
    reader.onload = () => {
      const read = typeof reader.result === 'string' ? reader.result : '';
      setText(read);
      const md = /\.(md|markdown)$/i.test(file.name);
      setMarkdown(md);
      setFileName(stripInvisibles(file.name));
      const firstLine = read.split('\n').find((l) => l.trim());
      if (!meta.title && firstLine)
        setMeta((m) => ({
          ...m,
          title: firstLine
            .replace(/^#+\s*/, '')
            .trim()
            .slice(0, 300),
        }));
    };
    reader.onerror = () => app.notify(`Could not read ${stripInvisibles(file.name)}.`, 'error');
    reader.readAsText(file);
  };

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const html = e.clipboardData.getData('text/html');
    if (!html) return;
    e.preventDefault();
    const plain = htmlToText(html);
    const el = e.currentTarget;
    const next = el.value.slice(0, el.selectionStart) + plain + el.value.slice(el.selectionEnd);
    setText(next);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragOver(false);
    const file = e.dataTransfer.files[0];
    if (file) readFile(file);
  };

  const toggle = (index: number, shift: boolean) => {
    const checked = !selected.has(index);
    if (shift && anchor.current !== null) setSelected(applyRange(selected, anchor.current, index, checked));
    else {
      const next = new Set(selected);
      if (checked) next.add(index);
      else next.delete(index);
      setSelected(next);
    }
    anchor.current = index;
  };

  const commit = async () => {
    if (!preview || selected.size === 0) return;
    setBusy(true);
    try {
      const tags = meta.tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      const r = await app.track(
        call('capture:commit', {
          text,
          markdown,
          paragraphs,
          source,
          keep: selectionString(selected),
          acceptSuggestions,
          ...(file ? captureFileArg(file) : {}),
          ...withPassword,
          ...(tags.length ? { tags } : {}),
        }),
      );
      app.notify(
        `Saved ${r.facts.length} fact${r.facts.length === 1 ? '' : 's'}${r.duplicates ? ` (${r.duplicates} already in the library)` : ''}${r.sourceCreated ? '' : ' to an existing source'}.` +
          (r.outletSources.length
            ? ` Added ${r.outletSources.map((o) => `“${o.title}”`).join(', ')} as the source${r.outletSources.length === 1 ? '' : 's'} that relayed some of them.`
            : ''),
      );
      app.touchData();
      setText('');
      setMeta(EMPTY_META);
      setFileName(undefined);
      setFile(undefined);
      setPreview(undefined);
      app.setFilters({ ...EMPTY_FILTERS, sourceId: r.sourceId });
    } catch (e) {
      const field = e instanceof ApiError && e.field?.startsWith('source.') ? e.field.slice(7).split('.')[0] : undefined;
      if (field) setErrors({ [field]: errorMessage(e) });
      else app.notify(errorMessage(e), 'error');
    } finally {
      setBusy(false);
    }
  };

  const field = (key: keyof Meta, label: string, placeholder?: string, wide = false) => (
    <div className={`field${errors[key] ? ' has-error' : ''}${wide ? ' span-2' : ''}`}>
      <label htmlFor={`capture-${key}`}>{label}</label>
      <input
        id={`capture-${key}`}
        type="text"
        value={meta[key]}
        placeholder={placeholder}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `capture-${key}-error` : undefined}
        onChange={(e) => setMeta({ ...meta, [key]: e.target.value })}
      />
      <FieldError id={`capture-${key}-error`} message={errors[key]} />
    </div>
  );

  const existing = preview && 'createdAt' in preview.source;
  const n = selected.size;

  return (
    <div className="capture">
      <header className="toolbar">
        <h1 className="view-title">Capture</h1>
        <span className="muted">Paste an article or open a text file; choose the sentences worth keeping.</span>
      </header>
      <div className="capture-grid">
        <section className="capture-input" aria-label="Text to capture">
          <div
            className={`drop-zone${dragOver ? ' is-over' : ''}`}
            onDragOver={(e) => {
              if (e.dataTransfer.types.includes('Files')) {
                e.preventDefault();
                setDragOver(true);
              }
            }}
            onDragLeave={() => setDragOver(false)}
            onDrop={onDrop}
          >
            <div className="drop-head">
              <label htmlFor="capture-text" className="section-label">
                Text
              </label>
              {fileName && <span className="file-pill">{fileName}</span>}
              {file && (
                <button
                  type="button"
                  className="button link small"
                  onClick={() => {
                    setFile(undefined);
                    setFileName(undefined);
                  }}
                >
                  Remove file
                </button>
              )}
              <span className="toolbar-spacer" />
              <label className="check">
                <input type="checkbox" checked={markdown} onChange={(e) => setMarkdown(e.target.checked)} /> Markdown
              </label>
              <label className="check">
                <input type="checkbox" checked={paragraphs} onChange={(e) => setParagraphs(e.target.checked)} /> One fact per paragraph
              </label>
              <button type="button" className="button small" onClick={() => fileInput.current?.click()}>
                Open file…
              </button>
              <input
                ref={fileInput}
                type="file"
                accept=".txt,.md,.markdown,.pdf,.docx,.html,.htm,.mhtml,.mht,text/plain,text/markdown,application/pdf,text/html"
                className="visually-hidden"
                aria-label="Choose a file to capture"
                tabIndex={-1}
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) readFile(f);
                  e.target.value = '';
                }}
              />
            </div>
            <textarea
              id="capture-text"
              className="capture-textarea"
              placeholder={
                file
                  ? `The text comes from ${file.name}; its sentences are listed on the right.`
                  : 'Paste the article here, or drop a file: text, Markdown, PDF, Word or a saved web page…'
              }
              disabled={Boolean(file)}
              value={text}
              onChange={(e) => setText(e.target.value)}
              onPaste={onPaste}
              onBlur={() => setText((t) => (t.includes('\r') ? tidyText(t) : t))}
              spellCheck={false}
            />
            <div className="drop-foot muted">
              {text ? `${formatCount(text.length)} characters` : 'Formatting is removed when you paste; only the text is kept.'}
            </div>
          </div>
        </section>

        <section className="capture-meta" aria-labelledby="capture-meta-h">
          <h2 id="capture-meta-h" className="section-label">
            Source
          </h2>
          <div className="form-grid">
            {field('title', 'Title', 'Headline or report title', true)}
            {field('authors', 'Authors', 'Family, Given; Institution', true)}
            {field('containerTitle', 'Published in', 'Newspaper, journal, website')}
            {field('publisher', 'Publisher')}
            {field('issued', 'Issued', 'YYYY-MM-DD')}
            <div className={`field${errors.type ? ' has-error' : ''}`}>
              <label htmlFor="capture-type">Type</label>
              <select id="capture-type" value={meta.type} onChange={(e) => setMeta({ ...meta, type: e.target.value })}>
                <SourceTypeOptions />
              </select>
            </div>
            {field('url', 'URL', 'https://…', true)}
            <div className={`field${errors.reliability ? ' has-error' : ''}`}>
              <label htmlFor="capture-reliability">Reliability</label>
              <select id="capture-reliability" value={meta.reliability} onChange={(e) => setMeta({ ...meta, reliability: e.target.value })}>
                <option value="">Not graded</option>
                {RELIABILITY_GRADES.map((r) => (
                  <option key={r} value={r}>
                    {RELIABILITY_LABELS[r]}
                  </option>
                ))}
              </select>
            </div>
            {field('tags', 'Tags for every fact', 'grain, shipping')}
          </div>
          {existing && (
            <p className="note-box">
              <Icon name="source" /> This matches a source already in the library; the facts will be added to it.
            </p>
          )}
        </section>

        <section className="capture-candidates" aria-labelledby="capture-cand-h">
          <div className="candidates-head">
            <h2 id="capture-cand-h" className="section-label">
              Candidate facts
            </h2>
            {preview && (
              <>
                <span className="muted">
                  {n} of {preview.candidates.length} selected · Shift-click selects a range
                </span>
                <button type="button" className="button link small" onClick={() => setSelected(new Set(preview.candidates.map((c) => c.index)))}>
                  All
                </button>
                <button type="button" className="button link small" onClick={() => setSelected(new Set())}>
                  None
                </button>
              </>
            )}
            <span className="toolbar-spacer" />
            <label className="check" title="Save the suggested speaker and event date with each kept fact">
              <input type="checkbox" checked={acceptSuggestions} onChange={(e) => setAcceptSuggestions(e.target.checked)} /> Keep suggestions
            </label>
            <button type="button" className="button primary" disabled={!preview || n === 0 || busy} onClick={() => void commit()}>
              {busy ? 'Saving…' : `Save ${n} fact${n === 1 ? '' : 's'}`}
            </button>
          </div>
          {general && needsPassword && <PasswordPrompt key={general} message={general} onSubmit={setPassword} />}
          {general && !needsPassword && (
            <p className="error-text" role="alert">
              {general}
            </p>
          )}
          {!preview && !general && <p className="muted list-empty">Sentences found in the text appear here.</p>}
          {preview && (
            <ol className="candidates" aria-label="Candidate facts">
              {preview.candidates.map((c) => (
                <li key={c.index} className={selected.has(c.index) ? 'is-on' : undefined}>
                  <label
                    onClick={(e) => {
                      e.preventDefault();
                      toggle(c.index, e.shiftKey);
                    }}
                  >
                    <input
                      type="checkbox"
                      checked={selected.has(c.index)}
                      onChange={() => undefined}
                      onKeyDown={(e) => {
                        if (e.key === ' ') {
                          e.preventDefault();
                          toggle(c.index, e.shiftKey);
                        }
                      }}
                      aria-label={`Keep candidate ${c.index}`}
                    />
                    <span className="cand-num">{c.index}</span>
                    <span className="cand-text">
                      {c.text}
                      {suggestionLine(c) && <span className="cand-suggest muted">{suggestionLine(c)}</span>}
                    </span>
                    <span className="cand-meta">
                      <span className={`kind kind-${c.kind}`}>{KIND_LABELS[c.kind]}</span>
                      <span className="muted">{c.locator.label === 'page' ? `p. ${c.locator.value}` : `¶${c.paragraph}`}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </div>
  );
}

type CandidateRow = CapturePreview['candidates'][number];

/** "Said by … · 2025-01-18 · figure 30% · restates a fact in the library": what the importer suggests. */
function suggestionLine(c: CandidateRow): string {
  const parts: string[] = [];
  if (c.attribution && (c.attribution.name || c.attribution.role))
    parts.push(
      `Said by ${[c.attribution.name, c.attribution.role].filter(Boolean).join(', ')}${c.attribution.viaOutlet ? ` (via ${c.attribution.viaOutlet})` : ''}`,
    );
  if (c.eventDate) parts.push(`event ${c.eventDate}${c.eventDateEnd ? ` to ${c.eventDateEnd}` : ''}`);
  if (c.statistic) parts.push(`figure ${c.statistic.figure}`);
  if (c.duplicates?.length) parts.push(`restates a fact already in the library (${Math.round(c.duplicates[0].similarity * 100)}% alike)`);
  return parts.join(' · ');
}
