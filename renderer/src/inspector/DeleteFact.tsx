import { useState } from 'react';
import { call, errorMessage } from '../api';
import { useApp } from '../state';
import { Icon } from '../ui/Icon';

/** The inspector's last section: "Delete fact…", then a confirmation in place. */
export function DeleteFact({ factId, onDeleted }: { factId: string; onDeleted(): void }) {
  const app = useApp();
  const [confirming, setConfirming] = useState(false);
  const remove = async () => {
    try {
      await app.track(call('facts:remove', factId));
      app.notify('Fact deleted');
      app.touchData();
      onDeleted();
    } catch (e) {
      app.notify(errorMessage(e), 'error');
      setConfirming(false);
    }
  };
  return (
    <section className="inspector-section danger-zone" aria-label="Delete fact">
      {confirming ? (
        <div className="confirm-row">
          <span>Delete this fact from the library?</span>
          <button type="button" className="button danger" onClick={() => void remove()}>
            Delete
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="button link danger-link" onClick={() => setConfirming(true)}>
          <Icon name="trash" /> Delete fact…
        </button>
      )}
    </section>
  );
}
