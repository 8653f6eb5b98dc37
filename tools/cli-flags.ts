import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

type Flags<T extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ options: T }>>['values'];

/**
 * A bad flag ends the tool with one line naming the flag and the fix (exit 2), not a stack trace: these commands are
 * what a newcomer types first.
 */
export function flagError(message: string): never {
  process.stderr.write(`${message}\nRun with --help to see every flag.\n`);
  process.exit(2);
}

/**
 * The tool's flags through node:util's parseArgs, plus `--help` / `-h`, which prints `usage` and exits 0. An unknown
 * flag or a missing value goes through `flagError`.
 */
export function readFlags<T extends ParseArgsOptionsConfig>(usage: string, options: T): Flags<T> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ args, options }).values as Flags<T>;
  } catch (error) {
    return flagError((error as Error).message);
  }
}
