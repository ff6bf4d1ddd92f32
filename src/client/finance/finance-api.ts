import { ChartOfAccountsResource } from './chart-of-accounts.js';
import { ContactPersonsResource } from './contact-persons.js';
import { ContactsResource } from './contacts.js';
import { CustomerPaymentsResource } from './customer-payments.js';
import type { FinanceApp, FinanceContext } from './finance-context.js';
import { InvoicesResource } from './invoices.js';
import { EstimatesResource } from './estimates.js';
import { SalesOrdersResource } from './sales-orders.js';
import { ItemsResource } from './items.js';
import { OrganizationsResource } from './organizations.js';
import { TaxGroupsResource } from './tax-groups.js';
import { TaxAuthoritiesResource, TaxesResource, TaxExemptionsResource } from './taxes.js';

/**
 * Zoho Books or Zoho Invoice, one surface: the same resources and methods for both apps; the
 * client puts the organisation id where each app expects it.
 */
export class FinanceApi {
  /** `'books'` or `'invoice'`. */
  readonly app: FinanceApp;
  /** The organisation every call is made for (undefined: only `organizations` works). */
  readonly organizationId: string | undefined;
  readonly organizations: OrganizationsResource;
  readonly contacts: ContactsResource;
  readonly contactPersons: ContactPersonsResource;
  readonly items: ItemsResource;
  readonly taxes: TaxesResource;
  readonly taxGroups: TaxGroupsResource;
  readonly taxAuthorities: TaxAuthoritiesResource;
  readonly taxExemptions: TaxExemptionsResource;
  readonly invoices: InvoicesResource;
  /** Payments received from customers, applied to invoices. */
  readonly customerPayments: CustomerPaymentsResource;
  /** The Books chart of accounts (read-only; Zoho Invoice has none). */
  readonly chartOfAccounts: ChartOfAccountsResource;
  /** Estimates (quotes): sent, accepted or declined, converted to invoices. */
  readonly estimates: EstimatesResource;
  /** Sales orders: Books with inventory only ({@link ModuleUnavailableError} elsewhere). */
  readonly salesOrders: SalesOrdersResource;

  constructor(context: FinanceContext) {
    this.app = context.app;
    this.organizationId = context.organizationId;
    this.organizations = new OrganizationsResource(context);
    this.contacts = new ContactsResource(context);
    this.contactPersons = new ContactPersonsResource(context);
    this.items = new ItemsResource(context);
    this.taxes = new TaxesResource(context);
    this.taxGroups = new TaxGroupsResource(context);
    this.taxAuthorities = new TaxAuthoritiesResource(context);
    this.taxExemptions = new TaxExemptionsResource(context);
    this.invoices = new InvoicesResource(context);
    this.customerPayments = new CustomerPaymentsResource(context);
    this.chartOfAccounts = new ChartOfAccountsResource(context);
    this.estimates = new EstimatesResource(context);
    this.salesOrders = new SalesOrdersResource(context);
  }
}
