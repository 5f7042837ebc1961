import { useEffect, useState, type ReactNode } from 'react';
import type { CslName } from '../../../core/csl';
import { RELIABILITY_GRADES, SOURCE_TYPES, type Source } from '../../../core/model';
import { hasShell, isHttpUrl, openExternal } from '../api';
import { RELIABILITY_LABELS, SOURCE_TYPE_LABELS } from '../format';
import { FieldRow, SelectField, TextField } from './fields';
import { Icon } from './Icon';

/** Validation messages by field ("issued", "authors" …), shown next to the field. */
export type FieldErrors = Record<string, string>;

interface SourceFieldsProps {
  source: Source;
  errors: FieldErrors;
  /** Saves one change; the caller shows a refusal next to the field it names. */
  onSave(key: string, patch: Record<string, unknown>): Promise<void>;
  /** Prefix of the fields' ids, so two editors never share one. */
  idPrefix?: string;
  heading?: string;
  headingAction?: ReactNode;
  /** Also the CSL fields Dossier has no column for (the sources manager; the inspector is too narrow). */
  full?: boolean;
}

/**
 * Every field of a source, each saved on its own when focus leaves it (the fact inspector and
 * the sources manager share this editor, so a source looks and behaves the same in both).
 */
export function SourceFields({ source, errors, onSave, idPrefix = 'source', heading = 'Source', headingAction, full = false }: SourceFieldsProps) {
  const text = (key: keyof Source, label: string, extra: { placeholder?: string; hint?: string; multiline?: boolean } = {}) => (
    <TextField
      id={`${idPrefix}-${String(key)}`}
      label={label}
      value={(source[key] as string | undefined) ?? ''}
      error={errors[key as string]}
      {...extra}
      onCommit={(v) => onSave(String(key), { [key]: v })}
    />
  );
  return (
    <section className="inspector-section source-fields" aria-labelledby={`${idPrefix}-h`}>
      <div className="section-head">
        <h3 id={`${idPrefix}-h`}>{heading}</h3>
        {headingAction}
      </div>
      {text('title', 'Title', { multiline: true })}
      <FieldRow>
        <SelectField
          id={`${idPrefix}-type`}
          label="Type"
          value={source.type}
          options={SOURCE_TYPES.map((t) => ({ value: t, label: SOURCE_TYPE_LABELS[t] ?? t }))}
          error={errors.type}
          onCommit={(v) => onSave('type', { type: v })}
        />
        <SelectField
          id={`${idPrefix}-reliability`}
          label="Reliability"
          value={source.reliability ?? ''}
          options={[{ value: '', label: 'Not graded' }, ...RELIABILITY_GRADES.map((r) => ({ value: r, label: RELIABILITY_LABELS[r] }))]}
          error={errors.reliability}
          onCommit={(v) => onSave('reliability', { reliability: v })}
        />
      </FieldRow>
      <AuthorsEditor legend="Authors" names={source.authors} error={errors.authors} onCommit={(authors) => onSave('authors', { authors })} />
      <AuthorsEditor legend="Editors" names={source.editors} error={errors.editors} onCommit={(editors) => onSave('editors', { editors })} />
      {text('containerTitle', 'Published in', { placeholder: 'Newspaper, journal or website' })}
      <FieldRow>
        {text('publisher', 'Publisher')}
        {text('publisherPlace', 'Place')}
      </FieldRow>
      <FieldRow>
        {text('issued', 'Issued', { placeholder: 'YYYY-MM-DD' })}
        {text('accessed', 'Accessed', { placeholder: 'YYYY-MM-DD' })}
      </FieldRow>
      <div className="field-with-action">
        {text('url', 'URL', { placeholder: 'https://…' })}
        {isHttpUrl(source.url) && hasShell() && (
          <button type="button" className="icon-button" aria-label="Open URL in browser" title="Open in browser" onClick={() => void openExternal(source.url!)}>
            <Icon name="open" />
          </button>
        )}
      </div>
      {text('doi', 'DOI', { placeholder: '10.NNNN/…' })}
      <FieldRow>
        {text('number', 'Number')}
        {text('volume', 'Volume')}
        {text('issue', 'Issue')}
        {text('pages', 'Pages')}
      </FieldRow>
      {text('language', 'Language', { placeholder: 'e.g. en-GB' })}
      {text('notes', 'Source notes', { multiline: true })}
      {full && <ExtraField id={`${idPrefix}-extra`} extra={source.extra} error={errors.extra} onCommit={(extra) => onSave('extra', { extra })} />}
    </section>
  );
}

