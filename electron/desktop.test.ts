import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, SHELL_CALL_NAMES } from '../api/call-names';
import { Library } from '../db/library';
import { tempDir } from '../db/testing/temp-library';
import { loadSample } from '../samples/load';
import { Desktop, type NativeShell } from './desktop';
import type { DossierEvents } from '../api/shell/events';
import { CoreCallError } from '../api/host/client';
import { type CoreLink, CoreService, InProcessCore } from '../api/host/core-service';
import { corruptButOpenable } from '../api/host/testing';
import { createShellDispatcher } from './shell-handlers';
import { StateStore } from './state-store';
import { WrittenFiles } from '../api/host/write-grants';

let dir: string;
let cleanup: () => void;
let host: CoreService;
let desktop: Desktop;
let shell: ReturnType<typeof createShellDispatcher>;
let events: { type: keyof DossierEvents; payload: unknown }[];
/** Sees each event as it is emitted (a test may act on one). */
let onEvent: ((e: { type: string; payload: unknown }) => void) | undefined;
let native: { [K in keyof NativeShell]: ReturnType<typeof vi.fn> };
let briefingId: string;
/** Whether the person just clicked in the window (main reads it from real input events). */
let gesture: () => boolean;

const appInfo = { name: 'Dossier', version: '0.1.0', versions: { electron: '40', chrome: '144', node: '24' }, platform: process.platform, packaged: false };

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  const lib = Library.open(join(dir, 'library.sqlite'));
  briefingId = loadSample(lib);
  lib.close();
  events = [];
  onEvent = undefined;
  gesture = () => false;
  native = {
    saveDialog: vi.fn(async () => undefined),
    openDialog: vi.fn(async () => undefined),
    choose: vi.fn(async () => 0),
    openPath: vi.fn(async () => ''),
    showItemInFolder: vi.fn(),
    openExternal: vi.fn(async () => undefined),
    documentsDir: vi.fn(() => dir),
  };
  host = new CoreService({ backupRoot: join(dir, 'backups') });
  desktop = new Desktop({
    core: new InProcessCore(host),
    state: new StateStore(join(dir, 'state.json')),
    written: new WrittenFiles(),
    native: native as unknown as NativeShell,
    userGesture: () => gesture(),
    emit: (type, payload) => {
      events.push({ type, payload });
      onEvent?.({ type, payload });
    },
  });
  shell = createShellDispatcher(desktop, appInfo);
  await desktop.openLibraryAt(join(dir, 'library.sqlite'));
});
afterEach(() => {
  host.close();
  cleanup();
});

const OP = 'op-12345678';

describe('the shell contract', () => {
  it('has names of its own, never colliding with the core contract', () => {
    expect(SHELL_CALL_NAMES.filter((n) => (CALL_NAMES as readonly string[]).includes(n))).toEqual([]);
  });

  it('refuses unknown calls and arguments that fail their schema', async () => {
    expect(await shell('shell:exec', ['rm -rf /'])).toMatchObject({ ok: false, error: { code: 'validation', field: 'call' } });
    expect(await shell('__proto__', [])).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await shell('export:briefing', [{ opId: 'x', briefingId, format: 'docx' }])).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await shell('export:briefing', [{ opId: OP, briefingId, format: 'docx', out: '/etc/passwd' }])).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await shell('import:bytes', [{ opId: OP, name: 'a.txt', bytes: 'text, not bytes' }])).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await shell('link:open', 'https://example.org')).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await shell('app:info', [])).toEqual({ ok: true, value: appInfo });
  });
});

