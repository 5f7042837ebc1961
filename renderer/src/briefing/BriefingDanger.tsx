import { useState } from 'react';
import type { Briefing } from '../../../core/model';
import { call, errorMessage } from '../api';
import { useApp } from '../state';
import { Icon } from '../ui/Icon';

export function BriefingDanger({ briefing }: { briefing: Briefing }) {
  const app = useApp();
  const [confirm, setConfirm] = useState(false);
  return (
    <div className="danger-zone briefing-danger">
      {confirm ? (
        <div className="confirm-row">
          <span>Delete “{briefing.title}”? The facts stay in the library.</span>
          <button
            type="button"
            className="button danger"
            onClick={() =>
              void (async () => {
                try {
                  await app.track(call('briefings:remove', briefing.id));
                  await app.refresh();
                  app.navigate({ name: 'library' });
                  app.notify('Briefing deleted');
                } catch (e) {
                  app.notify(errorMessage(e), 'error');
                }
              })()
            }
          >
            Delete briefing
          </button>
          <button type="button" className="button" onClick={() => setConfirm(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="button link danger-link small" onClick={() => setConfirm(true)}>
          <Icon name="trash" /> Delete briefing…
        </button>
      )}
    </div>
  );
}
