import { describe, expect, it } from 'vitest';
import { FIELDS, formatScore, scoreWebCorpus } from './web-corpus-score';

/**
 * Issue 13 §3: on real saved pages from many sites, the importer finds title, byline, site name
 * and date at least as often as Mozilla Readability, and no page fails to import.
 */
describe('web-page metadata on the saved-page corpus', async () => {
  const score = await scoreWebCorpus();

  it('is a corpus of real pages from many sites', () => {
    expect(score.pages).toBeGreaterThanOrEqual(40);
    expect(score.sites).toBeGreaterThanOrEqual(25);
  });

  it('imports every page', () => {
    expect(score.dossierFailed).toEqual([]);
  });

  it.each(FIELDS)('finds %s at least as often as Readability', (field) => {
    const message = `${formatScore(score)}\nlost to Readability: ${score.losses[field].join(', ')}`;
    expect(score.dossier[field], message).toBeGreaterThanOrEqual(score.readability[field]);
  });
});
