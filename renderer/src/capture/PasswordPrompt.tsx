import { useState } from 'react';

/**
 * Shown in the capture screen's error area when the core answers 'password_required': the
 * message (password-protected, or the password was wrong) and a password field that retries
 * the preview with it. The password stays in memory for this file only; it is never saved.
 */
export function PasswordPrompt({ message, onSubmit }: { message: string; onSubmit: (password: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <form
      className="password-prompt"
      role="alert"
      onSubmit={(e) => {
        e.preventDefault();
        if (value) onSubmit(value);
      }}
    >
      <p className="error-text">{message}</p>
      <label>
        Password <input type="password" autoComplete="off" aria-label="PDF password" value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
      </label>{' '}
      <button type="submit" className="button" disabled={!value}>
        Open
      </button>
    </form>
  );
}
