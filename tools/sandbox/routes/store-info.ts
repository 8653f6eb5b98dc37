/** `/profile` (store settings, the app's connection test), `/profile/shippingOptions` and `/latest-stats` (cheap change probe). */
import type { EcwidStore, StoreSettings } from '../store.js';
import type { Route } from './route.js';

/**
 * The store's shipping methods as Ecwid's profile lists them (`shipping.shippingOptions`, and `GET
 * /profile/shippingOptions`): ids as orders' `shippingOption.shippingMethodId` show them, lower-case
 * `fulfilmentType`, flat rates. Disabled methods are listed too (`enabled: false`).
 */
export function shippingOptions(settings: StoreSettings) {
  return settings.shippingMethods.map((method, i) => ({
    id: method.id,
    title: method.name,
    enabled: method.enabled !== false,
    orderby: (i + 1) * 10,
    fulfilmentType: method.isPickup ? 'pickup' : 'shipping',
    ...(method.isPickup
      ? { pickupInstruction: '<p>Pick up at 1 Sandbox Way, Austin, on weekdays from 9 am to 6 pm.</p>' }
      : { ratesCalculationType: 'flat', flatRate: { rateType: 'ABSOLUTE', rate: method.rate } }),
    deliveryTimeDays: method.estimatedTransitTime ?? '',
    description: method.estimatedTransitTime ? `${method.estimatedTransitTime} business days` : '',
  }));
}

/** The parts of Ecwid's store profile an integration reads, shaped as Ecwid returns them. */
export function storeProfile(store: EcwidStore) {
  const s = store.settings;
  const currencySymbols: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', CAD: 'C$', AUD: 'A$' };
  return {
    generalInfo: {
      storeId: s.storeId,
      storeUrl: s.storeUrl,
      starterSite: { ecwidSubdomain: `store${s.storeId}`, generatedUrl: `https://store${s.storeId}.company.site` },
      websitePlatform: 'ecwid',
    },
    account: {
      accountName: 'Sandbox Owner',
      accountNickName: 'sandbox',
      accountEmail: s.ownerEmail,
      availableFeatures: ['API', 'DISCOUNT_COUPONS', 'CUSTOMER_GROUPS', 'INVENTORY'],
      whiteLabel: false,
    },
    settings: {
      closed: false,
      storeName: s.storeName,
      storeDescription: `<p>${s.storeName}: an Ecwid sandbox store.</p>`,
      googleRemarketingEnabled: false,
      orderCommentsEnabled: true,
      hideOutOfStockProductsInStorefront: false,
    },
    mailNotifications: { adminNotificationEmails: [s.ownerEmail], customerNotificationFromEmail: s.ownerEmail },
    company: {
      companyName: s.storeName,
      email: s.ownerEmail,
      street: '1 Sandbox Way',
      city: 'Austin',
      countryCode: 'US',
      postalCode: '73301',
      stateOrProvinceCode: 'TX',
      phone: '+1 555 010 0000',
    },
    formatsAndUnits: {
      currency: s.currency,
      currencyPrefix: currencySymbols[s.currency] ?? '',
      currencySuffix: currencySymbols[s.currency] ? '' : ` ${s.currency}`,
      currencyPrecision: 2,
      currencyGroupSeparator: ',',
      currencyDecimalSeparator: '.',
      currencyTruncateZeroFractional: false,
      currencyRate: 1,
      weightUnit: 'KILOGRAM',
      dimensionsUnit: 'CM',
      dateFormat: 'MMM d, yyyy',
      timeFormat: 'hh:mm:ss a',
      timezone: s.timezone,
      orderNumberPrefix: s.orderIdPrefix,
      orderNumberSuffix: s.orderIdSuffix,
    },
    languages: { enabledLanguages: ['en'], facebookPreferredLocale: 'en_US', defaultLanguage: 'en' },
    taxSettings: {
      automaticTaxEnabled: false,
      pricesIncludeTax: s.pricesIncludeTax,
      taxExemptBusiness: false,
      taxes: [
        ...new Map([...Object.values(s.taxClasses).flat(), ...s.shippingTaxes].map((t) => [t.name, t])).values(),
      ].map((t, i) => ({
        id: i + 1,
        name: t.name,
        enabled: true,
        includeInPrice: s.pricesIncludeTax,
        useShippingAddress: true,
        taxShipping: s.shippingTaxes.some((st) => st.name === t.name),
        appliedByDefault: true,
        defaultTax: t.rate,
      })),
    },
    shipping: {
      handlingFee: s.handlingFee
        ? { name: s.handlingFee.name, value: s.handlingFee.value, description: s.handlingFee.description }
        : undefined,
      shippingOrigin: { companyName: s.storeName, city: 'Austin', countryCode: 'US' },
      shippingOptions: shippingOptions(s),
    },
  };
}

export const storeInfoRoutes: Route[] = [
  { method: 'GET', path: '/profile', scope: 'read_store_profile', handle: ({ store }) => storeProfile(store) },
  // A bare JSON array, as Ecwid answers it.
  {
    method: 'GET',
    path: '/profile/shippingOptions',
    scope: 'read_store_profile',
    handle: ({ store }) => shippingOptions(store.settings),
  },
  // docs/ecwid-api-notes.md names no scope for /latest-stats; every token has read_store_profile.
  { method: 'GET', path: '/latest-stats', scope: 'read_store_profile', handle: ({ store }) => store.latestStats() },
];