describe('writing files', () => {
  it('exports only to a path the user chose in the save dialog, then lets that file be opened or shown', async () => {
    const chosen = join(dir, 'Memo.docx');
    native.saveDialog.mockResolvedValueOnce(chosen);
    const r = await shell('export:briefing', [{ opId: OP, briefingId, format: 'docx' }]);
    expect(r).toMatchObject({ ok: true, value: { path: chosen, format: 'docx' } });
    expect(existsSync(chosen)).toBe(true);
    expect(native.saveDialog.mock.calls[0][0]).toMatchObject({ filters: [{ extensions: ['docx'] }] });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['operation:started', 'operation:progress', 'operation:finished']));
    expect(events.find((e) => e.type === 'operation:finished')!.payload).toMatchObject({ opId: OP, kind: 'export', outcome: 'ok' });
    // The core's own phases reach the progress line, in order.
    const phases = events.filter((e) => e.type === 'operation:progress').map((e) => (e.payload as { phase: string }).phase);
    expect(phases).toEqual([
      'Choosing where to save',
      'Rendering citations',
      'Laying out the document',
      'Writing the file',
      'Running the pre-flight check',
      'Done',
    ]);

    expect(await shell('file:open', [chosen])).toEqual({ ok: true, value: null });
    expect(native.openPath).toHaveBeenCalledWith(chosen);
    expect(await shell('file:showInFolder', [chosen])).toEqual({ ok: true, value: null });
    expect(native.showItemInFolder).toHaveBeenCalledWith(chosen);
  });

  it('never opens or reveals a file Dossier did not write', async () => {
    for (const path of ['/etc/passwd', 'C:\\Windows\\System32\\calc.exe', join(dir, 'library.sqlite'), '\\\\server\\share\\x.exe']) {
      expect(await shell('file:open', [path]), path).toMatchObject({ ok: false, error: { code: 'validation' } });
      expect(await shell('file:showInFolder', [path]), path).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(native.openPath).not.toHaveBeenCalled();
    expect(native.showItemInFolder).not.toHaveBeenCalled();
  });

  it('lets the core write only where a save dialog granted it', async () => {
    const made = join(dir, 'made-up.docx');
    expect(await desktop.call('briefings:export', [briefingId, { format: 'docx', out: made }])).toMatchObject({ ok: false, error: { field: 'out' } });
    expect(await desktop.call('library:backup', [join(dir, 'copy.sqlite')])).toMatchObject({ ok: false, error: { field: 'out' } });
    native.saveDialog.mockResolvedValueOnce(made);
    expect(await shell('dialog:saveFile', [{ purpose: 'export', defaultName: 'Memo.docx', format: 'docx' }])).toEqual({ ok: true, value: { path: made } });
    expect(native.saveDialog.mock.calls.at(-1)![0]).toMatchObject({ defaultPath: join(dir, 'Memo.docx') });
    expect(await desktop.call('briefings:export', [briefingId, { format: 'docx', out: made }])).toMatchObject({ ok: true });
    // …and the written file may now be opened.
    expect(await shell('file:open', [made])).toMatchObject({ ok: true });
  });

  it('reports a cancelled save dialog as a value', async () => {
    expect(await shell('export:briefing', [{ opId: OP, briefingId, format: 'markdown' }])).toEqual({ ok: true, value: { canceled: true } });
    expect(await shell('dialog:saveFile', [{ purpose: 'backup' }])).toEqual({ ok: true, value: { canceled: true } });
  });

  it('cancels a running export by its id', async () => {
    let release!: (p: string) => void;
    native.saveDialog.mockReturnValueOnce(new Promise((r) => (release = r)));
    const pending = shell('export:briefing', [{ opId: OP, briefingId, format: 'docx' }]);
    await vi.waitFor(() => expect(native.saveDialog).toHaveBeenCalled());
    expect(await shell('operation:cancel', [OP])).toEqual({ ok: true, value: { cancelled: true } });
    release(join(dir, 'late.docx'));
    expect(await pending).toEqual({ ok: false, error: { code: 'cancelled', message: 'Cancelled' } });
    expect(existsSync(join(dir, 'late.docx'))).toBe(false);
    expect(events.at(-1)).toEqual({ type: 'operation:finished', payload: { opId: OP, kind: 'export', outcome: 'cancelled', message: 'Cancelled' } });
    expect(await shell('operation:cancel', [OP])).toEqual({ ok: true, value: { cancelled: false } });
  });
});

describe('cancelling inside the export', () => {
  it('stops between phases and leaves no file', async () => {
    const chosen = join(dir, 'Stopped.docx');
    native.saveDialog.mockResolvedValueOnce(chosen);
    // Cancel as soon as the core starts on the citations.
    const cancelOnCitations = (e: { type: string; payload: unknown }) => {
      if (e.type === 'operation:progress' && (e.payload as { phase: string }).phase === 'Rendering citations') void shell('operation:cancel', [OP]);
    };
    onEvent = cancelOnCitations;
    const r = await shell('export:briefing', [{ opId: OP, briefingId, format: 'docx' }]);
    expect(r).toEqual({ ok: false, error: { code: 'cancelled', message: 'Cancelled' } });
    expect(existsSync(chosen)).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'operation:finished', payload: { outcome: 'cancelled' } });
  });
});

