// Reports what the page can and cannot do; the e2e test reads window.__probe.
const probe = {
  bridgeKeys: Object.keys(window.dossier ?? {}).sort(),
  requireType: typeof window.require,
  processType: typeof window.process,
  fetch: 'pending',
  library: null,
};
window.__probe = probe;
fetch('https://example.com/').then(
  () => (probe.fetch = 'succeeded'),
  () => (probe.fetch = 'blocked'),
);
window.dossier
  ?.shell('libraries:current')
  .then((r) => (probe.library = r))
  .finally(() => (document.getElementById('status').textContent = 'ready'));
