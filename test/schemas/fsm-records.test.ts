import { describe, expect, it } from 'vitest';
import {
  FsmCompanyCreateSchema, FsmCompanySchema, FsmCompanyUpdateSchema, FsmContactCreateSchema, FsmContactSchema,
  FsmContactUpdateSchema, FsmServiceAndPartCreateSchema, FsmServiceAndPartSchema, FsmServiceAndPartUpdateSchema,
  FsmWorkOrderCreateSchema, FsmWorkOrderSchema, FsmWorkOrderUpdateSchema, unknownFields,
} from '../../src/schemas/index.js';

const owner = { name: 'Daniel Warne', id: '1011000000139001', email: 'daniel@zylker.example' };

describe('FsmCompanySchema', () => {
  it('parses a company with nulls, a tax block, addresses and a custom field', () => {
    const company = FsmCompanySchema.parse({
      Owner: owner, Email: 'people@zylker.example', $currency_symbol: '$', Company_Type: 'Customer', Config: '{}',
      Website: 'www.zylker.example', $editable: true,
      Tax: { Tax_Authority_Id: null, Tax_Percentage: 3.5, Tax_Exemption_Code: null, Tax_Authority: null, Tax_Id: '2908070000000135005', Tax_Name: 'County tax', Tax_Exemption_Id: null, Taxable: true },
      ZBilling_Id: null, Mobile: '987-654-3210', Region__C: null, Exchange_Rate: 1, Phone: '987-654-3210',
      Billing_Address: null, Currency: 'USD',
      Service_Address: { id: '1011000000208180', Address_Name: 'HQ', Street_1: '523 S Webster St', Street_2: null, City: 'Naperville', State: 'Illinois', Zip_Code: '60540', Country: 'United States', Territory: { name: 'Illinois', id: '1011000000139175' } },
      Company_Name: 'Zylker Inc', id: 1011000000195085, Fax: null,
      Created_Time: '2022-02-09T01:29:46-08:00', Modified_Time: '2022-02-09T01:29:46-08:00',
    });
    expect(company.id).toBe('1011000000195085');
    expect(company.Tax?.Tax_Percentage).toBe(3.5);
    expect(company.Service_Address?.Territory).toEqual({ name: 'Illinois', id: '1011000000139175' });
    expect(unknownFields(FsmCompanySchema, company)['Region__C']).toBeNull();
  });

  it('fails a company without id, naming the field', () => {
    expect(FsmCompanySchema.safeParse({ Company_Name: 'Zylker' }).error?.issues[0]?.path).toEqual(['id']);
  });

  it('requires Company_Name on create and accepts a bare territory id on input', () => {
    expect(FsmCompanyCreateSchema.safeParse({ Email: 'x@y.example' }).error?.issues[0]?.path).toEqual(['Company_Name']);
    const input = FsmCompanyCreateSchema.parse({
      Company_Name: 'Zylker', Service_Address: { Street_1: '523 S Webster St', Territory: '1011000000139175', Tax: { Taxable: true, Tax_Id: '2908070000000092001' } },
      GST_Treatment: 'business_gst', Place_of_Supply: 'KA',
    });
    expect(input.Service_Address?.Territory).toBe('1011000000139175');
    expect(FsmCompanyUpdateSchema.parse({ Fax: null })).toEqual({ Fax: null });
  });
});

describe('FsmContactSchema', () => {
  it('parses a contact whose Company is a lookup', () => {
    const contact = FsmContactSchema.parse({
      id: '1011000000208173', Salutation: 'Ms.', First_Name: 'Lucy', Last_Name: 'Robins', Full_Name: 'Lucy Robins',
      Email: 'lucy.robins@zylker.example', Phone: '111-111-1111', Mobile: null,
      Company: { name: 'Zylker Inc', id: 1011000000195085 }, Owner: owner, ZBilling_Id: '460000000026051',
    });
    expect(contact.Company).toEqual({ name: 'Zylker Inc', id: '1011000000195085' });
  });

  it('requires Last_Name and Email on create, and takes Company as an id', () => {
    const missing = FsmContactCreateSchema.safeParse({ First_Name: 'Lucy' });
    expect(missing.error?.issues.map((issue) => issue.path[0]).sort()).toEqual(['Email', 'Last_Name']);
    expect(FsmContactCreateSchema.parse({ Last_Name: 'Robins', Email: 'l@z.example', Company: '1011000000195085' }).Company).toBe('1011000000195085');
    expect(FsmContactUpdateSchema.parse({ VAT_Treatment: 'uk' })).toEqual({ VAT_Treatment: 'uk' });
  });
});

