import { useCallback, useEffect, useRef, useState } from 'react';
import type { FactDetail } from '../../../api/contract';
import { FACT_KINDS, LOCATOR_LABELS } from '../../../core/model';
import { ApiError, call, errorMessage } from '../api';
import { CREDIBILITY_LABELS, formatDateTime, KIND_LABELS } from '../format';
import { SourceFields } from '../ui/SourceFields';
import { useApp } from '../state';
import { GradeBadge } from '../ui/bits';
import { FieldRow, SelectField, TextField } from '../ui/fields';
import { Icon } from '../ui/Icon';
import { SourcePicker } from '../ui/SourcePicker';
import { CorroborationSection } from './Corroboration';
import { DeleteFact } from './DeleteFact';
import { FigureFields } from './FigureFields';
import { InSourceSection } from './InSource';
import { FactConflictsSection } from '../team/Conflicts';
import { ShareFactButton } from '../team/ShareFact';

type Errors = Record<string, string>;

/** Maps an error's field ("fact.locator.value", "source.authors.0.family") to the inspector field it belongs to. */
function fieldKey(e: unknown, prefix: 'fact' | 'source'): string {
  if (!(e instanceof ApiError) || !e.field) return '_';
  const f = e.field.startsWith(`${prefix}.`) ? e.field.slice(prefix.length + 1) : e.field;
  return f.split('.')[0].replace(/\[\d+\]$/, '') || '_';
}

