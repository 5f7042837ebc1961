import type { StyleSummary } from '../../../api/contract';
import type { Briefing } from '../../../core/model';
import { useApp } from '../state';
import type { BriefingPatch } from './commands';

export function DocumentSettings({
  briefing,
  styles,
  isNoteStyle,
  onChange,
}: {
  briefing: Briefing;
  styles: StyleSummary[];
  isNoteStyle: boolean;
  onChange(before: BriefingPatch, after: BriefingPatch, label: string): void;
}) {
  const app = useApp();
  const levels = app.info?.markingScheme.levels ?? [];
  return (
    <details className="doc-settings">
      <summary>
        <span>Document settings</span>
        <span className="settings-summary">
          {styles.find((s) => s.id === briefing.styleId)?.title ?? 'Template citation style'} ·{' '}
          {isNoteStyle ? (briefing.notePlacement ?? 'template notes') : 'in-text citations'} ·{' '}
          {briefing.marking ? `marked at least ${briefing.marking}` : 'marking from facts'}
          {briefing.portionMarks ? ' · portion marks' : ''}
        </span>
      </summary>
      <div className="settings-grid">
        <label>
          <span>Citation style</span>
          <select
            value={briefing.styleId ?? ''}
            onChange={(e) => onChange({ styleId: briefing.styleId ?? '' }, { styleId: e.target.value }, 'Change citation style')}
          >
            <option value="">Template default</option>
            {styles.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Notes</span>
          <select
            value={briefing.notePlacement ?? ''}
            disabled={!isNoteStyle}
            title={isNoteStyle ? undefined : 'This style cites in the text'}
            onChange={(e) =>
              e.target.value && onChange({ notePlacement: briefing.notePlacement ?? 'footnotes' }, { notePlacement: e.target.value }, 'Change note placement')
            }
          >
            {!briefing.notePlacement && <option value="">Template default</option>}
            <option value="footnotes">Footnotes</option>
            <option value="endnotes">Endnotes</option>
          </select>
        </label>
        <label>
          <span>Handling marking</span>
          <select value={briefing.marking ?? ''} onChange={(e) => onChange({ marking: briefing.marking ?? '' }, { marking: e.target.value }, 'Change marking')}>
            <option value="">From the facts cited</option>
            {levels.map((l) => (
              <option key={l.id} value={l.id}>
                At least {l.banner}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={briefing.portionMarks}
            onChange={(e) => onChange({ portionMarks: briefing.portionMarks }, { portionMarks: e.target.checked }, 'Toggle portion marks')}
          />{' '}
          Portion marks
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={briefing.derivedFrom}
            title="Classified and CUI documents always carry their first-page block"
            onChange={(e) => onChange({ derivedFrom: briefing.derivedFrom }, { derivedFrom: e.target.checked }, 'Toggle “Derived from”')}
          />{' '}
          “Derived from” line (unmarked documents)
        </label>
      </div>
    </details>
  );
}
