import type { Bundle, ZObject } from 'zapier-platform-core';
import { pollRecords } from '../polling/poll.js';
import { type WindowSpec } from '../polling/window-reader.js';
import { toProductOutput } from './products.js';
import type { EcwidProduct } from '../ecwid/types.js';

/** What the dedupe-seeding poll reads: ids, the creation time the window is cut by, and what `keep` looks at. */
const PRODUCT_DEDUPE_FIELDS = 'total,count,offset,limit,items(id,createTimestamp,enabled)';

/** The window New Product reads: products by creation time, only enabled ones when the merchant skips disabled. */
export const productWindow = ({ enabledOnly }: { enabledOnly: boolean }): WindowSpec<EcwidProduct> => ({
  path: '/products',
  params: { sortBy: 'ADDED_TIME_DESC', enabled: enabledOnly ? 'true' : undefined },
  from: 'createdFrom',
  to: 'createdTo',
  timeOf: (product) => Number(product.createTimestamp),
  idOf: (product) => String(product.id),
});

/** One poll of New Product: products added in the window, newest first. */
export const pollProducts = (
  z: ZObject,
  bundle: Bundle,
  { enabledOnly }: { enabledOnly: boolean },
): Promise<Array<{ id: string }>> =>
  pollRecords(z, bundle, productWindow({ enabledOnly }), {
    dedupeFields: PRODUCT_DEDUPE_FIELDS,
    // Checked here too: a disabled product must not fire when the merchant asked to skip them.
    keep: (product) => !enabledOnly || product.enabled !== false,
    toOutput: toProductOutput,
  });
