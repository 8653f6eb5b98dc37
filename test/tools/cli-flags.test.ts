import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { readFlags } from '../../tools/cli-flags.js';

const USAGE = 'npm run tool -- --size N';
const OPTIONS = { size: { type: 'string' }, quiet: { type: 'boolean' } } as const;

/** process.exit stops the test run: it throws here instead, carrying the code. */
class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

describe("a tool's flags", () => {
  const argv = process.argv;
  let stdout: string[];
  let stderr: string[];
  beforeEach(() => {
    stdout = [];
    stderr = [];
    jest.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Exit(Number(code));
    });
    jest.spyOn(process.stdout, 'write').mockImplementation((text) => Boolean(stdout.push(String(text))));
    jest.spyOn(process.stderr, 'write').mockImplementation((text) => Boolean(stderr.push(String(text))));
  });
  afterEach(() => {
    process.argv = argv;
    jest.restoreAllMocks();
  });
  const run = (...args: string[]) => {
    process.argv = ['node', 'tool.js', ...args];
    return readFlags(USAGE, OPTIONS);
  };

  test('are read as given', () => {
    expect(run('--size', '3', '--quiet')).toEqual({ size: '3', quiet: true });
  });

  test.each(['--help', '-h'])('%s prints the usage and exits 0, whatever else is on the line', (help) => {
    expect(() => run('--bogus', help)).toThrow(new Exit(0));
    expect(stdout.join('')).toBe(`${USAGE}\n`);
  });

  test('an unknown flag exits 2 naming it and pointing at --help, with no stack trace', () => {
    expect(() => run('--sise', '3')).toThrow(new Exit(2));
    expect(stderr.join('')).toMatch(/^Unknown option '--sise'.*\nRun with --help to see every flag\.\n$/s);
    expect(stderr.join('')).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  test('a flag without its value exits 2 naming it', () => {
    expect(() => run('--size')).toThrow(new Exit(2));
    expect(stderr.join('')).toMatch(/'--size\b.*missing/);
  });
});
