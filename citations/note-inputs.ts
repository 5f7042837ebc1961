/**
 * What every note of a document depends on besides its own clusters and the items' data, as
 * one digest, and what an exporter needs of the style when the notes come from a note cache
 * (export/note-cache.ts) rather than from an engine — without building a citeproc engine:
 * that alone takes up to a quarter of a second for a large style.
 */
import { createHash } from 'node:crypto';
import type { CslItem } from '../core/csl';
import { citeprocFastPaths, citeprocVersion } from './citeproc';
import { CitationBuilder } from './cluster-citation';
import type { CslNode } from './csl-tree';
import { resolveStyle, type StyleFacts } from './engine-setup';
import type { ClusterInput, ItemLookup } from './engine-types';
import type { Run } from './html-runs';
import { loadLocale } from './locales';
import { buildZoteroPayload, type ZoteroCitationPayload } from './zotero';

/**
 * Dossier's own part in every rendered note (via phrases, capitalised prefixes, the fast paths'
 * and string shortcuts' output...). Bump it with any change to code under citations/ that can
 * change a note or the bibliography: notes kept from an earlier version are then rendered again.
 */
const CITATION_OUTPUT_VERSION = 1;

/** The versions that go into the digest; tests pass others to check a change is noticed. */
export interface RenderVersions {
  citeproc: string | undefined;
  output: number;
}

/** The citeproc installed and this Dossier's output version. */
export function runningVersions(): RenderVersions {
  return { citeproc: citeprocVersion(), output: CITATION_OUTPUT_VERSION };
}

export interface NoteInputs {
  /** SHA-256 (hex) of the style tree, the locales it renders with, the versions and whether the fast paths run. */
  digest: string;
  style: StyleFacts;
  isNoteStyle: boolean;
}

const treeDigests = new WeakMap<CslNode, string>();

function digestOf(tree: CslNode): string {
  let d = treeDigests.get(tree);
  if (!d) treeDigests.set(tree, (d = createHash('sha256').update(JSON.stringify(tree)).digest('hex')));
  return d;
}

/**
 * The inputs of an engine the options would create. The style is digested as citeproc gets it
 * (a user style edited in place, a dependent style's parent, all count); the locale is the
 * style's default-locale as citeproc picks it, with en-US, which citeproc always loads.
 */
export function noteInputs(options: { styleId: string; userStyleDir?: string }, versions: RenderVersions = runningVersions()): NoteInputs {
  const { tree, info } = resolveStyle(options);
  const lang = tree.attrs['default-locale'] || 'en-US';
  const hash = createHash('sha256');
  for (const part of [
    `output ${versions.output}`,
    `citeproc ${versions.citeproc ?? '?'}`,
    `fast ${citeprocFastPaths()}`,
    `style ${digestOf(tree)}`,
    `lang ${lang}`,
    `locale ${digestOf(loadLocale(lang))}`,
    `en-US ${digestOf(loadLocale('en-US'))}`,
  ])
    hash.update(`${part}\n`);
  return { digest: hash.digest('hex'), style: info, isNoteStyle: info.class === 'note' };
}

/**
 * A cluster's Zotero payload made without an engine, as CitationEngine.zoteroCitationPayload
 * makes it for the cluster at `index`: the same cites (via expanded), note number and item data.
 */
export function detachedZoteroPayload(
  inputs: NoteInputs,
  items: ItemLookup,
  cluster: ClusterInput,
  index: number,
  plain: string,
  runs: readonly Run[],
): ZoteroCitationPayload {
  const builder = new CitationBuilder(inputs.isNoteStyle, inputs.style.via, items);
  return buildZoteroPayload(cluster.id, plain, {
    items,
    noteIndex: builder.noteIndex(index),
    cites: builder.toCitation(cluster, index).citationItems.map((c) => ({ ...c })),
    runs,
  });
}

/** One digest of all the items a document cites (their CSL data, by id): disambiguation reads them all. */
export function itemsDigest(items: Iterable<CslItem>): string {
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}
