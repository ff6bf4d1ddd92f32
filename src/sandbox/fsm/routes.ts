import { RouteTable } from '../route-table.js';
import type { FsmHandler } from './context.js';
import { processSync } from './process-sync.js';
import * as records from './records.js';

/** Every FSM v1 endpoint the sandbox serves (paths below `/fsm/v1`). */
export const fsmRoutes = new RouteTable<FsmHandler>()
  .add('GET', '/:module', records.listRecords)
  .add('POST', '/:module', records.createRecords)
  .add('PUT', '/:module', records.updateRecords)
  .add('GET', '/:module/search', records.searchRecords)
  .add('GET', '/:module/:id', records.getRecord)
  .add('PUT', '/:module/:id', records.updateRecord)
  .add('DELETE', '/:module/:id', records.deleteRecord)
  .add('POST', '/:module/:id/actions/process_sync', processSync);
