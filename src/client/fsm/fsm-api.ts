import {
  FsmCompanyCreateSchema,
  FsmCompanySchema,
  FsmCompanyUpdateSchema,
  FsmContactCreateSchema,
  FsmContactSchema,
  FsmContactUpdateSchema,
  FsmServiceAndPartCreateSchema,
  FsmServiceAndPartSchema,
  FsmServiceAndPartUpdateSchema,
  FsmWorkOrderCreateSchema,
  FsmWorkOrderSchema,
  FsmWorkOrderUpdateSchema,
  FsmServiceAppointmentCreateSchema,
  FsmServiceAppointmentSchema,
  FsmServiceAppointmentUpdateSchema,
  FsmAssetCreateSchema,
  FsmAssetSchema,
  FsmAssetUpdateSchema,
  FsmEstimateCreateSchema,
  FsmEstimateSchema,
  FsmEstimateUpdateSchema,
} from '../../schemas/fsm/index.js';
import type { RequestPipeline } from '../../transport/request-pipeline.js';
import type { FinanceHealthGuard } from './finance-health-guard.js';
import { FsmGuardedModuleResource } from './fsm-guarded-module-resource.js';
import { FsmModuleResource } from './fsm-module-resource.js';
import { FsmSyncableModuleResource } from './fsm-sync-actions.js';
import { FsmWorkOrderResource } from './fsm-work-order-resource.js';

// The fields each module can be searched by.
const COMPANY_SEARCH = ['Company_Name', 'ZBilling_Id', 'ZCRM_Id'] as const;
const CONTACT_SEARCH = ['Email', 'Last_Name', 'Mobile', 'Phone', 'ZBilling_Id', 'ZCRM_Id'] as const;
const SERVICE_AND_PART_SEARCH = ['Name', 'ZBilling_Id', 'ZCRM_Id'] as const;
const WORK_ORDER_SEARCH = ['Company', 'Contact', 'Name', 'Status', 'Territory', 'ZCRM_Deals_Id'] as const;
// FSM documents searching these modules without listing their fields: the record names are assumed.
const SERVICE_APPOINTMENT_SEARCH = ['Name', 'Status'] as const;
const ASSET_SEARCH = ['Name', 'Asset_Number'] as const;
// Estimates: FSM lists the module without its search fields; these are assumed from work orders.
const ESTIMATE_SEARCH = ['Name', 'Status', 'Company', 'Contact', 'Summary', 'ZBilling_Id'] as const;

/**
 * Zoho FSM v1: the modules the SDK syncs and bills. Creating work orders, service appointments
 * and assets is refused with `IntegrationHealthError` while the client's finance organisation is
 * deleted (see `healthGuard` in the client options).
 *
 * @example
 * ```ts
 * const { id } = await client.fsm.workOrders.create({ Summary: 'AC service', Company: companyId });
 * await client.fsm.serviceAppointments.create({ Summary: 'Visit', Scheduled_Start_Date_Time: start, Scheduled_End_Date_Time: end, $Service_Line_Items: [lineId] });
 * await client.fsm.workOrders.setLineBillingStatus(id, [{ lineId, status: 'Invoiced', invoiceId }]);
 * await client.fsm.estimates.search('Status', 'Accepted').toArray();
 * ```
 */
