import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { StyleSummary, Template } from '../../../api/contract';
import type { Briefing } from '../../../core/model';
import { ApiError, call, errorMessage, hasShell, shellCall } from '../api';
import { useApp } from '../state';
import { useLatest } from '../ui/hooks';
import { briefingCommands } from './commands';
import { sectionCommands } from './section-commands';
import { type Command, UndoStack } from './undo';

/**
 * The briefing being edited: loaded once, read again when the library changes under the
 * window, and changed only through commands on the undo stack. Every command shows the
 * briefing the core returned, so the editor always renders what was stored.
 */
export function useBriefingDocument(briefingId: string) {
  const app = useApp();
  const [briefing, setBriefing] = useState<Briefing>();
  const [loadError, setLoadError] = useState<string>();
  const [template, setTemplate] = useState<Template>();
  const [styles, setStyles] = useState<StyleSummary[]>([]);
  const stack = useMemo(() => new UndoStack(), []);
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  useEffect(() => stack.subscribe(rerender), [stack]);
  const refreshList = useRef<number | undefined>(undefined);

  const show = useCallback(
    (b: Briefing) => {
      setBriefing(b);
      // The sidebar's counts and "changed" flags follow, once edits pause.
      window.clearTimeout(refreshList.current);
      refreshList.current = window.setTimeout(() => void app.refresh(), 800);
    },
    [app],
  );
  /** The whole briefing replaced (a version restored): the undo history no longer applies. */
  const replace = useCallback(
    (b: Briefing) => {
      stack.clear();
      show(b);
    },
    [stack, show],
  );
  const cmds = useMemo(() => briefingCommands(briefingId, show), [briefingId, show]);
  const sectionCmds = useMemo(() => sectionCommands(briefingId, show), [briefingId, show]);

  const exec = useCallback(
    (cmd: Command, leaving = false) =>
      app.track(leaving ? stack.executeBeforeLeaving(cmd) : stack.execute(cmd)).catch((e: unknown) => {
        app.notify(errorMessage(e), 'error');
      }),
    [app, stack],
  );
  const record = useCallback((cmd: Command) => stack.record(cmd), [stack]);
  const undo = useCallback(() => void app.track(stack.undo()).catch((e: unknown) => app.notify(errorMessage(e), 'error')), [app, stack]);
  const redo = useCallback(() => void app.track(stack.redo()).catch((e: unknown) => app.notify(errorMessage(e), 'error')), [app, stack]);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const b = await call('briefings:get', briefingId);
        if (!live) return;
        setBriefing(b);
        // The native menu's Recent Briefings list; the shell reads the title from the library itself.
        if (hasShell()) void shellCall('recent:briefingOpened', b.id).catch(() => undefined);
        const [t, s] = await Promise.all([call('templates:get', b.templateId).catch(() => undefined), call('styles:list').catch(() => [] as StyleSummary[])]);
        if (!live) return;
        setTemplate(t);
        setStyles(s);
      } catch (e) {
        if (live) setLoadError(errorMessage(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [briefingId]);

  // The library changed under the window (opened, switched, restored): read the briefing again.
  // The undo history stays only if the briefing is exactly as it was (e.g. after a backup).
  const current = useLatest(briefing);
  const mountEpoch = useRef(app.libraryEpoch);
  const { libraryEpoch, navigate, notify } = app;
  useEffect(() => {
    if (libraryEpoch === mountEpoch.current) return;
    let live = true;
    call('briefings:get', briefingId).then(
      (b) => {
        if (!live || JSON.stringify(b) === JSON.stringify(current.current)) return;
        stack.clear();
        setBriefing(b);
      },
      (e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.code === 'not_found') {
          notify(`“${current.current?.title ?? 'The briefing'}” is not in this library.`);
          navigate({ name: 'library' });
        } else notify(`Could not read the briefing again: ${errorMessage(e)}`, 'error');
      },
    );
    return () => {
      live = false;
    };
  }, [libraryEpoch, briefingId, current, stack, navigate, notify]);

  return { briefing, loadError, template, styles, stack, show, replace, cmds, sectionCmds, exec, record, undo, redo };
}

export type BriefingDocument = ReturnType<typeof useBriefingDocument>;
