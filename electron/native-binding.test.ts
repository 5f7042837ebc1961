import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing/temp-library';
import { BINDING_RELATIVE, chooseNativeBinding, ELECTRON_NATIVE_DIR, moduleAbiOf } from './native-binding';

const realBinding = join(process.cwd(), 'node_modules', BINDING_RELATIVE);

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function fakeBinding(at: string, abi: number, version = '12.6.2'): void {
  mkdirSync(dirname(at), { recursive: true });
  writeFileSync(at, Buffer.concat([Buffer.from('\x7fELF....'), Buffer.from(`node_register_module_v${abi}\0`)]));
  writeFileSync(join(at, '..', '..', '..', 'package.json'), JSON.stringify({ version }));
}

describe('better-sqlite3 for Electron', () => {
  it('reads the ABI of the real Node build from its symbol table', () => {
    expect(moduleAbiOf(realBinding)).toBe(Number(process.versions.modules));
  });

  it('uses the separate Electron build when its ABI and version match', () => {
    fakeBinding(join(dir, 'node_modules', BINDING_RELATIVE), 115);
    fakeBinding(join(dir, ELECTRON_NATIVE_DIR, BINDING_RELATIVE), 143);
    expect(chooseNativeBinding({ appRoot: dir, packaged: false, abi: '143' })).toEqual({
      ok: true,
      nativeBinding: join(dir, ELECTRON_NATIVE_DIR, BINDING_RELATIVE),
    });
  });

  it('names the mismatch and the fix otherwise', () => {
    fakeBinding(join(dir, 'node_modules', BINDING_RELATIVE), 115);
    expect(chooseNativeBinding({ appRoot: dir, packaged: false, abi: '143' })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/ABI 143 \(node_modules has ABI 115.*npm run rebuild:electron/),
    });
    fakeBinding(join(dir, ELECTRON_NATIVE_DIR, BINDING_RELATIVE), 115);
    expect(chooseNativeBinding({ appRoot: dir, packaged: false, abi: '143' })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/built for ABI 115, this Electron needs ABI 143/),
    });
    fakeBinding(join(dir, ELECTRON_NATIVE_DIR, BINDING_RELATIVE), 143, '12.0.0');
    expect(chooseNativeBinding({ appRoot: dir, packaged: false, abi: '143' })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/12\.0\.0, node_modules has 12\.6\.2/),
    });
  });

  it('accepts node_modules rebuilt in place for Electron, and needs nothing when packaged', () => {
    fakeBinding(join(dir, 'node_modules', BINDING_RELATIVE), 143);
    expect(chooseNativeBinding({ appRoot: dir, packaged: false, abi: '143' })).toEqual({ ok: true });
    expect(chooseNativeBinding({ appRoot: '/nowhere', packaged: true, abi: '143' })).toEqual({ ok: true });
  });
});
