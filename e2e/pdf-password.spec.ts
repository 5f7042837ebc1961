import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

/** A real AES-256 PDF (ingest/formats/testing/encrypted-report.pdf, user password "grain-2024"). */
const ENCRYPTED = readFileSync(new URL('../ingest/formats/testing/encrypted-report.pdf', import.meta.url));

test('a password-protected PDF: the capture screen asks for its password, says when it is wrong, then reads it', async ({ page, app }) => {
  await app.open();
  await page.getByRole('button', { name: 'Capture' }).click();
  await page.getByLabel('Choose a file to capture').setInputFiles({ name: 'corridor.pdf', mimeType: 'application/pdf', buffer: ENCRYPTED });

  const prompt = page.locator('form.password-prompt');
  await expect(prompt).toContainText('corridor.pdf: this PDF is password-protected');
  const password = prompt.getByLabel('PDF password');
  await password.fill('wheat-2023');
  await prompt.getByRole('button', { name: 'Open' }).click();
  await expect(prompt).toContainText('is wrong');

  await password.fill('grain-2024');
  await prompt.getByRole('button', { name: 'Open' }).click();
  const candidates = page.getByRole('list', { name: 'Candidate facts' }).getByRole('listitem');
  await expect(candidates.first()).toContainText('Grain exports through the corridor rose 9 percent in May');
  await expect(prompt).toHaveCount(0);
  await expect(candidates).toHaveCount(2);
  await page.getByRole('button', { name: 'Save 2 facts' }).click();
  await expect(page.getByTestId('library-total')).toHaveText('2 facts');
  // The password was used to read the file, never stored.
  expect(JSON.stringify(app.lib.db.prepare('SELECT * FROM settings').all())).not.toContain('grain-2024');
});