describe('links', () => {
  it('opens http(s) links in the browser right after a click, and nothing else', async () => {
    gesture = () => true;
    expect(await shell('link:open', ['https://www.example.org/report'])).toEqual({ ok: true, value: null });
    expect(native.openExternal).toHaveBeenCalledTimes(1);
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'ms-msdt:/id x', 'search-ms:x', '\\\\server\\share']) {
      expect(await shell('link:open', [url]), url).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(native.openExternal).toHaveBeenCalledTimes(1);
  });

  it('refuses a link the page asks for without a recent click, in one line, and opens nothing', async () => {
    const spent = vi.fn(() => false);
    gesture = spent;
    expect(await shell('link:open', ['https://www.example.org/report'])).toEqual({
      ok: false,
      error: { code: 'forbidden', field: 'url', message: 'url: not opened: a link opens in your browser only right after you click it; click it again' },
    });
    expect(spent).toHaveBeenCalledTimes(1);
    expect(native.openExternal).not.toHaveBeenCalled();
  });

  it('spends the gesture only on a link it would open (a bad URL leaves the click for the real one)', async () => {
    const spent = vi.fn(() => true);
    gesture = spent;
    await shell('link:open', ['javascript:alert(1)']);
    expect(spent).not.toHaveBeenCalled();
  });
});

describe('import', () => {
  it('imports the bytes of a dropped file (never a path) into a document for review', async () => {
    const bytes = new TextEncoder().encode('# Grain talks\n\nThe corridor reopened on Friday. Ships are moving again.\n');
    const r = await shell('import:bytes', [{ opId: OP, name: '../../notes\u202e.md', bytes }]);
    expect(r).toMatchObject({ ok: true, value: { fileName: 'notes.md', format: 'markdown', document: { blocks: expect.any(Array) } } });
  });

  it('explains a file it cannot read', async () => {
    const r = await shell('import:bytes', [{ opId: OP, name: 'photo.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) }]);
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/image/) } });
  });

  it('imports a file chosen in the open dialog', async () => {
    const file = join(dir, 'note.txt');
    writeFileSync(file, 'A plain note. It has two sentences.');
    native.openDialog.mockResolvedValueOnce(file);
    expect(await shell('import:file', [{ opId: OP }])).toMatchObject({ ok: true, value: { fileName: 'note.txt', format: 'text' } });
  });
});

