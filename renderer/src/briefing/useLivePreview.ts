import { useEffect, useMemo, useRef, useState } from 'react';
import type { BriefingPreview, PreviewCitation } from '../../../api/contract';
import type { Briefing } from '../../../core/model';
import { call, errorMessage } from '../api';
import { useDebounced } from '../ui/hooks';

interface PreviewSource {
  briefing: Briefing;
  dataVersion: number;
}

/** A note or in-text citation of the preview, by cluster id (placed item id, or `ITEM#k` for a mark). */
export type ClusterMap = Map<string, PreviewCitation>;

/**
 * The live preview of the stored briefing, made again after edits pause. While the editor shows
 * anything newer than what the preview was made from, `busy` is true (the pane sets aria-busy,
 * so a reader — or a test — can tell a stale one).
 */
export function useLivePreview(briefingId: string, briefing: Briefing | undefined, dataVersion: number) {
  const [preview, setPreview] = useState<BriefingPreview>();
  const [error, setError] = useState<string>();
  const [previewOf, setPreviewOf] = useState<PreviewSource>();
  const debounced = useDebounced(briefing, 250);
  const seq = useRef(0);
  useEffect(() => {
    if (!debounced) return;
    const mine = ++seq.current;
    const source: PreviewSource = { briefing: debounced, dataVersion };
    call('briefings:preview', briefingId, {})
      .then((p) => {
        if (mine !== seq.current) return;
        setPreview(p);
        setError(undefined);
        setPreviewOf(source);
      })
      .catch((e: unknown) => {
        if (mine !== seq.current) return;
        setError(errorMessage(e));
        setPreviewOf(source);
      });
  }, [debounced, briefingId, dataVersion]);
  // Every edit shows the briefing the core returned (a new object), so identity says "newer".
  const busy = !!briefing && (previewOf?.briefing !== briefing || previewOf.dataVersion !== dataVersion);

  const clusters = useMemo(() => {
    const m: ClusterMap = new Map();
    for (const s of preview?.doc.sections ?? []) for (const b of s.blocks) for (const i of b.inlines) if (i.type !== 'text') m.set(i.clusterId, i);
    return m;
  }, [preview]);

  return { preview, error, busy, clusters };
}
