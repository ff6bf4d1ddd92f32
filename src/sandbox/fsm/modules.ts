import type { SandboxFsmModule } from '../org-state.js';

/** What the sandbox knows about one FSM module. */
export interface ModuleSpec {
  /** Fields a create must carry. */
  required: readonly string[];
  /** `api_name` values search accepts, plus the time fields (⚠️). */
  searchFields: readonly string[];
  /** Lookup fields and the module they point at; stored as ids, returned as `{ name, id }`. */
  lookups: Readonly<Record<string, SandboxFsmModule>>;
  /** Whether `process_sync` with finance is supported. */
  financeSync: boolean;
}

const TIME_FIELDS = ['Created_Time', 'Modified_Time'];

export const MODULE_SPECS: Readonly<Record<SandboxFsmModule, ModuleSpec>> = {
  Companies: {
    required: ['Company_Name'],
    searchFields: ['Company_Name', 'ZBilling_Id', 'ZCRM_Id', 'Email', ...TIME_FIELDS],
    lookups: {},
    financeSync: true,
  },
  Contacts: {
    required: ['Last_Name', 'Email'],
    searchFields: ['Email', 'Last_Name', 'Mobile', 'Phone', 'ZBilling_Id', 'ZCRM_Id', ...TIME_FIELDS],
    lookups: { Company: 'Companies' },
    financeSync: true,
  },
  Service_And_Parts: {
    required: ['Name'],
    searchFields: ['Name', 'ZBilling_Id', 'ZCRM_Id', ...TIME_FIELDS],
    lookups: {},
    financeSync: true,
  },
  Work_Orders: {
    required: ['Summary'],
    searchFields: ['Company', 'Contact', 'Name', 'Status', 'Territory', 'ZCRM_Deals_Id', ...TIME_FIELDS],
    lookups: { Company: 'Companies', Contact: 'Contacts' },
    financeSync: false,
  },
  // create-service-appointment.html: Summary and the scheduled start and end are mandatory, and
  // `$Service_Line_Items` (checked in service-appointments.ts). Searching by Name and Status is assumed (⚠️).
  Service_Appointments: {
    required: ['Summary', 'Scheduled_Start_Date_Time', 'Scheduled_End_Date_Time'],
    searchFields: ['Name', 'Status', ...TIME_FIELDS],
    lookups: { Work_Order: 'Work_Orders' },
    financeSync: false,
  },
  // get-assets.html shows Name, Product, Company and Contact; only Name is taken as mandatory (⚠️).
  Assets: {
    required: ['Name'],
    searchFields: ['Name', 'Asset_Number', ...TIME_FIELDS],
    lookups: { Product: 'Service_And_Parts', Company: 'Companies', Contact: 'Contacts' },
    financeSync: false,
  },
  // The Estimates module exists but its fields, mandatory fields and search
  // fields are not documented in what we have: Summary mandatory (as on work orders) and these
  // search fields are assumptions, listed in docs/sandbox.md.
  Estimates: {
    required: ['Summary'],
    searchFields: ['Name', 'Status', 'Company', 'Contact', 'Summary', 'ZBilling_Id', ...TIME_FIELDS],
    lookups: { Company: 'Companies', Contact: 'Contacts' },
    financeSync: false,
  },
};

/** True when `name` is a module the sandbox serves. */
export function isFsmModule(name: string): name is SandboxFsmModule {
  return Object.hasOwn(MODULE_SPECS, name);
}
