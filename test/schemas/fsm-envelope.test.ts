import { describe, expect, it } from 'vitest';
import {
  FsmCompanySchema, FsmContactCreateSchema, FsmCreateReplySchema, FsmErrorReplySchema, FsmProcessSyncReplySchema,
  FsmProcessSyncRequestSchema, FsmRecordErrorSchema, FsmServiceAndPartsCreateReplySchema, FsmSyncServiceSchema,
  FsmUpdateReplySchema, fsmListEnvelope, fsmWriteRequest,
} from '../../src/schemas/index.js';

const audit = {
  Modified_Time: '2022-03-07T23:54:25-08:00', Modified_By: { name: 'Daniel Warne', id: '1011000000139001' },
  Created_Time: '2022-03-07T05:48:55-08:00', Created_By: { name: 'Daniel Warne', id: '1011000000139001' },
};

describe('FSM list envelope', () => {
  it('reads data and info, with or without the CRM-style counters', () => {
    const page = fsmListEnvelope(FsmCompanySchema).parse({
      data: [{ id: '1', Company_Name: 'Zylker' }], info: { more_records: true, per_page: 200, count: 1, page: 1 },
    });
    expect(page.data[0]?.Company_Name).toBe('Zylker');
    expect(page.info?.more_records).toBe(true);
    expect(fsmListEnvelope(FsmCompanySchema).parse({ data: [] }).info).toBeUndefined();
  });

  it('fails a listed record without id, with the path into data', () => {
    const result = fsmListEnvelope(FsmCompanySchema).safeParse({ data: [{ id: '1' }, { Company_Name: 'x' }] });
    expect(result.error?.issues[0]?.path).toEqual(['data', 1, 'id']);
  });

  it('checks create bodies: { data: [ record ] }', () => {
    expect(fsmWriteRequest(FsmContactCreateSchema).safeParse({ data: [] }).success).toBe(false);
    expect(fsmWriteRequest(FsmContactCreateSchema).parse({ data: [{ Last_Name: 'Robins', Email: 'l@z.example' }] }).data).toHaveLength(1);
  });
});

describe('FSM write replies', () => {
  it('reads the common create reply', () => {
    const reply = FsmCreateReplySchema.parse({
      result: 'success', code: 'SUCCESS', data: [{ UID: 'Service_Appointments_0', id: 1011000000222119, ...audit }],
    });
    const [created] = reply.data;
    expect(created !== undefined && 'id' in created ? created.id : undefined).toBe('1011000000222119');
  });

  it('reads the Service_And_Parts create reply that nests records under the module name', () => {
    const reply = FsmServiceAndPartsCreateReplySchema.parse({
      result: 'success', code: 'SUCCESS', status: 'success',
      data: { Service_And_Parts: [{ UID: 'Service_And_Parts_0', id: '1011000000222623', TabName: 'Products', ...audit }] },
    });
    expect(reply.data.Service_And_Parts[0]).toMatchObject({ id: '1011000000222623', TabName: 'Products' });
    expect(FsmCreateReplySchema.safeParse(reply).success).toBe(false);
  });

  it('reads update replies with successes and per-record failures', () => {
    const reply = FsmUpdateReplySchema.parse({
      data: [
        { code: 'SUCCESS', details: { id: '1011000000222119', ...audit }, message: 'record updated', status: 'success' },
        { code: 'INVALID_DATA', details: { api_name: 'Email' }, message: 'invalid data', status: 'error' },
      ],
    });
    const [ok, failed] = reply.data;
    expect(ok?.status === 'success' ? ok.details.id : undefined).toBe('1011000000222119');
    expect(failed?.status === 'error' ? failed.details?.api_name : undefined).toBe('Email');
  });

  it('reads per-record and whole-request errors', () => {
    expect(FsmRecordErrorSchema.parse({ code: 'INVALID_DATA', details: { api_name: 'Last_Name' }, message: 'invalid data', status: 'error' }).code).toBe('INVALID_DATA');
    expect(FsmErrorReplySchema.parse({ code: 'NO_PERMISSION', message: 'permission denied', status: 'error' }).code).toBe('NO_PERMISSION');
    expect(FsmErrorReplySchema.safeParse({ code: 'SUCCESS', status: 'success' }).success).toBe(false);
  });
});

describe('process_sync', () => {
  it('requires integ_id to link or unlink, but not to push', () => {
    expect(FsmProcessSyncRequestSchema.safeParse({ sync_process: 'link' }).error?.issues[0]?.path).toEqual(['integ_id']);
    expect(FsmProcessSyncRequestSchema.parse({ sync_process: 'push' })).toEqual({ sync_process: 'push' });
    expect(FsmProcessSyncRequestSchema.parse({ sync_process: 'unlink', integ_id: 460000000026051 }).integ_id).toBe('460000000026051');
    expect(FsmProcessSyncRequestSchema.safeParse({ sync_process: 'merge', integ_id: '1' }).success).toBe(false);
  });

  it('accepts finance and zohocrm as sync services and keeps any reply', () => {
    expect(FsmSyncServiceSchema.options).toEqual(['finance', 'zohocrm']);
    expect(FsmProcessSyncReplySchema.parse({ status: 'success', code: 'SUCCESS', extra: 1 })).toEqual({ status: 'success', code: 'SUCCESS', extra: 1 });
  });
});
