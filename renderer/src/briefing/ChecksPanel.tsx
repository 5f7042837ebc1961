import type { BriefingPreview } from '../../../api/contract';
import { groupWarnings } from '../../../core/warning-groups';
import { Icon } from '../ui/Icon';
import type { FactChange } from './useFactChanges';

interface Props {
  warnings: BriefingPreview['warnings'];
  changes: FactChange[];
  busy: boolean;
  onAccept(): void;
}

/**
 * Pre-flight problems, and the facts changed in the library since the briefing used them (with
 * their old and new text and one action to accept them; pre-flight's own line for each is
 * left out while they show here). Several warnings of one kind show as one line with a count
 * that opens to list each.
 */
export function ChecksPanel({ warnings: all, changes, busy, onAccept }: Props) {
  const warnings = changes.length > 0 ? all.filter((w) => (w.code as string) !== 'fact-changed') : all;
  const show = (w: { factId?: string | undefined; section?: string | undefined }) => {
    const el = w.factId
      ? (document.querySelector<HTMLElement>(`[data-fact-item="${w.factId}"]`) ?? document.querySelector<HTMLElement>(`.cite-chip[data-facts~="${w.factId}"]`))
      : document.querySelector<HTMLElement>(`[data-section-key="${w.section}"]`);
    el?.scrollIntoView({ block: 'center' });
    if (w.factId) (el?.closest<HTMLElement>('[data-item-id]') ?? el)?.focus();
  };
  return (
    <div className="checks" role="tabpanel" id="panel-checks" aria-labelledby="tab-checks" aria-busy={busy}>
      {changes.length > 0 && (
        <section className="fact-changes" aria-label="Facts changed since you used them">
          <div className="fact-changes-head">
            <Icon name="warning" />
            <strong>
              {changes.length} fact{changes.length === 1 ? '' : 's'} changed since you used {changes.length === 1 ? 'it' : 'them'}
            </strong>
            <span className="toolbar-spacer" />
            <button type="button" className="button small" onClick={onAccept}>
              Accept changes
            </button>
          </div>
          <ul className="fact-change-list">
            {changes.map((c) => (
              <li key={c.factId} className="fact-change" data-fact-change={c.factId}>
                <div className="muted small">Changed: {c.changed.join(', ') || 'the fact'}</div>
                {c.oldText !== c.newText ? (
                  <div className="fact-change-texts">
                    <div>
                      <span className="fact-change-label">Before</span>
                      <del>{c.oldText}</del>
                    </div>
                    <div>
                      <span className="fact-change-label">Now</span>
                      <ins>{c.newText}</ins>
                    </div>
                  </div>
                ) : (
                  <div className="fact-change-texts">{c.newText}</div>
                )}
                <button type="button" className="button link small" onClick={() => show({ factId: c.factId })}>
                  Show in briefing
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {warnings.length === 0 ? (
        <p className="checks-ok">
          <Icon name="check" /> No problems found.
        </p>
      ) : (
        <ul className="warning-list">
          {groupWarnings(warnings).map((g, i) => {
            const error = g.warnings.some((w) => (w as { severity?: string }).severity === 'error');
            const cls = `warning warning-${g.code}${error ? ' is-error' : ''}`;
            if (g.warnings.length === 1) {
              const w = g.warnings[0];
              return (
                <li key={i} className={cls}>
                  <Icon name="warning" />
                  <div>
                    <div>{w.message}</div>
                    {(w.factId || w.section) && (
                      <button type="button" className="button link small" onClick={() => show(w)}>
                        Show in briefing
                      </button>
                    )}
                  </div>
                </li>
              );
            }
            // Several of one kind: one line with a count; each fact stays one click away.
            return (
              <li key={i} className={`${cls} warning-group`} data-warning-group={g.code}>
                <Icon name="warning" />
                <details>
                  <summary>{g.title}</summary>
                  <ul className="warning-group-list">
                    {g.warnings.map((w, j) => (
                      <li key={j}>
                        <div>{w.message}</div>
                        <button type="button" className="button link small" onClick={() => show(w)}>
                          Show in briefing
                        </button>
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