export function Inspector({ factId, onClose, onChanged }: { factId: string; onClose(): void; onChanged(): void }) {
  const app = useApp();
  const [detail, setDetail] = useState<FactDetail>();
  const [loadError, setLoadError] = useState<string>();
  const [factErrors, setFactErrors] = useState<Errors>({});
  const [sourceErrors, setSourceErrors] = useState<Errors>({});

  const load = useCallback(async () => {
    try {
      setDetail(await call('facts:get', factId));
      setLoadError(undefined);
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  }, [factId]);

  useEffect(() => {
    setDetail(undefined);
    setFactErrors({});
    setSourceErrors({});
    void load();
  }, [load]);

  // The library changed behind the inspector (a team sync pulled this fact, the role became
  // reader): show it. A field being typed in keeps its draft (ui/fields.tsx).
  const { dataVersion } = app;
  const shownVersion = useRef(dataVersion);
  useEffect(() => {
    if (shownVersion.current === dataVersion) return;
    shownVersion.current = dataVersion;
    void load();
  }, [dataVersion, load]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !(e.target instanceof HTMLElement && e.target.closest('.combo'))) {
        const t = e.target as HTMLElement;
        if (t.closest('.inspector') && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA')) return;
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  /** Writes one change to the fact; a validation error lands next to its field. */
  const saveFact = async (key: string, run: () => Promise<unknown>) => {
    try {
      await app.track(run());
      setFactErrors(({ [key]: _gone, ...rest }) => rest);
      await load();
      onChanged();
      app.touchData();
    } catch (e) {
      const k = fieldKey(e, 'fact');
      setFactErrors((errs) => ({ ...errs, [k === '_' ? key : k]: errorMessage(e).replace(/^fact\.[\w.[\]]+: /, '') }));
    }
  };
  const patchFact = (key: string, patch: Record<string, unknown>) => saveFact(key, () => call('facts:update', factId, patch));

  const saveSource = async (key: string, patch: Record<string, unknown>) => {
    if (!detail) return;
    try {
      await app.track(call('sources:update', detail.source.id, patch));
      setSourceErrors(({ [key]: _gone, ...rest }) => rest);
      await load();
      onChanged();
      app.touchData();
    } catch (e) {
      const k = fieldKey(e, 'source');
      setSourceErrors((errs) => ({ ...errs, [k === '_' ? key : k]: errorMessage(e).replace(/^source\.[\w.[\]]+: /, '') }));
    }
  };

  if (loadError) {
    return (
      <aside className="inspector" aria-label="Fact inspector">
        <InspectorHead title="Fact" onClose={onClose} />
        <div className="inspector-body">
          <p className="error-text">{loadError}</p>
        </div>
      </aside>
    );
  }
  if (!detail) {
    return (
      <aside className="inspector" aria-label="Fact inspector" aria-busy="true">
        <InspectorHead title="Fact" onClose={onClose} />
      </aside>
    );
  }

  const { fact, source } = detail;
  const levels = app.info?.markingScheme.levels ?? [];
  // "S//REL TO USA, GBR": the level picked from the scheme, the controls typed after it; the
  // library parses and checks the whole marking (core/marking-string.ts) and names what is wrong.
  const [markingLevel = '', ...controlParts] = (fact?.marking ?? '').split('//');
  const markingControls = controlParts.join('//');
  const withControls = app.info?.markingScheme.id === 'us';
  const tagsText = fact.tags.join(', ');
  const readOnly = detail.readOnly !== undefined;

  return (
    <aside className="inspector" aria-label="Fact inspector" data-testid="inspector">
      <InspectorHead title="Fact" onClose={onClose} />
      <div className="inspector-body">
        {readOnly && (
          <p className="read-only-note" role="note">
            {detail.readOnly}
          </p>
        )}
        {/* A team's fact for a reader: every control of the fact, its links and its source is disabled at once. */}
        <fieldset className="inspector-fields" disabled={readOnly}>
          <div className="inspector-summary">
            <GradeBadge reliability={source.reliability} credibility={fact.credibility} />
            <span className="muted">
              Added {formatDateTime(fact.createdAt)} · {fact.verifiedAt ? `verified ${formatDateTime(fact.verifiedAt)}` : 'never verified'}
            </span>
            <button
              type="button"
              className="button small"
              onClick={() => void saveFact('verifiedAt', () => call('facts:verify', factId))}
              title="Record that you checked this fact against its source today"
            >
              <Icon name="verified" /> Mark verified
            </button>
          </div>
          {factErrors._ && <p className="error-text">{factErrors._}</p>}

          <TextField
            id="inspector-text"
            label="Text"
            multiline
            rows={4}
            value={fact.text}
            error={factErrors.text}
            onCommit={(v) => patchFact('text', { text: v })}
          />
          <FieldRow>
            <SelectField
              id="inspector-kind"
              label="Kind"
              value={fact.kind}
              options={FACT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
              error={factErrors.kind}
              onCommit={(v) => patchFact('kind', { kind: v })}
            />
            <SelectField
              id="inspector-credibility"
              label="Credibility"
              value={fact.credibility ? String(fact.credibility) : ''}
              options={[{ value: '', label: 'Not assessed' }, ...Object.entries(CREDIBILITY_LABELS).map(([v, l]) => ({ value: v, label: l }))]}
              error={factErrors.credibility}
              onCommit={(v) => patchFact('credibility', { credibility: v ? Number(v) : null })}
            />
          </FieldRow>
          <FieldRow>
            <SelectField
              id="inspector-locator-label"
              label="Locator"
              value={fact.locator?.label ?? 'page'}
              options={LOCATOR_LABELS.map((l) => ({ value: l, label: l }))}
              error={undefined}
              onCommit={(label) => fact.locator && patchFact('locator', { locator: { label, value: fact.locator.value } })}
            />
            <TextField
              id="inspector-locator-value"
              label="Page, paragraph…"
              value={fact.locator?.value ?? ''}
              error={factErrors.locator}
              placeholder="e.g. 12"
              onCommit={(v) => patchFact('locator', { locator: v.trim() ? { label: fact.locator?.label ?? 'page', value: v } : null })}
            />
          </FieldRow>
          <FieldRow>
            <TextField
              id="inspector-attr-name"
              label="Said by"
              value={fact.attribution?.name ?? ''}
              placeholder="Name"
              error={factErrors.attribution}
              onCommit={(name) =>
                patchFact('attribution', {
                  attribution: name.trim() || fact.attribution?.role ? { name, ...(fact.attribution?.role ? { role: fact.attribution.role } : {}) } : null,
                })
              }
            />
            <TextField
              id="inspector-attr-role"
              label="Role"
              value={fact.attribution?.role ?? ''}
              placeholder="e.g. foreign minister"
              onCommit={(role) =>
                patchFact('attribution', {
                  attribution: role.trim() || fact.attribution?.name ? { role, ...(fact.attribution?.name ? { name: fact.attribution.name } : {}) } : null,
                })
              }
            />
          </FieldRow>
          <FieldRow>
            <TextField
              id="inspector-event-date"
              label="Event date"
              value={fact.eventDate ?? ''}
              placeholder="YYYY-MM-DD"
              hint="The date the fact is about"
              error={factErrors.eventDate}
              onCommit={(v) => patchFact('eventDate', { eventDate: v.trim() === '' ? null : v })}
            />
            <TextField
              id="inspector-event-date-end"
              label="Until"
              value={fact.eventDateEnd ?? ''}
              placeholder="YYYY-MM-DD"
              hint="The end of a date range (optional)"
              error={factErrors.eventDateEnd}
              disabled={!fact.eventDate}
              onCommit={(v) => patchFact('eventDateEnd', { eventDateEnd: v.trim() === '' ? null : v })}
            />
          </FieldRow>
          <FieldRow>
            <SelectField
              id="inspector-marking"
              label="Handling marking"
              value={markingLevel}
              options={[
                { value: '', label: 'None' },
                ...levels.map((l) => ({ value: l.id, label: `${l.portion} — ${l.banner}` })),
                ...(markingLevel && !levels.some((l) => l.id === markingLevel) ? [{ value: markingLevel, label: markingLevel }] : []),
              ]}
              error={factErrors.marking}
              onCommit={(v) => patchFact('marking', { marking: v && markingControls ? `${v}//${markingControls}` : v })}
            />
            {withControls && (
              <TextField
                id="inspector-marking-controls"
                label="Controls"
                value={markingControls}
                placeholder="e.g. NOFORN, REL TO USA, GBR, SP-PRVCY"
                hint="Dissemination controls and CUI categories, separated by //"
                onCommit={(v) => patchFact('marking', { marking: v.trim() ? `${markingLevel || levels[0]?.id || ''}//${v.trim()}` : markingLevel })}
              />
            )}
          </FieldRow>
          <FigureFields figure={fact.figure} error={factErrors.figure} onSave={(figure) => patchFact('figure', { figure })} />
          <TextField
            id="inspector-tags"
            label="Tags"
            value={tagsText}
            placeholder="Comma-separated, e.g. grain, shipping"
            error={factErrors.tags}
            onCommit={(v) => {
              const next = v
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean);
              const lower = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));
              const had = lower(fact.tags);
              const want = lower(next);
              const add = next.filter((t) => !had.has(t.toLowerCase()));
              const remove = fact.tags.filter((t) => !want.has(t.toLowerCase()));
              return saveFact('tags', async () => {
                if (remove.length) await call('facts:untag', factId, remove);
                if (add.length) await call('facts:tag', factId, add);
              });
            }}
          />
          <div className={`field${factErrors.sourceId ? ' has-error' : ''}`}>
            <label htmlFor="inspector-source">Source</label>
            <SourcePicker
              id="inspector-source"
              sources={app.sources}
              value={fact.sourceId}
              label="Source"
              placeholder="Choose a source"
              onChange={(id) => id && id !== fact.sourceId && void patchFact('sourceId', { sourceId: id })}
            />
            {factErrors.sourceId && <div className="field-error">{factErrors.sourceId}</div>}
          </div>
          <div className={`field${factErrors.viaSourceId ? ' has-error' : ''}`}>
            <label htmlFor="inspector-via">Reported via</label>
            <SourcePicker
              id="inspector-via"
              sources={app.sources}
              value={fact.viaSourceId}
              label="Reported via"
              placeholder="Source that relayed it (optional)"
              onChange={(id) => id && void patchFact('viaSourceId', { viaSourceId: id })}
            />
            {factErrors.viaSourceId && <div className="field-error">{factErrors.viaSourceId}</div>}
          </div>
          <TextField
            id="inspector-notes"
            label="Notes"
            multiline
            rows={2}
            value={fact.notes ?? ''}
            error={factErrors.notes}
            onCommit={(v) => patchFact('notes', { notes: v })}
          />
        </fieldset>

        <section className="inspector-section" aria-labelledby="used-in-h">
          <h3 id="used-in-h">Used in</h3>
          {detail.briefings.length === 0 ? (
            <p className="muted">Not cited in any briefing.</p>
          ) : (
            <ul className="plain-list">
              {detail.briefings.map((b) => (
                <li key={b.briefingId}>
                  <button type="button" className="button link" onClick={() => app.navigate({ name: 'briefing', id: b.briefingId })}>
                    {b.title}
                  </button>
                  <span className="muted"> · cited {b.count}×</span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <FactConflictsSection
          factId={fact.id}
          onResolved={() => {
            void load();
            onChanged();
          }}
        />
        {!readOnly && (
          <div className="inspector-section team-share-fact">
            <ShareFactButton factId={fact.id} sharedWith={detail.sharedWith} />
          </div>
        )}

        <InSourceSection factId={fact.id} />

        <fieldset className="inspector-fields" disabled={readOnly}>
          <CorroborationSection
            factId={fact.id}
            originId={fact.viaSourceId ?? fact.sourceId}
            onChanged={() => {
              onChanged();
              app.touchData();
            }}
          />

          <SourceFields
            source={source}
            errors={sourceErrors}
            onSave={saveSource}
            headingAction={
              <button
                type="button"
                className="button link small"
                onClick={() => app.navigate({ name: 'sources', id: source.id })}
                title="Open this source in the sources manager: merge a duplicate, see all its facts"
              >
                Manage source…
              </button>
            }
          />

          <DeleteFact
            key={factId}
            factId={factId}
            onDeleted={() => {
              onChanged();
              onClose();
            }}
          />
        </fieldset>
      </div>
    </aside>
  );
}

function InspectorHead({ title, onClose }: { title: string; onClose(): void }) {
  return (
    <header className="inspector-head">
      <h2>{title}</h2>
      <button type="button" className="icon-button" aria-label="Close inspector (Esc)" title="Close (Esc)" onClick={onClose}>
        <Icon name="x" />
      </button>
    </header>
  );
}
