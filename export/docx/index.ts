export { estimatePageCount, renderDocx } from './render';
export { renderIntoLetterhead } from './letterhead';