export class FsmApi {
  readonly companies: FsmSyncableModuleResource<typeof FsmCompanySchema, typeof FsmCompanyCreateSchema, typeof FsmCompanyUpdateSchema, (typeof COMPANY_SEARCH)[number]>;
  readonly contacts: FsmSyncableModuleResource<typeof FsmContactSchema, typeof FsmContactCreateSchema, typeof FsmContactUpdateSchema, (typeof CONTACT_SEARCH)[number]>;
  readonly serviceAndParts: FsmSyncableModuleResource<
    typeof FsmServiceAndPartSchema,
    typeof FsmServiceAndPartCreateSchema,
    typeof FsmServiceAndPartUpdateSchema,
    (typeof SERVICE_AND_PART_SEARCH)[number]
  >;
  /** Work orders, and the billing state of their service lines (`setLineBillingStatus`). */
  readonly workOrders: FsmWorkOrderResource<(typeof WORK_ORDER_SEARCH)[number]>;
  readonly serviceAppointments: FsmGuardedModuleResource<
    typeof FsmServiceAppointmentSchema,
    typeof FsmServiceAppointmentCreateSchema,
    typeof FsmServiceAppointmentUpdateSchema,
    (typeof SERVICE_APPOINTMENT_SEARCH)[number]
  >;
  readonly assets: FsmGuardedModuleResource<typeof FsmAssetSchema, typeof FsmAssetCreateSchema, typeof FsmAssetUpdateSchema, (typeof ASSET_SEARCH)[number]>;
  /** Estimates (quotes of service lines); `ZBilling_Id` holds the linked Books/Invoice estimate. Creates are not guarded. */
  readonly estimates: FsmModuleResource<typeof FsmEstimateSchema, typeof FsmEstimateCreateSchema, typeof FsmEstimateUpdateSchema, (typeof ESTIMATE_SEARCH)[number]>;
  /** The check of the finance organisation before guarded creates; `undefined` when off (no finance organisation configured, or `healthGuard: false`). */
  readonly healthGuard: FinanceHealthGuard | undefined;

  constructor(pipeline: RequestPipeline, guard?: FinanceHealthGuard) {
    this.healthGuard = guard;
    this.companies = new FsmSyncableModuleResource(pipeline, {
      module: 'Companies',
      label: 'company',
      record: FsmCompanySchema,
      create: FsmCompanyCreateSchema,
      update: FsmCompanyUpdateSchema,
      searchFields: COMPANY_SEARCH,
    });
    this.contacts = new FsmSyncableModuleResource(pipeline, {
      module: 'Contacts',
      label: 'contact',
      record: FsmContactSchema,
      create: FsmContactCreateSchema,
      update: FsmContactUpdateSchema,
      searchFields: CONTACT_SEARCH,
    });
    this.serviceAndParts = new FsmSyncableModuleResource(pipeline, {
      module: 'Service_And_Parts',
      label: 'service or part',
      record: FsmServiceAndPartSchema,
      create: FsmServiceAndPartCreateSchema,
      update: FsmServiceAndPartUpdateSchema,
      searchFields: SERVICE_AND_PART_SEARCH,
    });
    this.workOrders = new FsmWorkOrderResource(pipeline, {
      module: 'Work_Orders',
      label: 'work order',
      record: FsmWorkOrderSchema,
      create: FsmWorkOrderCreateSchema,
      update: FsmWorkOrderUpdateSchema,
      searchFields: WORK_ORDER_SEARCH,
    }, { record: 'work_order', guard });
    this.serviceAppointments = new FsmGuardedModuleResource(pipeline, {
      module: 'Service_Appointments',
      label: 'service appointment',
      record: FsmServiceAppointmentSchema,
      create: FsmServiceAppointmentCreateSchema,
      update: FsmServiceAppointmentUpdateSchema,
      searchFields: SERVICE_APPOINTMENT_SEARCH,
    }, { record: 'service_appointment', guard });
    this.assets = new FsmGuardedModuleResource(pipeline, {
      module: 'Assets',
      label: 'asset',
      record: FsmAssetSchema,
      create: FsmAssetCreateSchema,
      update: FsmAssetUpdateSchema,
      searchFields: ASSET_SEARCH,
    }, { record: 'asset', guard });
    this.estimates = new FsmModuleResource(pipeline, {
      module: 'Estimates',
      label: 'estimate',
      record: FsmEstimateSchema,
      create: FsmEstimateCreateSchema,
      update: FsmEstimateUpdateSchema,
      searchFields: ESTIMATE_SEARCH,
    });
  }
}
