/**
 * The Markdown briefing reader and writer (export/briefing-md, ~43 KB of bundle), loaded by the
 * commands that read or write a briefing's Markdown when they run: imported at the top of
 * their modules, every command line (an export too) loaded it with the command table.
 */
export const briefingMarkdown = () => import('../export/briefing-md/index');
