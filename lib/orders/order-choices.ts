import type { Bundle, ZObject } from 'zapier-platform-core';
import { nowUnix } from '../ecwid/dates.js';
import { MAX_PAGE_SIZE } from '../ecwid/client.js';
import { matchesFilter, orderWindow } from './window.js';
import { DAY, POLL_MAX_REQUESTS } from '../polling/poll-limits.js';
import { readWindow } from '../polling/window-reader.js';
import type { EcwidOrder } from '../ecwid/types.js';

/**
 * The Order dropdown: recent orders, newest first, 100 a page, labelled so a merchant recognises them
 * ("SHOP-X8UYE · Jane Doe · 67.1 · 2026-11-02"). /orders has no sort order, so pages come from the window reader
 * (placed in the last 400 days), never from Ecwid's offset.
 */
const LOOKBACK_SECONDS = 400 * DAY;
const CHOICE_FIELDS =
  'total,count,offset,limit,items(id,createTimestamp,createDate,email,total,paymentStatus,billingPerson(name),shippingPerson(name))';

const labelOf = (order: EcwidOrder): string => {
  const who = order.billingPerson?.name || order.shippingPerson?.name || order.email || 'Guest';
  const date = String(order.createDate ?? '').slice(0, 10);
  return [String(order.id), who, order.total === undefined ? '' : String(order.total), date]
    .filter(Boolean)
    .join(' · ');
};

export const orderChoices = async (
  z: ZObject,
  bundle: Bundle,
  pageAsked: number,
): Promise<Array<{ id: string; name: string }>> => {
  const page = Number.isInteger(pageAsked) && pageAsked > 0 ? pageAsked : 0;
  const anyStatus = { paymentStatuses: [], fulfillmentStatuses: [] };
  const now = nowUnix();
  const read = await readWindow(
    z,
    bundle,
    { ...orderWindow(anyStatus), params: { responseFields: CHOICE_FIELDS } },
    {
      fromSeconds: now - LOOKBACK_SECONDS,
      toSeconds: now,
      maxRecords: (page + 1) * MAX_PAGE_SIZE,
      maxRequests: POLL_MAX_REQUESTS,
    },
  );
  return read.records
    .filter((order) => matchesFilter(order, anyStatus))
    .slice(page * MAX_PAGE_SIZE, (page + 1) * MAX_PAGE_SIZE)
    .map((order) => ({ id: String(order.id), name: labelOf(order) }));
};
