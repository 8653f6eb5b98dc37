/** `/customers` and `/customer_groups`. */
import { ApiError, wrongParameter } from '../api-error.js';
import type { BodyReader } from '../input.js';
import { CUSTOMER_SORTS, type CustomerInput, type EcwidStore } from '../store.js';
import type { Customer, ShippingAddress } from '../types.js';
import { numericId, notFound, page, personFrom, readPerson, type Route, type RouteContext } from './route.js';

function findCustomer({ store, params }: RouteContext): Customer {
  const customer = store.getCustomer(numericId(params.id, 'CUSTOMER_NOT_FOUND', `Customer ${params.id}`));
  if (!customer) throw notFound('CUSTOMER_NOT_FOUND', `Customer ${params.id}`);
  return customer;
}

/** Ecwid keeps one customer per e-mail: a second one is a 409 (older docs; body not verified). */
function assertEmailFree(store: EcwidStore, email: string, self?: Customer): void {
  const owner = store.findCustomerByEmail(email);
  if (owner && owner !== self)
    throw new ApiError(409, 'CUSTOMER_ALREADY_EXISTS', `A customer with the email ${email} already exists`);
}

function readEmail(body: BodyReader, required: boolean): string | undefined {
  const email = body.string('email', { required, nonEmpty: true });
  if (email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(email))
    throw wrongParameter(`Field 'email' is not a valid e-mail address: '${email}'`);
  return email;
}

function customerInput(body: BodyReader, store: EcwidStore): CustomerInput {
  const customerGroupId = body.int('customerGroupId', 0);
  if (customerGroupId !== undefined && !store.customerGroups.some((g) => g.id === customerGroupId)) {
    throw wrongParameter(`Customer group ${customerGroupId} does not exist`);
  }
  const shippingAddresses = body.objectArray('shippingAddresses')?.map(
    (address, i): ShippingAddress => ({
      id: address.int('id') ?? i + 1,
      ...personFrom(address),
    }),
  );
  return {
    name: body.string('name'),
    billingPerson: readPerson(body, 'billingPerson'),
    shippingAddresses,
    customerGroupId,
    taxId: body.string('taxId'),
    taxExempt: body.boolean('taxExempt'),
    acceptMarketing: body.boolean('acceptMarketing'),
    lang: body.string('lang'),
    privateAdminNotes: body.string('privateAdminNotes'),
  };
}

export const customerRoutes: Route[] = [
  {
    method: 'GET',
    path: '/customers',
    scope: 'read_customers',
    handle: (ctx) => {
      const { query } = ctx;
      const rows = ctx.store.searchCustomers(
        {
          keyword: query.string('keyword'),
          name: query.string('name'),
          email: query.string('email'),
          phone: query.string('phone'),
          ...query.dateWindow(),
          customerGroupIds: query.intList('customerGroupIds'),
        },
        query.oneOf('sortBy', CUSTOMER_SORTS),
      );
      return page(rows, ctx);
    },
  },
  { method: 'GET', path: '/customers/:id', scope: 'read_customers', handle: findCustomer },
  {
    method: 'POST',
    path: '/customers',
    scope: 'create_customers',
    handle: ({ body, store }) => {
      const email = readEmail(body, true)!;
      const input = customerInput(body, store);
      assertEmailFree(store, email);
      return { id: store.registerCustomer({ ...input, email }).id };
    },
  },
  {
    method: 'PUT',
    path: '/customers/:id',
    scope: 'update_customers',
    handle: (ctx) => {
      const customer = findCustomer(ctx);
      const email = readEmail(ctx.body, false);
      const input = customerInput(ctx.body, ctx.store);
      if (email !== undefined) assertEmailFree(ctx.store, email, customer);
      ctx.store.updateCustomer(customer.id, { ...input, email });
      return { updateCount: 1 };
    },
  },
  {
    method: 'GET',
    path: '/customer_groups',
    scope: 'read_customers',
    handle: (ctx) => page(ctx.store.customerGroups, ctx),
  },
];
