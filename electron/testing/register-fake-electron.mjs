// Node loader hook for the main-bundle smoke test: `import … from 'electron'` resolves to
// fake-electron.mjs, so out/main/main.js runs under plain Node without Electron's binary.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: ${JSON.stringify(new URL('./fake-electron.mjs', import.meta.url).href)}, shortCircuit: true };
  return next(specifier, context);
}`),
);
