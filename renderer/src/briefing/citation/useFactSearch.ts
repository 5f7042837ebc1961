import { useEffect, useState } from 'react';
import type { FactHit } from '../../../../api/contract';
import { call, errorMessage } from '../../api';
import { useDebounced } from '../../ui/hooks';

/** Facts matching what is typed (prefix on the last word), for the cite popups; off while `text` is undefined. */
export function useFactSearch(text: string | undefined, limit = 8): { hits: FactHit[]; error?: string | undefined; query: string | undefined } {
  const q = useDebounced(text, 120);
  const [state, setState] = useState<{ hits: FactHit[]; error?: string; query: string | undefined }>({ hits: [], query: undefined });
  useEffect(() => {
    if (q === undefined) return;
    let live = true;
    call('facts:search', { ...(q.trim() ? { text: q, prefixLast: true } : {}), limit })
      .then((r) => live && setState({ hits: r.hits, query: q }))
      .catch((e: unknown) => live && setState({ hits: [], error: errorMessage(e), query: q }));
    return () => {
      live = false;
    };
  }, [q, limit]);
  return state;
}
