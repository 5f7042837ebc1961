import { useEffect, useMemo, useRef, useState } from 'react';
import type { FactDetail } from '../../../api/contract';
import type { Briefing } from '../../../core/model';
import { call } from '../api';
import { proseClusters } from './citation/cite-keys';

/** Every fact the briefing places or cites in a mark, once each, in document order. */
function citedFactIds(briefing: Briefing | undefined): string[] {
  const ids = new Set<string>();
  for (const s of briefing?.sections ?? [])
    for (const i of s.items) {
      if (i.kind === 'fact') ids.add(i.factId);
      else for (const c of proseClusters(i.text)) for (const cite of c.cites) ids.add(cite.factId);
    }
  return [...ids];
}

/**
 * The facts the briefing uses, for the chips: fetched once each, all read again when the
 * library changes (dataVersion). The chips keep the facts they show until the new ones arrive.
 */
export function useCitedFacts(briefing: Briefing | undefined, dataVersion: number): Map<string, FactDetail> {
  const [facts, setFacts] = useState<Map<string, FactDetail>>(new Map());
  const factIds = useMemo(() => citedFactIds(briefing), [briefing]);
  const factKey = factIds.join(',');
  const factsRead = useRef(dataVersion);
  useEffect(() => {
    let live = true;
    const stale = factsRead.current !== dataVersion;
    const wanted = stale ? factIds : factIds.filter((id) => !facts.has(id));
    if (wanted.length === 0) return;
    void Promise.all(wanted.map((id) => call('facts:get', id).catch(() => undefined))).then((got) => {
      if (!live) return;
      factsRead.current = dataVersion;
      setFacts((m) => {
        const next = new Map(stale ? undefined : m);
        got.forEach((d) => d && next.set(d.fact.id, d));
        return next;
      });
    });
    return () => {
      live = false;
    };
  }, [factKey, dataVersion]); // eslint-disable-line react-hooks/exhaustive-deps
  return facts;
}
