import type { OptionSpec } from './command';
import { UsageError } from './command';

/**
 * Values that start with a dash: `dossier facts --search -corridor` (a search that excludes a
 * word), `--search '-odesa grain'`, `--locator -3`. node:util's parseArgs reads such a word as
 * an option of its own and refuses the pair as "ambiguous", asking for `--search=-corridor`.
 *
 * So before parsing, the word after a string option is attached to it (`--search=-corridor`)
 * when it starts with a single dash and is not itself one of the command's options (`-h`).
 * A word that starts with two dashes stays an option (`--search --json` forgot the value): the
 * error then shows the whole `--search=--word` form for the rare value that really starts so.
 * Nothing after `--` is touched: those are positionals.
 */
export function attachDashValues(argv: readonly string[], options: OptionSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
    if (name === undefined || options[name]?.type !== 'string' || next === undefined || !next.startsWith('-') || next === '-') {
      out.push(arg);
      continue;
    }
    if (next.startsWith('--') || isShortOption(next, options)) {
      throw new UsageError(`option --${name} needs a value; if "${next}" is the value, write it as one word: --${name}=${next}`);
    }
    out.push(`--${name}=${next}`);
    i++;
  }
  return out;
}

function isShortOption(word: string, options: OptionSpec): boolean {
  return /^-[^-]$/.test(word) && Object.values(options).some((o) => o.short === word[1]);
}
