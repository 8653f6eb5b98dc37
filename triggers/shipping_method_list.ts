import { defineTrigger } from 'zapier-platform-core';
import { shippingMethodChoices } from '../lib/coupons/coupons.js';
import { type ChoicesPage, dropdownOperation } from '../lib/inputs/dropdowns.js';

// Ecwid returns every shipping method at once: there is no second page.
const firstPageOnly: ChoicesPage = async (z, bundle, page) => (page > 0 ? [] : shippingMethodChoices(z, bundle));

/** Feeds the Shipping Methods dropdown; hidden from the trigger list. */
export default defineTrigger({
  key: 'shipping_method_list',
  noun: 'Shipping Method',
  display: {
    label: 'List Shipping Methods',
    description: 'Triggers when a shipping method is added (lists shipping methods for dropdowns).',
    hidden: true,
  },
  operation: dropdownOperation(
    firstPageOnly,
    { id: '6589-1709547151586', name: 'DHL Express' },
    ['Shipping Method ID', 'Shipping Method Name'],
    { paginates: false },
  ),
});
