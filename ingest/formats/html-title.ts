/**
 * Page titles carry the site's name around the headline: "Headline - CNN.com",
 * "TechCrunch | Headline", "Headline : 뉴스 : 동아닷컴", "Weekly Edition [LWN.net]". With the
 * headline known from the page (its <h1> or social title), the rest is the site's name.
 */

// Shorter headings are logos and section names ("Analysis", "Engadget").
const MIN_HEADLINE = 12;
// A site's name is short; a longer "decoration" is the rest of a headline.
const MAX_SITE_NAME = 60;

// Spaces on both sides: "Brexit: what next" is a headline, "Brexit : Le Monde" a decoration.
const SEPARATOR = /^ (?:[|–—:·•»/-]|::) /;

/** The headline inside a decorated title, or the title as it is. */
export function headlineOf(title: string, headings: string[], siteName: string | undefined): string {
  const flat = collapse(title);
  for (const h of headings.map(collapse)) {
    if (h.length >= MIN_HEADLINE && h.length < flat.length && flat.toLowerCase().startsWith(h.toLowerCase()) && decoration(flat.slice(h.length)) !== undefined)
      return h;
  }
  if (siteName) {
    const site = collapse(siteName);
    if (flat.toLowerCase().startsWith(site.toLowerCase())) {
      const rest = flat.slice(site.length);
      if (SEPARATOR.test(rest)) return rest.replace(SEPARATOR, '').trim() || flat;
    }
    return stripSiteSuffix(flat, site);
  }
  return title;
}

/** The site's name from a <title> that is one of the headlines plus decoration, else undefined. */
export function siteFromTitle(titleTag: string | undefined, headlines: string[]): string | undefined {
  if (!titleTag) return undefined;
  const flat = collapse(titleTag);
  for (const h of headlines.map(collapse)) {
    if (h.length < MIN_HEADLINE || !flat.toLowerCase().startsWith(h.toLowerCase())) continue;
    const rest = decoration(flat.slice(h.length));
    if (rest) return rest;
  }
  return undefined;
}

/** " - Section - Site" → "Site"; " [Site]" → "Site"; anything else (the title goes on) → undefined. */
function decoration(rest: string): string | undefined {
  const bracket = /^ \[([^\]]+)\]$/.exec(rest);
  if (bracket) return bracket[1].trim();
  if (!SEPARATOR.test(rest)) return undefined;
  const parts = rest
    .split(/ (?:[|–—:·•»/-]|::) /)
    .map((p) => p.trim())
    .filter(Boolean);
  const last = parts[parts.length - 1];
  return last && last.length <= MAX_SITE_NAME ? last : undefined;
}

/** "Headline | The Daily" → "Headline", when the suffix is the site's name. */
function stripSiteSuffix(flat: string, site: string): string {
  // Whitespace is collapsed first (as a browser shows a title): a `\s+` before the separator
  // would make the match quadratic on a long run of spaces.
  const escaped = site.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const stripped = flat.replace(new RegExp(` [|–—:·•-] ${escaped}$`, 'i'), '').trim();
  return stripped || flat;
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
