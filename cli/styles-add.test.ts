import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing/temp-library';
import { runInProcess } from './testing/in-process';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const dependent = (parent: string) => `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-GB">
  <info>
    <title>Port Economics Quarterly</title>
    <id>http://www.zotero.org/styles/port-economics-quarterly</id>
    <link href="${parent}" rel="independent-parent"/>
    <updated>2024-01-01T00:00:00+00:00</updated>
  </info>
</style>
`;

describe('dossier styles add with a dependent style', () => {
  it('adds it on a bundled parent and lists it by its own title', async () => {
    const file = join(dir, 'port-economics-quarterly.csl');
    writeFileSync(file, dependent('http://www.zotero.org/styles/chicago-author-date'));
    const styleDir = join(dir, 'styles');
    const added = await runInProcess(join(dir, 'lib.sqlite'), ['styles', 'add', file, '--style-dir', styleDir]);
    expect(added.err).toBe('');
    expect(added.out).toContain(
      'Added style "Port Economics Quarterly" (http://www.zotero.org/styles/port-economics-quarterly, in-text, formatted as its parent http://www.zotero.org/styles/chicago-author-date)',
    );
    const list = await runInProcess(join(dir, 'lib.sqlite'), ['styles', '--style-dir', styleDir, '--json']);
    expect(JSON.parse(list.out)).toContainEqual(
      expect.objectContaining({ id: 'http://www.zotero.org/styles/port-economics-quarterly', title: 'Port Economics Quarterly', source: 'user' }),
    );
  });

  it('refuses it, naming the parent, when the parent is unknown, and stores nothing', async () => {
    const file = join(dir, 'orphan.csl');
    writeFileSync(file, dependent('http://www.zotero.org/styles/no-such-parent-style'));
    const styleDir = join(dir, 'styles');
    const r = await runInProcess(join(dir, 'lib.sqlite'), ['styles', 'add', file, '--style-dir', styleDir]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('orphan.csl: dependent style: its parent style http://www.zotero.org/styles/no-such-parent-style is neither bundled nor added');
    const list = await runInProcess(join(dir, 'lib.sqlite'), ['styles', '--style-dir', styleDir, '--json']);
    expect(JSON.parse(list.out).filter((s: { source: string }) => s.source === 'user')).toEqual([]);
  });
});
