/**
 * docs/zap-templates.md, generated from tools/docs/zap-templates.ts (the recipes are data there; the doc is
 * generated so it cannot drift from what `npm start` renders): `npm run docs`.
 * test/tools/docs/zap-templates.test.ts fails while the committed doc differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { INVOICE_SAMPLE } from '../../lib/invoice/fields.js';
import { withIsoDates } from '../../lib/ecwid/dates.js';
import { ECWID_SAMPLE_ORDER } from '../../lib/orders/sample-ecwid-order.js';
import { formatXeroInvoice, renderXeroInvoice } from './xero-preview.js';
import { PAID_ORDER_TO_XERO_INVOICE, ZAP_TEMPLATES, type FieldMapping, type ZapTemplate } from './zap-templates.js';

/** The order output the doc renders: the sample order with ISO dates and its invoice fields, as order triggers give it. */
export const EXAMPLE_ORDER_OUTPUT: Record<string, unknown> = { ...withIsoDates(ECWID_SAMPLE_ORDER), ...INVOICE_SAMPLE };

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const shownSource = (source: string) =>
  source === '' ? '*(leave empty)*' : source.includes('{{') ? `\`${source}\`` : `\`${source}\` (fixed value)`;

function mappingTable(mappings: readonly FieldMapping[], action: ZapTemplate['action']): string[] {
  const apiColumn = action.app === 'Xero' ? 'Xero API field' : `${action.app} input key`;
  return [
    `| ${action.app} field | Value | ${apiColumn} | Why / how |`,
    '|---|---|---|---|',
    ...mappings.map(
      (m) =>
        `| ${cell(m.target)} | ${cell(shownSource(m.source))} | ${m.xero ?? m.key ?? ''} | ${cell(m.note ?? '')} |`,
    ),
  ];
}

/** The text of docs/zap-templates.md. */
export function zapTemplatesMarkdown(): string {
  const out: string[] = [
    '# Zap templates: Ecwid ↔ Xero',
    '',
    '<!-- Generated from tools/docs/zap-templates.ts by tools/docs/zap-templates-doc.ts; edit those, not this file. A test fails when it is stale. -->',
    '',
    "Six recipes, field by field. `{{key}}` is a field of the trigger step's output (Zapier shows it by its label);",
    'anything else is typed into the field as is. Ecwid order outputs carry accounting-ready invoice lines',
    "(`invoiceLines[]…`) with each line's Xero tax rate and account, the line amount type and the Xero contact fields,",
    'so recipe 1 needs no Formatter or Code step.',
    '',
  ];
  ZAP_TEMPLATES.forEach((template, index) => {
    out.push(
      `## ${index + 1}. ${template.title}`,
      '',
      template.summary,
      '',
      `- Trigger: **${template.trigger.app} — ${template.trigger.event}**${template.trigger.key ? ` (\`${template.trigger.key}\`)` : ''}`,
      `- Action: **${template.action.app} — ${template.action.event}**${template.action.key ? ` (\`${template.action.key}\`)` : ''}`,
      '',
    );
    if (template.triggerFields) {
      out.push(
        'Trigger step (optional fields of this app):',
        '',
        ...mappingTable(template.triggerFields, { app: template.trigger.app, event: template.trigger.event }),
        '',
      );
      out.push('Action step:', '');
    }
    out.push(...mappingTable(template.fields, template.action), '');
    if (template.lineItems)
      out.push(
        'Line items (one Xero line per invoice line):',
        '',
        ...mappingTable(template.lineItems, template.action),
        '',
      );
    if (template === PAID_ORDER_TO_XERO_INVOICE) {
      out.push(
        'What it creates for the sample order (rendered from this mapping by the same code as `npm start`):',
        '',
        '```text',
        formatXeroInvoice(renderXeroInvoice(EXAMPLE_ORDER_OUTPUT, template)),
        '```',
        '',
      );
    }
    out.push(
      'Notes:',
      '',
      ...template.notes.map((n) => `- ${n}`),
      '',
      'Not verified:',
      '',
      ...template.unverified.map((u) => `- ${u}`),
      '',
    );
  });
  return `${out.join('\n').trimEnd()}\n`;
}

export const ZAP_TEMPLATES_FILE = 'docs/zap-templates.md';

export const writeZapTemplatesDoc = (file: string = ZAP_TEMPLATES_FILE): void => {
  writeFileSync(file, zapTemplatesMarkdown());
  console.log(`Wrote ${file}`);
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) writeZapTemplatesDoc(process.argv[2]);
