/**
 * Reduces Markdown inline syntax to the words a reader sees, so a fact captured from a .md
 * file reads as prose: [text](url) → text, bold, emphasis and code spans → their content, images
 * dropped, HTML comments removed. Block markers (#, -, >) are handled by the segmenter.
 */
export function stripMarkdownInline(s: string): string {
  return s
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w_])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1');
}
