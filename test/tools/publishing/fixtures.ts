/**
 * A small app that passes every offline integration check: the base each test breaks in one place.
 * A fresh copy per call, so one test's damage never reaches another.
 */

export const COUPON_OUTPUT_SAMPLE = {
  id: 51001,
  name: '10% off',
  code: 'WELCOME10',
  discount: 10,
  status: 'ACTIVE',
  launchDate: '2024-09-04T07:22:09+00:00',
  expirationDate: '2024-12-31',
  catalogLimit: { products: [7011], categories: [] },
  usage: [{ orderId: 'SHOP-X8UYE', amount: 6 }],
};

export const COUPON_OUTPUT_FIELDS = [
  { key: 'id', label: 'Coupon ID', type: 'integer' },
  { key: 'name', label: 'Name', type: 'string' },
  { key: 'code', label: 'Code', type: 'string', required: true },
  { key: 'discount', label: 'Discount', type: 'number' },
  { key: 'launchDate', label: 'Launch Date', type: 'datetime' },
  { key: 'catalogLimit__products', label: 'Limited to Products', type: 'integer', list: true },
  { key: 'usage[]orderId', label: 'Used in Order', type: 'string' },
  { key: 'usage[]amount', label: 'Amount Used', type: 'number' },
];

const noop = async () => [];

/** Loosely typed on purpose: tests break it in ways the real types would refuse. */
export const goodApp = (): Record<string, any> => ({
  version: '1.0.0',
  authentication: {
    type: 'oauth2',
    oauth2Config: { authorizeUrl: { url: 'https://my.ecwid.com/api/oauth/authorize' }, getAccessToken: noop },
    fields: [{ key: 'store_id', type: 'string', required: false, computed: true }],
    test: noop,
    connectionLabel: '{{storeName}} (#{{storeId}})',
  },
  triggers: {
    new_discount_coupon: {
      key: 'new_discount_coupon',
      noun: 'Discount Coupon',
      display: { label: 'New Discount Coupon', description: 'Triggers when a discount coupon is created.' },
      operation: {
        type: 'polling',
        perform: noop,
        inputFields: [
          {
            key: 'status',
            label: 'Status',
            choices: { ACTIVE: 'Active', PAUSED: 'Paused' },
            helpText:
              'Only coupons with this status, as in Ecwid admin → [Discount Coupons](https://my.ecwid.com/cp/#discount-coupons).',
          },
        ],
        sample: structuredClone(COUPON_OUTPUT_SAMPLE),
        outputFields: structuredClone(COUPON_OUTPUT_FIELDS),
      },
    },
    category_list: {
      key: 'category_list',
      noun: 'Category',
      display: { label: 'list categories', description: 'for the dropdown', hidden: true },
      operation: { type: 'polling', perform: noop, canPaginate: true },
    },
  },
  creates: {
    create_discount_coupon: {
      key: 'create_discount_coupon',
      noun: 'Discount Coupon',
      display: { label: 'Create Discount Coupon', description: 'Creates a discount coupon in your Ecwid store.' },
      operation: {
        perform: noop,
        inputFields: [
          { key: 'code', label: 'Code', required: true, helpText: 'What shoppers type at checkout, e.g. `WELCOME10`.' },
          {
            key: 'category',
            label: 'Limit to Category',
            dynamic: 'category_list.id.name',
            helpText: 'The category as named in Ecwid admin → Catalog → Categories.',
          },
          async () => [],
        ],
        sample: structuredClone(COUPON_OUTPUT_SAMPLE),
        outputFields: structuredClone(COUPON_OUTPUT_FIELDS),
      },
    },
  },
  searches: {
    find_discount_coupon: {
      key: 'find_discount_coupon',
      noun: 'Discount Coupon',
      display: { label: 'Find Discount Coupon by Code', description: 'Finds a discount coupon by its code.' },
      operation: {
        perform: noop,
        inputFields: [{ key: 'code', label: 'Code', required: true, helpText: 'The code shoppers type at checkout.' }],
        sample: structuredClone(COUPON_OUTPUT_SAMPLE),
        outputFields: structuredClone(COUPON_OUTPUT_FIELDS),
      },
    },
  },
});
