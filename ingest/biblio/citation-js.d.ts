// citation-js ships no type declarations. Shorthand declarations (everything `any`) never clash
// with another file declaring the same modules; citejs.ts gives the parts we use real types.
declare module '@citation-js/core';
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
