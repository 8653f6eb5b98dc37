/**
 * The size of what Zapier would run: `zapier-platform build --skip-dep-install --skip-validation` (offline) in a
 * scratch copy of the project, or — when that cannot run (smoke run, or the build fails) — the files esbuild finds
 * from dist/index.js, with the CLI's own `findRequiredFiles` (the detection the build uses, without its extras:
 * every package's package.json, `includeInBuild` files, the entry wrapper).
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { APP_DIST_DIR, REPO_DIR } from './measure.js';

export interface BuildSizeResult {
  method: 'zapier-platform build' | 'dependency closure of dist/index.js';
  /** Why the build was not used, when it was not. */
  note?: string;
  zipBytes?: number;
  files: number;
  unpackedBytes: number;
  seconds: number;
}

/** Node 22.12+ loads these through require.mjs, which esbuild does not see (docs: includeInBuild). */
const INCLUDE_IN_BUILD = [
  'node_modules/async-function/.*',
  'node_modules/generator-function/.*',
  'node_modules/async-generator-function/.*',
];
const BUILD_TIMEOUT_MS = 240_000;

const run = (command: string, args: string[], cwd: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => child.kill(), BUILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${path.basename(command)} ${args.join(' ')} failed (${signal ?? code}): ${stderr.trim().slice(-500)}`,
          ),
        );
    });
  });

/** Files and unpacked bytes from a zip's central directory (no zip64: builds are far below 4 GB). */
export const zipContents = (zip: Buffer): { files: number; unpackedBytes: number } => {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip file');
  const entries = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  let files = 0;
  let unpackedBytes = 0;
  for (let i = 0; i < entries; i += 1) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const nameLength = zip.readUInt16LE(offset + 28);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (!name.endsWith('/')) {
      files += 1;
      unpackedBytes += zip.readUInt32LE(offset + 24);
    }
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return { files, unpackedBytes };
};

/** The real build, in a scratch copy: the repository's dist/ and build/ are left alone. */
const zapierBuild = async (): Promise<BuildSizeResult> => {
  const start = performance.now();
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'ecwid-bench-build-'));
  try {
    const pkg = JSON.parse(await readFile(path.join(REPO_DIR, 'package.json'), 'utf8'));
    // dist/ is already built: without scripts the CLI does not run `_zapier-build` (which would rebuild it).
    delete pkg.scripts;
    await writeFile(path.join(scratch, 'package.json'), JSON.stringify(pkg, null, 2));
    await writeFile(path.join(scratch, '.zapierapprc'), JSON.stringify({ includeInBuild: INCLUDE_IN_BUILD }));
    // Keeps source.zip to the sources, as in the repository.
    await cp(path.join(REPO_DIR, '.gitignore'), path.join(scratch, '.gitignore'));
    await cp(APP_DIST_DIR, path.join(scratch, 'dist'), { recursive: true });
    // Hard links: node_modules is ~500 MB; the build only reads it.
    await run('cp', ['-al', path.join(REPO_DIR, 'node_modules'), path.join(scratch, 'node_modules')], scratch);
    const cli = await realpath(path.join(REPO_DIR, 'node_modules', '.bin', 'zapier-platform'));
    await run(process.execPath, [cli, 'build', '--skip-dep-install', '--skip-validation'], scratch);
    const zip = await readFile(path.join(scratch, 'build', 'build.zip'));
    return {
      method: 'zapier-platform build',
      zipBytes: zip.length,
      ...zipContents(zip),
      seconds: (performance.now() - start) / 1000,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
};

const dependencyClosure = async (note: string): Promise<BuildSizeResult> => {
  const start = performance.now();
  const require = createRequire(import.meta.url);
  const { findRequiredFiles } = require(
    path.join(REPO_DIR, 'node_modules', 'zapier-platform-cli', 'src', 'utils', 'build.js'),
  ) as {
    findRequiredFiles: (workingDir: string, entryPoints: string[]) => Promise<string[]>;
  };
  const found = await findRequiredFiles(REPO_DIR, [path.join(APP_DIST_DIR, 'index.js')]);
  // esbuild names JSON imports "file.json with { type: 'json' }".
  const files = [...new Set(found.map((file) => file.replace(/ with \{.*\}$/, '')))];
  const sizes = await Promise.all(files.map(async (file) => (await stat(path.resolve(REPO_DIR, file))).size));
  return {
    method: 'dependency closure of dist/index.js',
    note,
    files: files.length,
    unpackedBytes: sizes.reduce((sum, size) => sum + size, 0),
    seconds: (performance.now() - start) / 1000,
  };
};

export const measureBuildSize = async (runBuild: boolean): Promise<BuildSizeResult> => {
  if (!runBuild) return dependencyClosure('smoke run: the build takes ~40 s');
  try {
    return await zapierBuild();
  } catch (error) {
    return dependencyClosure(`the build failed: ${(error as Error).message}`);
  }
};
