/**
 * Stands in for `zod` in the preload bundle only (scripts/build-electron.mjs aliases it).
 *
 * The preload needs the contracts' call NAMES, not their schemas: arguments are validated in
 * the main process, which the renderer cannot skip. Evaluating the contract modules with this
 * inert stand-in — every property and call returns the stand-in itself — keeps the real
 * schemas (and zod's 400 KiB with its locales) out of the sandboxed renderer, while the names
 * still come from the one source, `Object.keys(CALLS)`. electron/preload.bundle.test.ts
 * builds the real bundle and checks it knows every name.
 */
type Inert = ((...args: unknown[]) => Inert) & { readonly [key: string]: Inert };

const inert: Inert = new Proxy(function inert() {} as unknown as Inert, {
  get: (_target, key) => (key === Symbol.toPrimitive ? () => '[zod stand-in]' : inert),
  apply: () => inert,
  construct: () => inert as unknown as object,
});

// The contract modules import zod as a namespace (`import * as z from 'zod'`, so bundles keep
// only what they use): every member they call must be a named export here.
// electron/preload.bundle.test.ts fails if one is missing.
export const z = inert;
export const array = inert;
export const boolean = inert;
export const core = inert;
export const discriminatedUnion = inert;
const enumSchema = inert;
export { enumSchema as enum };
const instanceOf = inert;
export { instanceOf as instanceof };
export const iso = inert;
export const literal = inert;
export const number = inert;
export const object = inert;
export const record = inert;
export const strictObject = inert;
export const string = inert;
export const tuple = inert;
export const union = inert;
export const unknown = inert;
export default inert;
