/**
 * The public surface of the app: what live Zaps hold on to (Zapier's C001–C003). Trigger/action/search keys,
 * their input keys and the output keys merchants map (sample keys and output field keys).
 *
 * `npm run surface:update` writes it to test/publishing/public-surface.json; test/publishing/public-surface.test.ts
 * fails when the app loses anything recorded there.
 */
import { writeFileSync } from 'node:fs';
import {
  KINDS,
  operationsOf,
  recordKeys,
  runsAsScript,
  staticFieldsOf,
  type AppDef,
  type Kind,
} from './publishing-checks.js';

export const SURFACE_FILE = 'test/publishing/public-surface.json';

export interface OperationSurface {
  hidden: boolean;
  inputs: string[];
  outputs: string[];
}

export type PublicSurface = Record<Kind, Record<string, OperationSurface>>;

const sorted = (keys: Iterable<string>): string[] => [...new Set(keys)].filter(Boolean).sort();

export const publicSurfaceOf = (app: AppDef): PublicSurface => {
  const surface = Object.fromEntries(KINDS.map((kind) => [kind, {}])) as PublicSurface;
  const ops = operationsOf(app).sort((a, b) => a.key.localeCompare(b.key));
  for (const { kind, key, def, hidden } of ops) {
    const operation = def.operation ?? {};
    surface[kind][key] = {
      hidden,
      inputs: sorted(
        staticFieldsOf(operation.inputFields)
          .filter(({ field }) => !field.computed)
          .map(({ path }) => path),
      ),
      outputs: sorted([
        ...recordKeys(operation.sample),
        ...staticFieldsOf(operation.outputFields).map(({ path }) => path),
      ]),
    };
  }
  return surface;
};

export const renderSurface = (surface: PublicSurface): string => `${JSON.stringify(surface, null, 2)}\n`;

export interface SurfaceChange {
  check: 'C001' | 'C002' | 'C003';
  where: string;
  what: string;
}

const NOUN: Record<Kind, string> = { triggers: 'trigger', creates: 'action', searches: 'search' };

/** What `current` lost from `committed`: removed (or renamed) steps, input keys and output keys. */
export const breakingChanges = (committed: PublicSurface, current: PublicSurface): SurfaceChange[] =>
  KINDS.flatMap((kind) =>
    Object.entries(committed[kind] ?? {}).flatMap(([key, before]): SurfaceChange[] => {
      const where = `${kind}.${key}`;
      const now = current[kind]?.[key];
      if (!now) return [{ check: 'C001', where, what: `the ${NOUN[kind]} "${key}" was removed or renamed` }];
      return [
        ...before.inputs
          .filter((k) => !now.inputs.includes(k))
          .map((k) => ({ check: 'C002' as const, where, what: `input field "${k}" was removed or renamed` })),
        ...before.outputs
          .filter((k) => !now.outputs.includes(k))
          .map((k) => ({ check: 'C003' as const, where, what: `output/sample key "${k}" was removed or renamed` })),
      ];
    }),
  );

/**
 * What changed without breaking live Zaps, so the snapshot should learn it: new steps and keys, and steps hidden
 * or shown (hiding keeps existing Zaps running but breaks Zap templates: Zapier warns with C001).
 */
export const additions = (committed: PublicSurface, current: PublicSurface): string[] =>
  KINDS.flatMap((kind) =>
    Object.entries(current[kind] ?? {}).flatMap(([key, now]) => {
      const before = committed[kind]?.[key];
      if (!before) return [`${kind}.${key}`];
      return [
        ...(before.hidden !== now.hidden
          ? [`${kind}.${key} ${now.hidden ? 'hidden (C001 warning: Zap templates using it break)' : 'shown'}`]
          : []),
        ...now.inputs.filter((k) => !before.inputs.includes(k)).map((k) => `${kind}.${key} input "${k}"`),
        ...now.outputs.filter((k) => !before.outputs.includes(k)).map((k) => `${kind}.${key} output "${k}"`),
      ];
    }),
  );

export const BREAKING_CHANGE_HELP = [
  'Live Zaps and Zap templates use these keys; a published version must keep them (Zapier checks C001–C003).',
  'Keep the key: change only the label, read both the old and the new input key in perform, keep returning the old output key beside the new one, or hide a retired step (display.hidden: true) instead of removing it.',
  'If the break is intended, ship it as a new major version: bump "version" in package.json, `zapier-platform push`, `zapier-platform promote <new>`, then `zapier-platform deprecate <old> <date>` so merchants rebuild their Zaps (`zapier-platform migrate` is only for non-breaking versions).',
  `Then record the new surface: \`npm run surface:update\` and commit ${SURFACE_FILE}.`,
].join('\n');

export const describeBreakingChanges = (changes: SurfaceChange[]): string =>
  [...changes.map((c) => `${c.check} ${c.where}: ${c.what}.`), '', BREAKING_CHANGE_HELP].join('\n');

/** `npm run surface:update`: records the current surface on purpose. */
const main = async (): Promise<void> => {
  const { default: App } = await import('../../index.js');
  writeFileSync(SURFACE_FILE, renderSurface(publicSurfaceOf(App as unknown as AppDef)));
  console.log(
    `Wrote ${SURFACE_FILE}. Review the diff: only additions should appear unless you ship a new major version.`,
  );
};

if (runsAsScript(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
