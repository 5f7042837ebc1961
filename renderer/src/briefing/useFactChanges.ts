import { useCallback, useEffect, useState } from 'react';
import type { CallResults } from '../../../api/contract';
import type { Briefing } from '../../../core/model';
import { call, errorMessage } from '../api';
import { useApp } from '../state';

export type FactChange = CallResults['briefings:changedFacts'][number];

/**
 * Facts this briefing uses (placed or cited) that changed in the library since it took them,
 * read again after every edit and library change; `accept` takes the new versions as seen.
 */
export function useFactChanges(briefingId: string, briefing: Briefing | undefined, dataVersion: number, show: (b: Briefing) => void) {
  const app = useApp();
  const [changes, setChanges] = useState<FactChange[]>([]);
  useEffect(() => {
    if (!briefing) return;
    let live = true;
    call('briefings:changedFacts', briefingId).then(
      (c) => live && setChanges(c),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [briefingId, briefing, dataVersion]);

  const accept = useCallback(
    (ids?: string[]) =>
      app
        .track(call('briefings:acceptFactChanges', briefingId, ids))
        .then((b) => {
          show(b);
          app.notify('Changes accepted');
        })
        .catch((e: unknown) => app.notify(errorMessage(e), 'error')),
    [app, briefingId, show],
  );
  return { changes, accept };
}
