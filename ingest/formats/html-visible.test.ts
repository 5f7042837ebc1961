import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { importHtml } from './html';
import { headlineOf, siteFromTitle } from './html-title';
import { readVisible } from './html-visible';

const page = (body: string, head = '') => parseHTML(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`).document;

describe('readVisible: the headline, byline and dateline a reader sees', () => {
  it('prefers a marked author, whole credit line included, over byline classes elsewhere', () => {
    const doc = page(`
      <ul class="menu-stories"><li><a href="/a">Other story</a><span class="byline">Joanna Rothkopf</span></li></ul>
      <h1>The sharing economy is a lie</h1>
      <div class="byline">By <a rel="author" href="/w/re">Richard Eskow</a> and Ann Poe</div>`);
    expect(readVisible(doc).bylines).toEqual(['By Richard Eskow and Ann Poe']);
    expect(readVisible(doc).headings).toEqual(['The sharing economy is a lie']);
  });

  it('keeps the credit line and its siblings, not bylines of comments or related articles', () => {
    const doc = page(`
      <div class="credits"><span class="author">Bertille Bayart</span> <span class="author">Marie Visot</span></div>
      <p>Text.</p>
      <div class="related"><p class="byline">By Arthur Gies</p></div>
      <ol class="comments"><li><span class="author">reader42</span></li></ol>`);
    expect(readVisible(doc).bylines).toEqual(['Bertille Bayart', 'Marie Visot']);
  });

  it('reads a byline without the script some sites hide addresses in', () => {
    const doc = page(`<p class="byline">By Sam Byford <script>var kode="${'x'.repeat(400)}"</script> on June 29, 2014</p>`);
    expect(readVisible(doc).bylines).toEqual(['By Sam Byford on June 29, 2014']);
  });

  it('lists machine-readable dates first, then printed ones, skipping references', () => {
    const doc = page(`
      <h5 class="article-posted-date">2/26/2015 7:11 AM PST</h5>
      <p>Posted <time datetime="2015-03-10T08:05:41-07:00">March 10</time></p>
      <ol class="references"><li><span class="reference-accessdate">Retrieved 2010-01-25</span></li></ol>`);
    expect(readVisible(doc).datelines).toEqual(['2015-03-10T08:05:41-07:00', '2/26/2015 7:11 AM PST', 'March 10']);
  });

  it('puts the dateline under the headline before the masthead’s date of the day the page was saved', () => {
    const doc = page(`
      <div class="masthead"><span class="date">Friday, December 4, 2026</span><h1>Daily</h1></div>
      <h1>Coastal states extend fisheries moratorium</h1><p class="dateline">March 12, 2024</p>`);
    expect(readVisible(doc).datelines).toEqual(['March 12, 2024', 'Friday, December 4, 2026']);
  });
});

describe('titles decorated with the site name', () => {
  it('finds the headline and the site around it', () => {
    const headings = ['Democrats to use Social Security against GOP this fall'];
    expect(headlineOf('Democrats to use Social Security against GOP this fall - CNN.com', headings, undefined)).toBe(headings[0]);
    expect(siteFromTitle('Democrats to use Social Security against GOP this fall - CNN.com', headings)).toBe('CNN.com');
    expect(siteFromTitle('How to Save Money on Groceries - Your Money Today - Your Life - MSN Lifestyle', ['How to Save Money on Groceries'])).toBe(
      'MSN Lifestyle',
    );
    expect(siteFromTitle('LWN.net Weekly Edition for March 26, 2015 [LWN.net]', ['LWN.net Weekly Edition for March 26, 2015'])).toBe('LWN.net');
    expect(headlineOf('TechCrunch | 2005 Zuckerberg Didn’t Want To Take Over The World', [], 'TechCrunch')).toBe(
      '2005 Zuckerberg Didn’t Want To Take Over The World',
    );
  });

  it('leaves a headline with a colon whole, and a logo heading is not the headline', () => {
    expect(headlineOf('Brexit: what happens next', ['Brexit'], undefined)).toBe('Brexit: what happens next');
    expect(headlineOf('Analysis - Why the harbour stayed closed for two whole days', ['Analysis'], undefined)).toBe(
      'Analysis - Why the harbour stayed closed for two whole days',
    );
    expect(siteFromTitle('Port closures - what the ministry decided about the fishing fleet after the storm', ['Port closures'])).toBeUndefined();
    expect(siteFromTitle('Climate change: the cost of waiting', ['Climate change'])).toBeUndefined();
    expect(headlineOf('Facebook offers explanation | The Verge', ['The Verge', 'Facebook offers explanation'], 'The Verge')).toBe(
      'Facebook offers explanation',
    );
  });
});

describe('importHtml: the page’s own metadata when its tags mislead', () => {
  it('does not take the site for the author, nor an address for the site name', () => {
    const html = `<!doctype html><html><head><title>Montebourg envisage des privatisations | Le Figaro</title>
      <meta name="author" content="lefigaro.fr"><meta property="og:site_name" content="http://www.lefigaro.fr/">
      <meta property="og:title" content="Montebourg envisage des privatisations"></head><body>
      <h1>Montebourg envisage des privatisations</h1>
      <div class="auteurs"><span class="author">Bertille Bayart</span> <span class="author">Marie Visot</span></div>
      <p>Mis à jour le <time datetime="2013-04-06T10:37:32+02:00">06/04/2013 à 10:37</time></p>
      <p>${'Le gouvernement envisage de céder des participations. '.repeat(20)}</p></body></html>`;
    const { source } = importHtml(html, { fileName: 'figaro.html' });
    expect(source.authors).toEqual([
      { given: 'Bertille', family: 'Bayart' },
      { given: 'Marie', family: 'Visot' },
    ]);
    expect(source.containerTitle).toBe('lefigaro.fr');
    expect(source.issued).toBe('2013-04-06');
  });

  it('drops a corporate creator when the page prints the journalists, keeps an institution that wrote its own page', () => {
    const news = `<html><head><meta name="DC.creator" content="Ediciones El País"><meta name="DC.publisher" content="Ediciones El País"></head>
      <body><h1>Las listas de espera se agravan</h1><p><a class="author" href="/a/1">María R. Sahuquillo</a> <a class="author" href="/a/2">Emilio de Benito</a></p>
      <p>${'Los recortes elevan la demora para operarse. '.repeat(20)}</p></body></html>`;
    expect(importHtml(news, {}).source.authors).toEqual([
      { given: 'María R.', family: 'Sahuquillo' },
      { given: 'Emilio', family: 'Benito', 'non-dropping-particle': 'de' },
    ]);
    const agency = `<html><head><meta name="DC.creator" content="Ministry of Maritime Affairs"><meta name="DC.publisher" content="Ministry of Maritime Affairs"></head>
      <body><p>You need a licence to fish commercially.</p></body></html>`;
    expect(importHtml(agency, {}).source.authors).toEqual([{ literal: 'Ministry of Maritime Affairs' }]);
  });

  it('dates a wire story by the dateline that opens it, and only by a full date', () => {
    const story = (opening: string) =>
      `<html><head><title>Ministry extends quotas</title></head><body><article><h1>Ministry extends quotas</h1>
       <p>${opening} The ministry extended the quotas for another season after talks with the fleet.</p>
       <p>${'Officials said the decision followed months of negotiation with coastal communities. '.repeat(8)}</p></article></body></html>`;
    expect(importHtml(story('WASHINGTON, Jan. 5, 2024 —'), {}).source.issued).toBe('2024-01-05');
    expect(importHtml(story('Feb. 23, 2015 --'), {}).source.issued).toBe('2015-02-23');
    expect(importHtml(story('In short — for now —'), {}).source.issued).toBeUndefined();
  });

  it('trusts citation_* and Dublin Core over JSON-LD, JSON-LD over Open Graph and the printed byline', () => {
    const head = (tags: string) => `<html><head>${tags}
      <script type="application/ld+json">{"@type":"Article","headline":"LD headline","author":{"@type":"Person","name":"Ld Author"},"datePublished":"2024-02-02"}</script>
      <meta property="og:title" content="OG headline"><meta property="article:published_time" content="2024-03-03"></head>
      <body><h1>Printed headline</h1><p class="byline">By Printed Author</p><p>Body.</p></body></html>`;
    const dc = importHtml(
      head('<meta name="DC.title" content="DC headline"><meta name="DC.creator" content="Dc Author"><meta name="DC.date" content="2024-01-01">'),
      {},
    ).source;
    expect([dc.title, dc.authors, dc.issued]).toEqual(['DC headline', [{ given: 'Dc', family: 'Author' }], '2024-01-01']);
    const ld = importHtml(head(''), {}).source;
    expect([ld.title, ld.authors, ld.issued]).toEqual(['LD headline', [{ given: 'Ld', family: 'Author' }], '2024-02-02']);
  });

  it.each(['By Staff', 'Posted 18 January 2024, 10:32', 'https://example.org/authors/jd', 'The Harbour Times'])(
    'takes no author from the byline %j',
    (printed) => {
      const html = `<html><head><meta property="og:site_name" content="The Harbour Times"></head>
      <body><h1>Storm closes the port for two days</h1><p class="byline">${printed}</p><p>${'The port closed. '.repeat(30)}</p></body></html>`;
      expect(importHtml(html, {}).source.authors).toBeUndefined();
    },
  );
});
