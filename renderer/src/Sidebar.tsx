import { useEffect, useState, type ReactNode } from 'react';
import { call, errorMessage } from './api';
import { daysAgo, formatCount } from './format';
import { EMPTY_FILTERS, sameFilters } from './library/filters';
import { useApp } from './state';
import { Icon } from './ui/Icon';

const STALE_DAYS = 90;

export function Sidebar({ onNewBriefing }: { onNewBriefing(): void }) {
  const app = useApp();
  const { view, filters } = app;
  const [unverified, setUnverified] = useState<{ n: number; capped: boolean }>();
  const staleSince = daysAgo(STALE_DAYS);

  useEffect(() => {
    if (!app.connected) return;
    let live = true;
    call('facts:search', { notVerifiedSince: staleSince, limit: 1 })
      .then((r) => live && setUnverified({ n: r.total, capped: r.totalCapped }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [app.connected, app.dataVersion, staleSince]);

  const inLibrary = view.name === 'library';
  const isAll = inLibrary && sameFilters(filters, EMPTY_FILTERS) && filters.sort === '';
  const isRecent = inLibrary && sameFilters(filters, { ...EMPTY_FILTERS, sort: 'newest' });
  const isStale = inLibrary && sameFilters(filters, { ...EMPTY_FILTERS, notVerifiedSince: staleSince });
  const topSources = [...app.sources].sort((a, b) => b.factCount - a.factCount || a.title.localeCompare(b.title));

  return (
    <nav className="sidebar" aria-label="Workspace">
      <div className="sidebar-brand">
        <span className="brand-mark" aria-hidden="true">
          D
        </span>
        <span className="brand-name">Dossier</span>
      </div>
      <div className="sidebar-scroll">
        <ul className="nav-list">
          <NavItem icon="library" label="Library" count={app.counts?.facts} current={isAll} onClick={() => app.setFilters(EMPTY_FILTERS)} />
          <NavItem icon="capture" label="Capture" current={view.name === 'capture'} onClick={() => app.navigate({ name: 'capture' })} shortcut="Ctrl+Shift+I" />
          <NavItem
            icon="source"
            label="Sources"
            count={app.counts?.sources}
            title="Manage sources: edit, merge duplicates, delete"
            current={view.name === 'sources'}
            onClick={() => app.navigate({ name: 'sources' })}
          />
          <NavItem
            icon="tag"
            label="Tags"
            count={app.counts?.tags}
            title="Manage tags: rename, merge"
            current={view.name === 'tags'}
            onClick={() => app.navigate({ name: 'tags' })}
          />
          <NavItem icon="clock" label="Recently added" current={isRecent} onClick={() => app.setFilters({ ...EMPTY_FILTERS, sort: 'newest' })} />
          <NavItem
            icon="alert"
            label="Needs verification"
            count={unverified?.n}
            capped={unverified?.capped}
            title={`Facts never verified, or not verified in the last ${STALE_DAYS} days`}
            current={isStale}
            onClick={() => app.setFilters({ ...EMPTY_FILTERS, notVerifiedSince: staleSince })}
          />
        </ul>

        <Group
          title="Briefings"
          action={
            <button type="button" className="icon-button" aria-label="New briefing (Ctrl+N)" title="New briefing (Ctrl+N)" onClick={onNewBriefing}>
              <Icon name="plus" />
            </button>
          }
        >
          {app.briefings.length === 0 && <li className="nav-empty">No briefings yet</li>}
          {app.briefings.map((b) => (
            <NavItem
              key={b.id}
              icon="doc"
              label={b.title}
              count={b.factCount}
              flag={
                b.changedFacts > 0
                  ? `${b.changedFacts} fact${b.changedFacts === 1 ? '' : 's'} changed since you used ${b.changedFacts === 1 ? 'it' : 'them'}`
                  : undefined
              }
              title={`${b.title} — ${b.factCount} fact${b.factCount === 1 ? '' : 's'}${b.changedFacts > 0 ? ` · ${b.changedFacts} changed since you used ${b.changedFacts === 1 ? 'it' : 'them'}` : ''}`}
              current={view.name === 'briefing' && view.id === b.id}
              onClick={() => app.navigate({ name: 'briefing', id: b.id })}
            />
          ))}
        </Group>

        <Group title="Saved searches" collapsible>
          {app.savedSearches.length === 0 && <li className="nav-empty">Save a search from the library toolbar</li>}
          {app.savedSearches.map((s) => (
            <li key={s.id} className="nav-row">
              <button
                type="button"
                className="nav-item"
                aria-current={inLibrary && sameFilters(filters, s.filters) ? 'true' : undefined}
                onClick={() => app.setFilters(s.filters)}
              >
                <Icon name="search" />
                <span className="nav-label">{s.name}</span>
              </button>
              <button
                type="button"
                className="icon-button nav-row-action"
                aria-label={`Delete saved search ${s.name}`}
                title="Delete saved search"
                onClick={() =>
                  void app.removeSavedSearch(s.id).catch((e: unknown) => app.notify(`Could not delete the saved search: ${errorMessage(e)}`, 'error'))
                }
              >
                <Icon name="x" />
              </button>
            </li>
          ))}
        </Group>

        <Group title="Tags" collapsible limit={14} total={app.tags.length}>
          {(all) =>
            (all ? app.tags : app.tags.slice(0, 14)).map((t) => (
              <NavItem
                key={t.name}
                icon="tag"
                label={t.name}
                count={t.count}
                current={inLibrary && filters.tags.length === 1 && filters.tags[0] === t.name}
                onClick={() => app.setFilters({ ...EMPTY_FILTERS, tags: [t.name] })}
              />
            ))
          }
        </Group>

        <Group title="Sources" collapsible limit={10} total={topSources.length}>
          {(all) =>
            (all ? topSources : topSources.slice(0, 10)).map((s) => (
              <NavItem
                key={s.id}
                icon="source"
                label={s.title}
                title={s.title}
                count={s.factCount}
                current={inLibrary && filters.sourceId === s.id}
                onClick={() => app.setFilters({ ...EMPTY_FILTERS, sourceId: s.id })}
              />
            ))
          }
        </Group>
      </div>
    </nav>
  );
}

function NavItem(props: {
  icon: string;
  label: string;
  count?: number | undefined;
  flag?: string | undefined;
  capped?: boolean | undefined;
  current: boolean;
  onClick(): void;
  title?: string;
  shortcut?: string;
}) {
  return (
    <li>
      <button
        type="button"
        className="nav-item"
        aria-current={props.current ? 'page' : undefined}
        onClick={props.onClick}
        title={props.title ?? (props.shortcut ? `${props.label} (${props.shortcut})` : undefined)}
      >
        <Icon name={props.icon} />
        <span className="nav-label">{props.label}</span>
        {props.flag && (
          <span className="nav-flag" role="img" aria-label={props.flag}>
            <Icon name="warning" size={12} />
          </span>
        )}
        {props.count !== undefined && (
          <span className="nav-count">
            {formatCount(props.count)}
            {props.capped ? '+' : ''}
          </span>
        )}
      </button>
    </li>
  );
}

function Group(props: {
  title: string;
  action?: ReactNode;
  collapsible?: boolean;
  limit?: number;
  total?: number;
  children: ReactNode | ((all: boolean) => ReactNode);
}) {
  const [open, setOpen] = useState(true);
  const [all, setAll] = useState(false);
  const id = `group-${props.title.toLowerCase().replace(/\W+/g, '-')}`;
  const more = props.limit !== undefined && props.total !== undefined && props.total > props.limit;
  return (
    <section className="nav-group" aria-labelledby={id}>
      <div className="nav-group-head">
        {props.collapsible ? (
          <button type="button" className="nav-group-toggle" id={id} aria-expanded={open} onClick={() => setOpen(!open)}>
            <Icon name={open ? 'chevron-down' : 'chevron-right'} />
            {props.title}
          </button>
        ) : (
          <h2 className="nav-group-title" id={id}>
            {props.title}
          </h2>
        )}
        {props.action}
      </div>
      {open && (
        <ul className="nav-list">
          {typeof props.children === 'function' ? props.children(all) : props.children}
          {more && (
            <li>
              <button type="button" className="nav-more" onClick={() => setAll(!all)}>
                {all ? 'Show fewer' : `Show all ${formatCount(props.total!)}`}
              </button>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
