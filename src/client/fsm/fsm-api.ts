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
} from '../../schemas/fsm/index.js';
import type { RequestPipeline } from '../../transport/request-pipeline.js';
import { FsmModuleResource } from './fsm-module-resource.js';
import { FsmSyncableModuleResource } from './fsm-sync-actions.js';

// zoho-api.md §4.2: the fields each module can be searched by.
const COMPANY_SEARCH = ['Company_Name', 'ZBilling_Id', 'ZCRM_Id'] as const;
const CONTACT_SEARCH = ['Email', 'Last_Name', 'Mobile', 'Phone', 'ZBilling_Id', 'ZCRM_Id'] as const;
const SERVICE_AND_PART_SEARCH = ['Name', 'ZBilling_Id', 'ZCRM_Id'] as const;
const WORK_ORDER_SEARCH = ['Company', 'Contact', 'Name', 'Status', 'Territory', 'ZCRM_Deals_Id'] as const;

/** Zoho FSM v1: the modules the SDK syncs and bills. */
export class FsmApi {
  readonly companies: FsmSyncableModuleResource<typeof FsmCompanySchema, typeof FsmCompanyCreateSchema, typeof FsmCompanyUpdateSchema, (typeof COMPANY_SEARCH)[number]>;
  readonly contacts: FsmSyncableModuleResource<typeof FsmContactSchema, typeof FsmContactCreateSchema, typeof FsmContactUpdateSchema, (typeof CONTACT_SEARCH)[number]>;
  readonly serviceAndParts: FsmSyncableModuleResource<
    typeof FsmServiceAndPartSchema,
    typeof FsmServiceAndPartCreateSchema,
    typeof FsmServiceAndPartUpdateSchema,
    (typeof SERVICE_AND_PART_SEARCH)[number]
  >;
  readonly workOrders: FsmModuleResource<typeof FsmWorkOrderSchema, typeof FsmWorkOrderCreateSchema, typeof FsmWorkOrderUpdateSchema, (typeof WORK_ORDER_SEARCH)[number]>;

  constructor(pipeline: RequestPipeline) {
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
    this.workOrders = new FsmModuleResource(pipeline, {
      module: 'Work_Orders',
      label: 'work order',
      record: FsmWorkOrderSchema,
      create: FsmWorkOrderCreateSchema,
      update: FsmWorkOrderUpdateSchema,
      searchFields: WORK_ORDER_SEARCH,
    });
  }
}