describe('FsmServiceAndPartSchema', () => {
  it('parses a part with a layout lookup, permissions and service tasks', () => {
    const part = FsmServiceAndPartSchema.parse({
      Owner: owner, Modified_Time: '2023-11-20T02:36:58-08:00', Description: null, $currency_symbol: '$',
      Created_Time: '2023-11-20T02:36:58-08:00', $editable: true,
      Tax: { Tax_Exemption_Code: null, Tax_Id: null, Tax_Name: null, Tax_Exemption_Id: null, Taxable: true },
      Work_Type: null, ZBilling_Id: null, Unit: null, $permissions: { read: true, edit: true, delete: true },
      Name: '2 Ton 5 Star Split AC', Type: 'Goods', Layout: { name: 'Parts_Fsm_Standard', id: '2373000000149098' },
      $inactive: false, id: '2373000000471022', SKU: null, Unit_Price: 500,
      Service_Tasks: [{ Name: 'Mount unit', Description: null, Duration: 90, Sequence: 1 }],
    });
    expect(part.Type).toBe('Goods');
    expect(part.Unit_Price).toBe(500);
    expect(part.Service_Tasks?.[0]?.Duration).toBe(90);
  });

  it('requires Name, Unit_Price and Type on create', () => {
    const missing = FsmServiceAndPartCreateSchema.safeParse({ Name: 'Fumigation' });
    expect(missing.error?.issues.map((issue) => issue.path[0]).sort()).toEqual(['Type', 'Unit_Price']);
    expect(FsmServiceAndPartCreateSchema.parse({ Name: 'Fumigation', Unit_Price: '100', Type: 'Service' }).Unit_Price).toBe(100);
    expect(FsmServiceAndPartUpdateSchema.parse({ Unit_Price: 120 })).toEqual({ Unit_Price: 120 });
  });
});

describe('FsmWorkOrderSchema', () => {
  it('parses a work order with service lines, part lines and a prefixed service address', () => {
    const order = FsmWorkOrderSchema.parse({
      id: '1011000000222119', Name: 'WO21', Summary: 'AC Installation', Status: 'New', Priority: 'Medium', Type: 'Service',
      Owner: owner, Dispatcher: { name: 'Tracy Pollan', id: '1011000000139328' }, Company: null,
      Contact: { name: 'Lucy Robins', id: '1011000000208173' }, Estimate: null, Discount: null, Tax_Amount: 10.62,
      Exchange_Rate: 1, Currency: 'USD', Invalid_Data: false,
      Config: '{"sales_tax_type":"exclusive","Tax_Details":{"Tax_Percentage":6.25}}',
      Service_Address: { id: '1011000000208180', Service_Street_1: '813 E State St', Service_City: 'Rockford', Service_Zip_Code: 61104, Service_Latitude: 40.798554, Service_Longitude: '-89.084456' },
      Billing_Address: { id: '1011000000208179' },
      Service_Line_Items: [{
        id: '1011000000222466', Service: { name: 'AC Installation', id: '1011000000195223' }, Quantity: 1, Unit: 'Hours',
        List_Price: 450, Amount: 450, Discount: 0, Discount_Type: 'Currency', Sequence: 1,
        Tax: { Tax_Name: 'Sales tax', Tax_Id: '2908070000000130005', Tax_Percentage: 7 }, Line_Item_Amount: 481.5, Status: 'New',
        Part_Line_Items: [{ id: '1011000000222500', Part: { name: 'Copper pipe', id: '1011000000141120' }, Quantity: 2, List_Price: 9.75, Line_Item_Amount: 20.72 }],
      }],
    });
    expect(order.Service_Address?.Service_Longitude).toBeCloseTo(-89.084456);
    expect(order.Service_Address?.Service_Zip_Code).toBe('61104');
    expect(order.Service_Line_Items?.[0]?.Part_Line_Items?.[0]?.Part).toEqual({ name: 'Copper pipe', id: '1011000000141120' });
  });

  it('fails a returned part line without id, with the full path', () => {
    const result = FsmWorkOrderSchema.safeParse({
      id: '1', Service_Line_Items: [{ id: '2', Part_Line_Items: [{ Part: '3' }] }],
    });
    expect(result.error?.issues[0]?.path).toEqual(['Service_Line_Items', 0, 'Part_Line_Items', 0, 'id']);
  });

  it('requires Summary on create, takes bare ids for lookups, and lets an update delete a line', () => {
    expect(FsmWorkOrderCreateSchema.safeParse({ Type: 'Service' }).error?.issues[0]?.path).toEqual(['Summary']);
    const input = FsmWorkOrderCreateSchema.parse({
      Summary: 'AC Installation', Type: 'Service', Contact: '1011000000208173', Company: '1011000000139165',
      Territory: '1011000000139343', Service_Address: { id: '1011000000208180' }, Billing_Address: { id: '1011000000208179' },
      Service_Line_Items: [{ Service: '1011000000195223', Quantity: 1, Sequence: 1 }],
    });
    expect(input.Service_Line_Items?.[0]?.Service).toBe('1011000000195223');
    const update = FsmWorkOrderUpdateSchema.parse({ Service_Line_Items: [{ id: '1011000000222466', $fsm_delete: true }] });
    expect(update.Service_Line_Items?.[0]?.$fsm_delete).toBe(true);
  });
});
