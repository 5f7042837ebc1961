/**
 * A saved news page as browsers store them: navigation, a cookie banner, adverts, share
 * buttons, scripts (one of which would set a global if anything ever executed it), inline
 * event handlers, `javascript:` links, JSON-LD and Open Graph metadata, a byline, and the
 * article itself. The prose is written for these tests.
 */
export const ARTICLE_PARAGRAPHS = [
  'Ministers from the twelve coastal states agreed on Tuesday to extend the fisheries moratorium in the northern basin until the end of 2026, according to a joint communiqué released after two days of talks in Valletta.',
  'The agreement, which still needs ratification by three national parliaments, caps the annual cod quota at 41,000 tonnes, down from 58,000 tonnes last year.',
  'Officials said the cut reflects a survey by the regional marine institute that found spawning stocks had fallen by almost a third since 2019.',
  'Fishing associations criticised the decision, arguing that smaller fleets would bear most of the cost while industrial trawlers could shift to deeper waters.',
  'The communiqué also commits the states to a shared satellite monitoring system, to be operational by mid-2025, and to a compensation fund whose size has not yet been set.',
];

export const LIST_ITEMS = ['Quota cut to 41,000 tonnes', 'Moratorium extended to 2026'];
export const QUOTE = '“We cannot fish our way out of a collapse,” the chair of the talks told reporters.';

export function newsPageHtml(): string {
  const p = (t: string) => `<p>${t}</p>`;
  return `<!DOCTYPE html>
<!-- saved from url=(0061)https://www.harbour-times.example/world/fisheries-moratorium -->
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Coastal states extend fisheries moratorium | The Harbour Times</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Coastal states extend fisheries moratorium">
<meta property="og:site_name" content="The Harbour Times">
<meta property="og:url" content="https://www.harbour-times.example/world/fisheries-moratorium?utm_source=share">
<meta property="article:published_time" content="2024-03-12T18:40:00+01:00">
<link rel="canonical" href="/world/fisheries-moratorium">
<link rel="stylesheet" href="styles.css">
<style>.ad { display: block; } body::after { content: "STYLE TEXT"; }</style>
<script>globalThis.__dossierPwned = true; document.write('INJECTED SCRIPT TEXT');</script>
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
  {"@type":"WebSite","@id":"https://www.harbour-times.example/#site","name":"The Harbour Times"},
  {"@type":"NewsArticle","headline":"Coastal states extend fisheries moratorium until 2026",
   "datePublished":"2024-03-12T18:40:00+01:00","dateModified":"2024-03-13T09:00:00+01:00",
   "author":[{"@type":"Person","name":"Marta Kowalczyk"},{"@type":"Person","givenName":"Tomás","familyName":"Ó Briain"}],
   "publisher":{"@id":"https://www.harbour-times.example/#org"},
   "isPartOf":{"@id":"https://www.harbour-times.example/#site"}},
  {"@type":"NewsMediaOrganization","@id":"https://www.harbour-times.example/#org","name":"Harbour Media Group"}
]}
</script>
</head>
<body onload="globalThis.__dossierPwned = true">
<div id="cookie-banner" class="cookie-consent gdpr-banner">We use cookies to improve your experience. <button onclick="accept()">Accept all</button> <a href="javascript:void(0)">Manage preferences</a></div>
<header class="site-header"><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="ad ad-leaderboard sponsor">ADVERTISEMENT: Cruise the fjords this summer — book now!</div>
<main>
<article class="story">
<h1 class="headline">Coastal states extend fisheries moratorium until 2026</h1>
<div class="byline">By <a href="/authors/mk" rel="author">Marta Kowalczyk</a> and Tomás Ó Briain</div>
<div class="share-tools social"><a href="javascript:share('twitter')">Share on X</a> <a href="javascript:window.print()" onclick="track()">Print this article</a></div>
${p(ARTICLE_PARAGRAPHS[0])}
${p(ARTICLE_PARAGRAPHS[1])}
<img src="x.png" onerror="globalThis.__dossierPwned = true" alt="A trawler in the harbour">
<ul>${LIST_ITEMS.map((i) => `<li>${i}</li>`).join('')}</ul>
<p onclick="globalThis.__dossierPwned = true" onmouseover="steal()">${ARTICLE_PARAGRAPHS[2]}</p>
<script>globalThis.__dossierPwned = true; var s = 'SCRIPT IN ARTICLE';</script>
<blockquote><p>${QUOTE}</p></blockquote>
<iframe src="https://ads.example/frame" title="advert">IFRAME FALLBACK TEXT</iframe>
${p(ARTICLE_PARAGRAPHS[3])}
<noscript>NOSCRIPT TEXT</noscript>
${p(ARTICLE_PARAGRAPHS[4])}
</article>
<aside class="related sidebar"><h2>Most read</h2><ul><li><a href="/a">Storm closes port for third day</a></li><li><a href="/b">Ferry fares to rise in April</a></li></ul></aside>
</main>
<footer class="site-footer"><p>© 2024 Harbour Media Group. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
<script src="https://tracker.example/t.js"></script>
</body>
</html>`;
}
