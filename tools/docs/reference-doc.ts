/**
 * `npm run docs`: docs/reference.md, rendered from the app definition — every trigger, action and search with its
 * label, description, inputs and output fields. test/tools/docs/reference-doc.test.ts fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import {
  operationsOf,
  recordKeys,
  runsAsScript,
  staticFieldsOf,
  type AppDef,
  type FieldDef,
  type Kind,
  type Operation,
} from '../publishing/publishing-checks.js';

export const REFERENCE_FILE = 'docs/reference.md';

const SECTIONS: Array<{ kind: Kind; title: string; hidden: boolean }> = [
  { kind: 'triggers', title: 'Triggers', hidden: false },
  { kind: 'creates', title: 'Actions', hidden: false },
  { kind: 'searches', title: 'Searches', hidden: false },
  { kind: 'triggers', title: 'Dropdown sources (hidden triggers)', hidden: true },
];

const AUTH_NAMES: Record<string, string> = {
  oauth2: "OAuth2: the merchant signs in to Ecwid and approves the app's permissions; nothing to paste.",
  custom: 'API key.',
  basic: 'Username and password.',
  session: 'Session.',
  digest: 'Digest.',
  oauth1: 'OAuth1.',
};

/** A table cell: one line, pipes escaped. */
const cell = (text: unknown): string =>
  String(text ?? '')
    .trim()
    .replace(/\|/g, '\\|')
    .replace(/\r?\n+/g, '<br>');

const table = (head: string[], rows: string[][]): string[] => [
  `| ${head.join(' | ')} |`,
  `| ${head.map(() => '---').join(' | ')} |`,
  ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
];

const plural = (noun: string): string =>
  /[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : /(?:s|x|z|ch|sh)$/.test(noun) ? `${noun}es` : `${noun}s`;

const choicesOf = (field: FieldDef, app: AppDef): string => {
  if (field.dynamic) {
    const [triggerKey] = String(field.dynamic).split('.');
    const source = app.triggers?.[triggerKey];
    const noun = source?.noun ? plural(source.noun.toLowerCase()) : triggerKey;
    return `Dropdown of your store's ${noun} (\`${field.dynamic}\`)`;
  }
  const { choices } = field;
  if (Array.isArray(choices)) {
    return choices
      .map((choice) =>
        typeof choice === 'object' && choice !== null
          ? `\`${String((choice as { value?: unknown }).value)}\` (${String((choice as { label?: unknown }).label ?? '')})`
          : `\`${String(choice)}\``,
      )
      .join(', ');
  }
  if (choices && typeof choices === 'object') {
    return Object.entries(choices as Record<string, unknown>)
      .map(([value, label]) => `\`${value}\` (${String(label)})`)
      .join(', ');
  }
  return '';
};

const typeOf = (field: FieldDef): string => `${field.type ?? 'string'}${field.list ? ' (list)' : ''}`;

const helpOf = (field: FieldDef): string =>
  [field.helpText ?? '', field.default !== undefined ? `Default: \`${String(field.default)}\`.` : '']
    .filter(Boolean)
    .join(' ');

const renderOperation = (op: Operation, app: AppDef): string[] => {
  const { display = {}, operation = {} } = op.def;
  const inputs = staticFieldsOf(operation.inputFields).filter(({ field }) => !field.computed);
  const dynamicInputs = (operation.inputFields ?? []).some((field) => typeof field === 'function');
  const outputs = staticFieldsOf(operation.outputFields);
  const lines = [`### ${display.label ?? op.key}`, '', `Key: \`${op.key}\``, ''];
  if (display.description) lines.push(display.description, '');

  lines.push('**Inputs**', '');
  if (inputs.length > 0) {
    lines.push(
      ...table(
        ['Field', 'Key', 'Type', 'Required', 'Choices', 'Help'],
        inputs.map(({ path, field }) => [
          field.label ?? (field.type === 'copy' ? '(note)' : path),
          `\`${path}\``,
          typeOf(field),
          field.required ? 'yes' : 'no',
          choicesOf(field, app),
          helpOf(field),
        ]),
      ),
      '',
    );
  } else if (!dynamicInputs) {
    lines.push('None.', '');
  }
  if (dynamicInputs) lines.push('More fields are loaded from your store when you set up the step.', '');

  lines.push('**Output fields**', '');
  if (outputs.length > 0) {
    lines.push(
      ...table(
        ['Field', 'Key', 'Type'],
        outputs.map(({ path, field }) => [field.label ?? path, `\`${path}\``, typeOf(field)]),
      ),
      '',
    );
  } else {
    const keys = recordKeys(operation.sample);
    lines.push(
      keys.length > 0 ? `Keys of the sample: ${keys.map((k) => `\`${k}\``).join(', ')}.` : 'None declared.',
      '',
    );
  }
  return lines;
};

const byLabel = (a: Operation, b: Operation): number =>
  String(a.def.display?.label ?? a.key).localeCompare(String(b.def.display?.label ?? b.key), 'en') ||
  a.key.localeCompare(b.key, 'en');

export const renderReference = (app: AppDef): string => {
  const ops = operationsOf(app);
  const lines = [
    '# Ecwid for Zapier: reference',
    '',
    '<!-- Generated from the app definition by `npm run docs`. Do not edit by hand: a test fails when this file is stale. -->',
    '',
  ];
  if (app.authentication?.type) {
    lines.push('## Connecting', '', AUTH_NAMES[app.authentication.type] ?? String(app.authentication.type), '');
  }
  for (const section of SECTIONS) {
    const inSection = ops.filter((op) => op.kind === section.kind && op.hidden === section.hidden).sort(byLabel);
    if (inSection.length === 0 && section.hidden) continue;
    lines.push(`## ${section.title}`, '');
    if (inSection.length === 0) lines.push('None yet.', '');
    for (const op of inSection) lines.push(...renderOperation(op, app));
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
};

const main = async (): Promise<void> => {
  const { default: App } = await import('../../index.js');
  writeFileSync(REFERENCE_FILE, renderReference(App as unknown as AppDef));
  console.log(`Wrote ${REFERENCE_FILE}.`);
};

if (runsAsScript(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