interface NameDraft {
  kind: 'person' | 'institution';
  family: string;
  given: string;
  literal: string;
}

const toDraft = (n: CslName): NameDraft => ({
  kind: n.literal ? 'institution' : 'person',
  family: n.family ?? '',
  given: n.given ?? '',
  literal: n.literal ?? '',
});
const fromDraft = (d: NameDraft): CslName =>
  d.kind === 'institution' ? { literal: d.literal.trim() } : d.given.trim() ? { family: d.family.trim(), given: d.given.trim() } : { family: d.family.trim() };
const isEmpty = (d: NameDraft) => (d.kind === 'institution' ? !d.literal.trim() : !d.family.trim() && !d.given.trim());

/** Authors as persons (family, given) or institutions; saved together when focus leaves the group. */
function AuthorsEditor({
  legend,
  names,
  error,
  onCommit,
}: {
  legend: string;
  names: CslName[];
  error: string | undefined;
  onCommit(names: CslName[]): Promise<void>;
}) {
  const one = legend === 'Authors' ? 'Author' : 'Editor';
  const [drafts, setDrafts] = useState<NameDraft[]>(() => names.map(toDraft));
  const key = JSON.stringify(names);
  useEffect(() => setDrafts((JSON.parse(key) as CslName[]).map(toDraft)), [key]);
  const set = (i: number, patch: Partial<NameDraft>) => setDrafts((ds) => ds.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const commit = () => {
    const next = drafts.filter((d) => !isEmpty(d)).map(fromDraft);
    if (JSON.stringify(next) !== key) void onCommit(next);
  };
  return (
    <fieldset
      className={`field authors${error ? ' has-error' : ''}`}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) commit();
      }}
    >
      <legend>{legend}</legend>
      {drafts.length === 0 && <p className="muted small">None. Add a person or an institution.</p>}
      {drafts.map((d, i) => (
        <div className="author-row" key={i}>
          <select aria-label={`${one} ${i + 1} kind`} value={d.kind} onChange={(e) => set(i, { kind: e.target.value as NameDraft['kind'] })}>
            <option value="person">Person</option>
            <option value="institution">Institution</option>
          </select>
          {d.kind === 'person' ? (
            <>
              <input
                aria-label={`${one} ${i + 1} family name`}
                placeholder="Family name"
                value={d.family}
                onChange={(e) => set(i, { family: e.target.value })}
              />
              <input aria-label={`${one} ${i + 1} given name`} placeholder="Given name" value={d.given} onChange={(e) => set(i, { given: e.target.value })} />
            </>
          ) : (
            <input
              className="wide"
              aria-label={`${one} ${i + 1} institution`}
              placeholder="Institution"
              value={d.literal}
              onChange={(e) => set(i, { literal: e.target.value })}
            />
          )}
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove ${one.toLowerCase()} ${i + 1}`}
            onClick={() => setDrafts((ds) => ds.filter((_, j) => j !== i))}
          >
            <Icon name="x" />
          </button>
        </div>
      ))}
      <button type="button" className="button link small" onClick={() => setDrafts((ds) => [...ds, { kind: 'person', family: '', given: '', literal: '' }])}>
        <Icon name="plus" /> Add {one.toLowerCase()}
      </button>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </fieldset>
  );
}

/**
 * The CSL fields Dossier keeps without a column of their own (imported data round-trips through
 * them), edited as a JSON object. Text that is not a JSON object never reaches the core.
 */
function ExtraField({
  id,
  extra,
  error,
  onCommit,
}: {
  id: string;
  extra: Record<string, unknown>;
  error: string | undefined;
  onCommit(extra: Record<string, unknown>): Promise<void>;
}) {
  const stored = Object.keys(extra).length ? JSON.stringify(extra, null, 2) : '';
  const [local, setLocal] = useState<string>();
  useEffect(() => setLocal(undefined), [stored]);
  return (
    <TextField
      id={id}
      label="Other CSL fields (JSON)"
      multiline
      rows={3}
      value={stored}
      placeholder='e.g. { "section": "World" }'
      hint="Citation fields without a box above, kept for export"
      error={local ?? error}
      onCommit={(v) => {
        if (!v.trim()) {
          setLocal(undefined);
          return onCommit({});
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(v);
        } catch {
          setLocal('is not valid JSON; write an object such as { "section": "World" }');
          return;
        }
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
          setLocal('must be a JSON object: { "field": "value" }');
          return;
        }
        setLocal(undefined);
        return onCommit(parsed as Record<string, unknown>);
      }}
    />
  );
}
