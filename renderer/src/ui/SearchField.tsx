import type { Ref } from 'react';
import { Icon } from './Icon';

interface SearchFieldProps {
  label: string;
  placeholder: string;
  value: string;
  onChange(text: string): void;
  /** ↓ from the box: usually focuses the list below it. */
  onArrowDown?(): void;
  inputRef?: Ref<HTMLInputElement>;
}

/** The search box of a view's toolbar (library, sources, tags): a magnifier and the text. */
export function SearchField(p: SearchFieldProps) {
  const arrowDown = p.onArrowDown;
  return (
    <div className="search-field">
      <Icon name="search" />
      <input
        ref={p.inputRef}
        type="search"
        aria-label={p.label}
        placeholder={p.placeholder}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        onKeyDown={
          arrowDown &&
          ((e) => {
            if (e.key !== 'ArrowDown') return;
            e.preventDefault();
            arrowDown();
          })
        }
      />
    </div>
  );
}
