import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures';
import { bindShell } from './shell-bridge';

/**
 * The team library in the window, against a real throwaway PostgreSQL cluster: the status bar's
 * chip through linked, pending, synced, conflicts and offline; a colleague's library (the core,
 * directly) edits the same field; the inspector settles the conflicts; a reader sees a team fact
 * read-only. Needs PostgreSQL's server binaries: without them the spec is skipped, saying so —
 * except on CI, which installs them and must run it.
 */
test('team sync: the chip and the inspector through synced, pending, conflicts and offline', async ({ page, app }) => {
  const { postgresBinaries, startCluster, teamFixture, startProxy, linkLibrary, syncOnce, addUser, Library } = app.core;
  if (!postgresBinaries()) {
    const msg = 'PostgreSQL server binaries (initdb, pg_ctl) not found: install postgresql to run the team sync spec';
    if (process.env.CI === 'true') throw new Error(`${msg}; CI requires it.`);
    test.skip(true, msg);
    return;
  }
  const cluster = await startCluster();
  const closers: (() => unknown)[] = [() => cluster.stop()];
  try {
    const fx = await teamFixture(cluster);
    closers.unshift(() => fx.close());
    // The app reaches the server through a proxy the test can cut: the office network going away.
    const proxy = await startProxy(cluster.port);
    closers.unshift(() => proxy.close());
    const ann = await fx.member('ann', 'editor', 'S');
    const bob = await fx.member('bob', 'editor', 'S');

    app.loadSample();
    await bindShell(page, app, { saveDialog: async () => undefined });
    await app.open();
    const chip = page.getByTestId('team-chip');
    await expect(chip).toHaveText('Team: not linked');

    // Link through the Team dialog: the URL names Ann, the password is typed apart.
    await chip.click();
    const dialog = page.getByRole('dialog', { name: 'Team' });
    const login = new URL(ann.url);
    const password = decodeURIComponent(login.password);
    login.password = '';
    login.port = String(proxy.port);
    await dialog.getByLabel(/^Server/).fill(login.toString());
    await dialog.getByLabel('Team', { exact: true }).fill(fx.teamName);
    await dialog.getByLabel('Password', { exact: true }).fill(password);
    await snap(page, 'team-link-form');
    await dialog.getByRole('button', { name: 'Link library' }).click();
    await expect(dialog.getByTestId('team-state')).toHaveText('Synced just now');
    await expect(dialog.getByText(`${ann.name} · editor`)).toBeVisible();
    await expect(chip).toHaveText('Synced just now');
    await snap(page, 'team-linked-dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Share a fact from the inspector: two rows (the fact, its source) go up by themselves.
    const factId = app.lib.searchFacts({ text: 'close again by spring' }).hits[0].fact.id;
    const inspector = await openFact(page, factId);
    await inspector.getByRole('button', { name: /^Share this fact with team/ }).click();
    await expect(chip).toHaveText('2 to send');
    await expect(inspector.getByText(`Shared with team “${fx.teamName}”.`)).toBeVisible();
    await expect(chip).toHaveText(/^Synced /);

    // An edit of the shared fact: one to send, then synced again.
    await editNotes(page, 'Port authority confirmed the date.');
    await expect(chip).toHaveText('1 to send');
    await snap(page, 'team-pending');
    await expect(chip).toHaveText(/^Synced /);
    await snap(page, 'team-synced');

    // Bob's library (the core directly) takes the fact and edits the same field first.
    const bobLib = Library.open(join(app.dir, 'bob.sqlite'));
    closers.unshift(() => bobLib.close());
    await linkLibrary(bobLib, bob.s, bob.url, fx.teamName);
    const colleague = async (notes: string) => {
      await syncOnce(bobLib, bob.s);
      bobLib.updateFact(factId, { notes });
      expect((await syncOnce(bobLib, bob.s)).pushed).toBe(1);
    };

    // 1. Keep mine: Ann's value goes to the team.
    await colleague('Bob: the date is not confirmed.');
    await editNotes(page, 'Ann: confirmed by the port authority.');
    await expect(chip).toHaveText('1 conflict');
    const conflicts = inspector.getByRole('region', { name: 'Conflicts with the team' });
    await expect(conflicts.getByTestId('team-conflict')).toHaveCount(1);
    await expect(conflicts).toContainText('Bob: the date is not confirmed.');
    await expect(conflicts).toContainText('Ann: confirmed by the port authority.');
    await conflicts.scrollIntoViewIfNeeded();
    await snap(page, 'team-conflict');
    await conflicts.getByRole('button', { name: /^Keep mine/ }).click();
    await expect(conflicts).toHaveCount(0);
    await expect(chip).toHaveText(/^Synced /);
    await expect.poll(async () => (await syncOnce(bobLib, bob.s), bobLib.getFact(factId).notes)).toBe('Ann: confirmed by the port authority.');

    // 2. Keep theirs: Bob's value stays, and the inspector shows it.
    await colleague('Bob: confirmed, for the 14th.');
    await editNotes(page, 'Ann: confirmed, date to follow.');
    await expect(chip).toHaveText('1 conflict');
    await conflicts.getByRole('button', { name: /^Keep theirs/ }).click();
    await expect(conflicts).toHaveCount(0);
    await expect(inspector.getByRole('textbox', { name: 'Notes', exact: true })).toHaveValue('Bob: confirmed, for the 14th.');
    await expect(chip).toHaveText(/^Synced /);
    expect(app.lib.listConflicts({ open: true })).toEqual([]);

    // The office network goes away: offline, and the edit waits.
    proxy.cut();
    await chip.click();
    await dialog.getByRole('button', { name: 'Sync now' }).click();
    await expect(chip).toHaveText('Offline — will retry');
    await expect(dialog.getByText(/^Cannot reach the team server at 127\.0\.0\.1:\d+/)).toBeVisible();
    await snap(page, 'team-offline');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Ann's role lowered to reader: after the next sync the team's fact is read-only, saying why.
    proxy.heal();
    await addUser(fx.admin, { name: ann.name, team: fx.teamName, role: 'reader', clearance: 'S', password });
    await chip.click();
    await dialog.getByRole('button', { name: 'Sync now' }).click();
    await expect(chip).toHaveText(/^Synced /);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(inspector.getByRole('note')).toHaveText(`Read-only: this fact belongs to team “${fx.teamName}”, where you are a reader.`);
    await expect(inspector.getByRole('textbox', { name: 'Notes', exact: true })).toBeDisabled();
    await expect(inspector.getByRole('button', { name: /Delete fact/ })).toBeDisabled();
    await expect(inspector.getByRole('button', { name: /^Share this fact/ })).toHaveCount(0);
    await inspector.getByRole('note').scrollIntoViewIfNeeded();
    await snap(page, 'team-reader-read-only');
  } finally {
    // Each is closed even if one before it failed; the cluster last, always.
    for (const close of closers)
      await Promise.resolve()
        .then(close)
        .catch((e: unknown) => console.warn(`team-sync spec cleanup: ${String(e)}`));
  }
});

async function openFact(page: Page, factId: string) {
  await page.getByRole('searchbox', { name: 'Search facts' }).fill('close again by spring');
  const rows = page.locator('#library-list [role="option"]');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-fact-id', factId);
  await rows.first().click();
  return page.getByTestId('inspector');
}

async function editNotes(page: Page, text: string): Promise<void> {
  const notes = page.getByTestId('inspector').getByRole('textbox', { name: 'Notes', exact: true });
  await notes.fill(text);
  await notes.press('Tab');
}
