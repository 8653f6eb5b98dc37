import type { ZapTemplate } from '../../../tools/docs/zap-templates.js';

/** Every `{{key}}` a recipe reads from its trigger: in fields, line items and notes. */
export const placeholders = (template: ZapTemplate): string[] =>
  [...template.fields, ...(template.lineItems ?? [])]
    .flatMap((m) => [m.source, m.note ?? ''])
    .concat(template.notes)
    .flatMap((text) => [...text.matchAll(/\{\{([^}]+)\}\}/g)].map((m) => m[1]));
