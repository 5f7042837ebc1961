export { estimatePageCount, renderDocx, type RenderOptions } from './render';
export { renderIntoLetterhead } from './letterhead';
export type { ZoteroFieldPlacement } from './body';
