import { RouteTable } from '../route-table.js';
import type { FinanceHandler, FinanceUserHandler } from './context.js';
import * as accounts from './chart-of-accounts.js';
import * as contacts from './contacts.js';
import * as persons from './contact-persons.js';
import * as estimates from './estimates.js';
import { invoiceFromSalesOrder, invoicesFromEstimates } from './from-documents.js';
import { salesOrdersOnly } from './sales-orders.js';
import * as salesOrders from './sales-orders.js';
import * as invoices from './invoices.js';
import * as items from './items.js';
import * as organizations from './organizations.js';
import * as payments from './customer-payments.js';
import { paymentLinkRoute } from './payment-link.js';
import { markStatus } from './status-route.js';
import { taxAuthorities, taxExemptions } from './tax-registries.js';
import * as taxes from './taxes.js';

/** A Books/Invoice route: either scoped to one organisation or to the token's user. */
export type FinanceRoute = { scope: 'org'; handler: FinanceHandler } | { scope: 'user'; handler: FinanceUserHandler };

const org = (handler: FinanceHandler): FinanceRoute => ({ scope: 'org', handler });
const user = (handler: FinanceUserHandler): FinanceRoute => ({ scope: 'user', handler });

/** Every Books/Invoice v3 endpoint the sandbox serves (paths below `/books/v3` or `/invoice/v3`). */
export const financeRoutes = new RouteTable<FinanceRoute>()
  .add('GET', '/organizations', user(organizations.listOrganizations))
  .add('POST', '/organizations', user(organizations.createOrganization))
  .add('GET', '/organizations/:id', user(organizations.getOrganization))
  .add('PUT', '/organizations/:id', user(organizations.updateOrganization))
  .add('GET', '/contacts', org(contacts.listContacts))
  .add('POST', '/contacts', org(contacts.createContactRoute))
  .add('GET', '/contacts/:id', org(contacts.getContact))
  .add('PUT', '/contacts/:id', org(contacts.updateContactRoute))
  .add('DELETE', '/contacts/:id', org(contacts.deleteContact))
  .add('POST', '/contacts/:id/active', org(markStatus('contacts', 'Contact', 'active')))
  .add('POST', '/contacts/:id/inactive', org(markStatus('contacts', 'Contact', 'inactive')))
  .add('POST', '/contacts/contactpersons', org(persons.createPerson))
  .add('PUT', '/contacts/contactpersons/:id', org(persons.updatePerson))
  .add('DELETE', '/contacts/contactpersons/:id', org(persons.deletePerson))
  .add('POST', '/contacts/contactpersons/:id/primary', org(persons.markPrimary))
  .add('GET', '/contacts/:contact_id/contactpersons', org(persons.listPersons))
  .add('GET', '/contacts/:contact_id/contactpersons/:id', org(persons.getPerson))
  .add('GET', '/items', org(items.listItems))
  .add('POST', '/items', org(items.createItemRoute))
  .add('GET', '/items/:id', org(items.getItem))
  .add('PUT', '/items/:id', org(items.updateItemRoute))
  .add('DELETE', '/items/:id', org(items.deleteItem))
  .add('POST', '/items/:id/active', org(markStatus('items', 'Item', 'active')))
  .add('POST', '/items/:id/inactive', org(markStatus('items', 'Item', 'inactive')))
  .add('GET', '/settings/taxes', org(taxes.listTaxes))
  .add('POST', '/settings/taxes', org(taxes.createTax))
  .add('GET', '/settings/taxes/:id', org(taxes.getTax))
  .add('PUT', '/settings/taxes/:id', org(taxes.updateTax))
  .add('DELETE', '/settings/taxes/:id', org(taxes.deleteTax))
  .add('POST', '/settings/taxgroups', org(taxes.createGroup))
  .add('GET', '/settings/taxgroups/:id', org(taxes.getGroup))
  .add('PUT', '/settings/taxgroups/:id', org(taxes.updateGroup))
  .add('DELETE', '/settings/taxgroups/:id', org(taxes.deleteGroup))
  .add('GET', '/settings/taxauthorities', org(taxAuthorities.list))
  .add('POST', '/settings/taxauthorities', org(taxAuthorities.create))
  .add('GET', '/settings/taxauthorities/:id', org(taxAuthorities.get))
  .add('PUT', '/settings/taxauthorities/:id', org(taxAuthorities.update))
  .add('DELETE', '/settings/taxauthorities/:id', org(taxAuthorities.remove))
  .add('GET', '/settings/taxexemptions', org(taxExemptions.list))
  .add('POST', '/settings/taxexemptions', org(taxExemptions.create))
  .add('GET', '/settings/taxexemptions/:id', org(taxExemptions.get))
  .add('PUT', '/settings/taxexemptions/:id', org(taxExemptions.update))
  .add('DELETE', '/settings/taxexemptions/:id', org(taxExemptions.remove))
  .add('GET', '/invoices', org(invoices.listInvoices))
  .add('POST', '/invoices', org(invoices.createInvoiceRoute))
  .add('GET', '/invoices/:id', org(invoices.getInvoice))
  .add('PUT', '/invoices/:id', org(invoices.updateInvoiceRoute))
  .add('DELETE', '/invoices/:id', org(invoices.deleteInvoice))
  .add('GET', '/estimates', org(estimates.listEstimates))
  .add('POST', '/estimates', org(estimates.createEstimateRoute))
  .add('GET', '/estimates/:id', org(estimates.getEstimate))
  .add('PUT', '/estimates/:id', org(estimates.updateEstimateRoute))
  .add('DELETE', '/estimates/:id', org(estimates.deleteEstimate))
  .add('POST', '/estimates/:id/status/sent', org(estimates.markEstimateRoute('sent')))
  .add('POST', '/estimates/:id/status/accepted', org(estimates.markEstimateRoute('accepted')))
  .add('POST', '/estimates/:id/status/declined', org(estimates.markEstimateRoute('declined')))
  .add('POST', '/invoices/fromestimates', org(invoicesFromEstimates))
  .add('POST', '/invoices/fromsalesorder', org(salesOrdersOnly(invoiceFromSalesOrder)))
  .add('GET', '/salesorders', org(salesOrdersOnly(salesOrders.listSalesOrders)))
  .add('POST', '/salesorders', org(salesOrdersOnly(salesOrders.createSalesOrderRoute)))
  .add('GET', '/salesorders/:id', org(salesOrdersOnly(salesOrders.getSalesOrder)))
  .add('PUT', '/salesorders/:id', org(salesOrdersOnly(salesOrders.updateSalesOrderRoute)))
  .add('DELETE', '/salesorders/:id', org(salesOrdersOnly(salesOrders.deleteSalesOrder)))
  .add('POST', '/salesorders/:id/status/open', org(salesOrdersOnly(salesOrders.markSalesOrderRoute('open'))))
  .add('POST', '/salesorders/:id/status/void', org(salesOrdersOnly(salesOrders.markSalesOrderRoute('void'))))
  .add('POST', '/invoices/:id/status/sent', org(invoices.markInvoice('sent')))
  .add('POST', '/invoices/:id/status/void', org(invoices.markInvoice('void')))
  .add('POST', '/invoices/:id/status/draft', org(invoices.markInvoice('draft')))
  .add('PUT', '/invoices/:id/address/billing', org(invoices.updateInvoiceBillingAddress))
  .add('GET', '/invoices/:id/payments', org(invoices.listInvoicePayments))
  .add('GET', '/share/paymentlink', org(paymentLinkRoute))
  .add('GET', '/customerpayments', org(payments.listPayments))
  .add('POST', '/customerpayments', org(payments.createPaymentRoute))
  .add('GET', '/customerpayments/:id', org(payments.getPayment))
  .add('PUT', '/customerpayments/:id', org(payments.updatePaymentRoute))
  .add('DELETE', '/customerpayments/:id', org(payments.deletePayment))
  .add('GET', '/chartofaccounts', org(accounts.listAccounts))
  .add('GET', '/chartofaccounts/:id', org(accounts.getAccount));