describe('libraries', () => {
  it('switches only to a library from the recent list', async () => {
    expect(await shell('libraries:switch', ['/tmp/made-up.sqlite'])).toMatchObject({ ok: false, error: { code: 'validation' } });
    const other = join(dir, 'other.sqlite');
    native.saveDialog.mockResolvedValueOnce(other);
    expect(await shell('libraries:create', [])).toMatchObject({ ok: true, value: { state: 'open', path: other } });
    expect(await shell('libraries:switch', [join(dir, 'library.sqlite')])).toMatchObject({ ok: true, value: { state: 'open' } });
    const recent = await shell('libraries:recent', []);
    expect(recent.ok && (recent.value as { path: string }[]).map((l) => l.path)).toEqual([join(dir, 'library.sqlite'), other]);
    expect(events.filter((e) => e.type === 'library:changed')).toHaveLength(3);
  });

  it('never creates a new library over an existing file', async () => {
    native.saveDialog.mockResolvedValueOnce(join(dir, 'library.sqlite'));
    expect(await shell('libraries:create', [])).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('backs up on request and restores only after the user confirms', async () => {
    const b = await shell('libraries:backupNow', [{ opId: OP }]);
    expect(b).toMatchObject({ ok: true, value: { name: expect.stringMatching(/^backup-\d{8}-\d{6}\.sqlite$/) } });
    const name = (b as { value: { name: string } }).value.name;
    expect(await shell('libraries:backups', [])).toMatchObject({ ok: true, value: [{ name }] });

    native.choose.mockResolvedValueOnce(1); // Cancel
    expect(await shell('libraries:restore', [{ opId: 'op-restore-1', name }])).toEqual({ ok: true, value: { canceled: true } });
    native.choose.mockResolvedValueOnce(0); // Restore
    expect(await shell('libraries:restore', [{ opId: 'op-restore-2', name }])).toMatchObject({ ok: true, value: { state: 'open', healthy: true } });
    expect(await shell('libraries:restore', [{ opId: 'op-restore-3', name: '../../etc/passwd' }])).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('answers core calls with an error envelope while the library is damaged, and recovers from the newest backup', async () => {
    await desktop.backupNow();
    host.close();
    corruptButOpenable(join(dir, 'library.sqlite'));
    await desktop.openLibraryAt(join(dir, 'library.sqlite'));
    expect(desktop.status.state).toBe('damaged');
    expect(await desktop.call('tags:list', [])).toMatchObject({ ok: false, error: { code: 'library_corrupt' } });

    native.choose.mockResolvedValue(0); // "Restore backup from …", then "Restore"
    expect(await desktop.recoverAtStart()).toBe('open');
    expect(native.choose.mock.calls[0][0]).toMatchObject({
      type: 'error',
      message: 'Your Dossier library is damaged',
      buttons: [expect.stringMatching(/^Restore backup from /), 'Open another library…', 'New library…', 'Quit'],
    });
    expect(await desktop.call('tags:list', [])).toMatchObject({ ok: true });
  });

  it('quits from the damaged-library dialog when the user says so', async () => {
    writeFileSync(join(dir, 'broken.sqlite'), 'not a database');
    await desktop.openLibraryAt(join(dir, 'broken.sqlite'));
    native.choose.mockResolvedValueOnce(2); // no backup: Open another…, New…, Quit
    expect(await desktop.recoverAtStart()).toBe('quit');
  });
});

describe('recent briefings', () => {
  it('records opened briefings with the title from the library, newest first', async () => {
    expect(await shell('recent:briefingOpened', [briefingId])).toEqual({ ok: true, value: null });
    expect(await shell('recent:briefingOpened', ['no-such-briefing'])).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const r = await shell('recent:briefings', []);
    expect(r).toMatchObject({ ok: true, value: [{ id: briefingId, title: expect.any(String) }] });
    await desktop.call('briefings:remove', [briefingId]);
    expect(await shell('recent:briefings', [])).toEqual({ ok: true, value: [] });
  });
});

describe('a leftover journal at open', () => {
  it('is set aside before the library opens, and the user is told once, in a native note', async () => {
    const path = join(dir, 'library.sqlite');
    const before = (await desktop.call('facts:search', [{}])) as { ok: true; value: { total: number } };
    host.close();
    // A backup restored by copying it over the file, with a crashed session's journal beside it.
    const backup = join(dir, 'copy.sqlite');
    const lib = Library.open(path);
    await lib.backup(backup);
    lib.db.pragma('wal_autocheckpoint = 0');
    lib.addSource({ type: 'report', title: 'Written after the backup' });
    const journal = readFileSync(`${path}-wal`);
    lib.close();
    writeFileSync(path, readFileSync(backup));
    writeFileSync(`${path}-wal`, journal);

    const status = await desktop.openLibraryAt(path);
    expect(status).toMatchObject({
      state: 'open',
      healthy: true,
      notices: [expect.stringMatching(/did not belong to it .*set aside as library\.sqlite-wal\.set-aside-/)],
    });
    await vi.waitFor(() => expect(native.choose).toHaveBeenCalledTimes(1));
    expect(native.choose.mock.calls[0][0]).toMatchObject({ type: 'info', message: 'Dossier set a leftover file aside' });
    const after = (await desktop.call('facts:search', [{}])) as { ok: true; value: { total: number } };
    expect(after.value.total).toBe(before.value.total);
  });
});

describe('when the core process is restarted mid-call', () => {
  /** The core as the shell sees it, failing the first call of each name as a restarted core would. */
  function flakyCore(): { core: CoreLink; attempts: string[] } {
    const inner = new InProcessCore(host);
    const failed = new Set<string>();
    const attempts: string[] = [];
    const core: CoreLink = {
      request: (method, args, ctx) => {
        if (method === 'call') {
          const name = String(args[0]);
          attempts.push(name);
          if (!failed.has(name)) {
            failed.add(name);
            return Promise.reject(new CoreCallError({ code: 'core_restarted', message: `Dossier's core stopped while running ${name} and was restarted.` }));
          }
        }
        return inner.request(method, args, ctx);
      },
    };
    return { core, attempts };
  }

  it('sends a read or a set-by-id write to the new core once, and never repeats an add', async () => {
    const { core, attempts } = flakyCore();
    const d = new Desktop({
      core,
      state: new StateStore(join(dir, 'state2.json')),
      written: new WrittenFiles(),
      native: native as unknown as NativeShell,
      userGesture: () => false,
      emit: () => undefined,
    });
    const b = (await d.call('briefings:get', [briefingId])) as { ok: true; value: { sections: { items: { id: string; kind: string }[] }[] } };
    expect(b.ok).toBe(true);
    const prose = b.value.sections.flatMap((s) => s.items).find((i) => i.kind === 'prose')!;
    // A paragraph saved as the core went down is saved by the new core.
    expect(await d.call('briefings:updateItem', [briefingId, prose.id, { text: 'Kept through a restart.' }])).toMatchObject({ ok: true });
    const lib = Library.open(join(dir, 'library.sqlite'));
    expect(
      lib
        .getBriefing(briefingId)
        .sections.flatMap((s) => s.items)
        .find((i) => i.id === prose.id),
    ).toMatchObject({ text: 'Kept through a restart.' });
    lib.close();
    // Adding is not repeated: the first attempt may have been committed.
    expect(await d.call('briefings:addItems', [briefingId, [{ kind: 'prose', text: 'Once.' }], 'discussion'])).toMatchObject({
      ok: false,
      error: { code: 'core_restarted' },
    });
    expect(attempts).toEqual(['briefings:get', 'briefings:get', 'briefings:updateItem', 'briefings:updateItem', 'briefings:addItems']);
  });
});
