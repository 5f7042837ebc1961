import { useEffect, useMemo, useRef, useState } from 'react';
import type { CorroborationGroup, CorroborationMember } from '../../../api/contract';
import { call, errorMessage } from '../api';
import { plural, shortCitation } from '../format';
import { useApp } from '../state';
import { GradeBadge } from '../ui/bits';
import { FactPicker } from '../ui/FactPicker';
import { Icon } from '../ui/Icon';

interface Props {
  factId: string;
  /** The fact's own origin (its via source, else its source), to tell "same origin as this fact". */
  originId: string;
  /** After a link or unlink: the library list re-reads its corroboration counts. */
  onChanged(): void;
}

/**
 * The facts that corroborate this one (its whole group: links are transitive), with their
 * sources and whether each adds an independent origin; link another fact, unlink a direct one.
 */
export function CorroborationSection({ factId, originId, onChanged }: Props) {
  const app = useApp();
  const [group, setGroup] = useState<CorroborationGroup>();
  const [error, setError] = useState<string>();
  const [linking, setLinking] = useState(false);
  const linkButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    call('facts:corroboration', factId)
      .then((g) => live && setGroup(g))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [factId, app.dataVersion]);

  useEffect(() => {
    setLinking(false);
    setError(undefined);
  }, [factId]);

  const exclude = useMemo(() => new Set([factId, ...(group?.members.map((m) => m.fact.id) ?? [])]), [factId, group]);

  const write = async (run: () => Promise<CorroborationGroup>, done: string) => {
    try {
      setGroup(await app.track(run()));
      setError(undefined);
      app.notify(done);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const members = group?.members ?? [];
  const origins = group?.independentOrigins ?? 1;
  return (
    <section className="inspector-section corroboration" aria-labelledby="corrob-h" data-testid="corroboration">
      <div className="section-head">
        <h3 id="corrob-h">Corroboration</h3>
        {group && (
          <span className={`origin-summary${origins < 2 ? ' is-single' : ''}`} data-testid="corroboration-summary">
            {origins < 2 ? 'Single origin' : `${plural(origins, 'independent origin')}`}
          </span>
        )}
      </div>
      {group && members.length === 0 && (
        <p className="muted small">
          No other fact is linked. Link facts from other sources that report the same, so the briefing check knows it is corroborated.
        </p>
      )}
      {members.length > 0 && (
        <ul className="corrob-list" aria-label="Corroborating facts">
          {members.map((m) => (
            <Member
              key={m.fact.id}
              m={m}
              ownOrigin={m.origin.id === originId}
              onOpen={() => app.selectFact(m.fact.id)}
              onUnlink={() =>
                void write(async () => {
                  const g = await call('facts:uncorroborate', factId, m.fact.id);
                  linkButton.current?.focus();
                  return g;
                }, 'Link removed')
              }
            />
          ))}
        </ul>
      )}
      {linking ? (
        <div className="corrob-link-row">
          <FactPicker
            label="Find a corroborating fact"
            placeholder="Search the library for the same claim…"
            exclude={exclude}
            autoFocus
            onPick={(hit) => {
              setLinking(false);
              void write(() => call('facts:corroborate', factId, hit.fact.id), 'Facts linked as corroborating');
              window.setTimeout(() => linkButton.current?.focus(), 0);
            }}
          />
          <button type="button" className="button small" onClick={() => setLinking(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" ref={linkButton} className="button small" onClick={() => setLinking(true)}>
          <Icon name="link" /> Link corroborating fact…
        </button>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function Member({ m, ownOrigin, onOpen, onUnlink }: { m: CorroborationMember; ownOrigin: boolean; onOpen(): void; onUnlink(): void }) {
  const relayed = m.origin.id !== m.source.id;
  const status = m.independent ? 'Independent origin' : ownOrigin ? 'Same origin as this fact' : 'Same origin as a fact above';
  const short = m.fact.text.length > 60 ? `${m.fact.text.slice(0, 57)}…` : m.fact.text;
  return (
    <li className="corrob-item" data-fact-id={m.fact.id}>
      <button type="button" className="corrob-text" onClick={onOpen} title="Open this fact in the inspector">
        <span className="clamp-2">{m.fact.text}</span>
      </button>
      <div className="corrob-meta">
        <GradeBadge reliability={m.source.reliability} credibility={m.fact.credibility} />
        <span className="line-1" title={m.source.title}>
          {shortCitation(m.source) || m.source.title}
          {relayed ? ` · via ${m.origin.title}` : ''}
        </span>
      </div>
      <div className="corrob-status">
        <span className={`origin-flag${m.independent ? ' is-independent' : ''}`}>{status}</span>
        {m.note && (
          <span className="muted line-1" title={m.note}>
            “{m.note}”
          </span>
        )}
        <span className="toolbar-spacer" />
        {m.direct ? (
          <button type="button" className="button link small" aria-label={`Unlink “${short}”`} onClick={onUnlink}>
            Unlink
          </button>
        ) : (
          <span className="muted small" title="Linked to another fact of this group, not to this one: unlink it there">
            linked through another fact
          </span>
        )}
      </div>
    </li>
  );
}
