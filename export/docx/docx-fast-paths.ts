import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fastPathsOn } from '../../core/fast-paths';

/**
 * Whether the parts `docx` would write are written as text instead (wordml.ts, note-part.ts,
 * body-xml.ts): only for the `docx` version whose output they copy byte for byte, and only
 * while the fast paths are on (core/fast-paths.ts). Otherwise the whole package comes from
 * `docx`'s own objects, which direct-parts.test.ts shows is the same document.
 */
export function directPartsOn(): boolean {
  return fastPathsOn('docx', installedDocxVersion);
}

/** docx's package.json is not in its "exports": found by walking up from the resolved entry point. */
function installedDocxVersion(): string | undefined {
  for (const base of [import.meta.url, `${process.cwd()}/package.json`]) {
    try {
      let dir = dirname(createRequire(base).resolve('docx'));
      for (let up = 0; up < 4; up++, dir = dirname(dir)) {
        try {
          const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
          if (pkg.name === 'docx') return pkg.version;
        } catch {
          // no package.json at this level: go up
        }
      }
    } catch {
      // not resolvable from this base: try the next
    }
  }
  return undefined;
}
