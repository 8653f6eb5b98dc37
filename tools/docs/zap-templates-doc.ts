/**
 * Writes docs/zap-templates.md from lib/zap-templates.ts (the recipes are data there; the doc is generated so it
 * cannot drift from what `npm start` renders). From the repository root:
 *   npm run build && node dist/scripts/zap-templates-doc.js
 * test/zap-templates.test.ts fails while the committed doc differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { zapTemplatesMarkdown } from './zap-templates.js';

export const ZAP_TEMPLATES_FILE = 'docs/zap-templates.md';

export const writeZapTemplatesDoc = (file: string = ZAP_TEMPLATES_FILE): void => {
  writeFileSync(file, zapTemplatesMarkdown());
  console.log(`Wrote ${file}`);
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) writeZapTemplatesDoc(process.argv[2]);
