import { FieldMapper } from '../../src/mapping/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { BidirectionalSyncer, enableTwoWaySync, importFromFinance, zohoFinanceSource, zohoFsmSource } from '../../src/sync/index.js';
import { firstOrg, recordedWorld, type FlowSetting } from './contract-world.js';
import type { Exchange } from './record-exchanges.js';

const FINANCE_ORG = '70000002';

function lifecycleWorld(log: Exchange[], setting: FlowSetting, seed: number, extra: { perDay?: number } = {}) {
  const finance = { app: setting.app, organizationId: FINANCE_ORG };
  const world = recordedWorld(log, {
    seed,
    undocumented: setting.undocumented,
    ...(extra.perDay === undefined ? {} : { limits: { perDay: { standard: extra.perDay, free: extra.perDay } } }),
    users: [{
      email: 'lifecycle@example.com',
      region: 'us',
      [setting.app]: [{ edition: 'us', organizationId: FINANCE_ORG, plan: 'standard', records: { customers: 8, items: 6, offset: 3 } }],
      ...(setting.app === 'books' ? { invoice: [] } : { books: [] }),
      fsm: { edition: 'us', records: { customers: 8, items: 6 }, finance },
    }],
  });
  const client = world.client(finance);
  const storage = new MemoryStorage();
  const mapper = new FieldMapper({ storage, syncType: 'III', edition: 'us' });
  const sides = { fsm: zohoFsmSource(client), finance: zohoFinanceSource(client) };
  return { world, storage, mapper, sides, fsm: firstOrg(world.sandbox, 'fsm') };
}

/** importFromFinance, enabling two-way sync, then its first run and an edit's run. */
export async function importFlow(log: Exchange[], setting: FlowSetting): Promise<void> {
  const { world, storage, mapper, sides, fsm } = lifecycleWorld(log, setting, 12);
  const { clock, sandbox } = world;
  await importFromFinance({ storage, mapper, ...sides, clock });
  await importFromFinance({ storage, mapper, ...sides, clock });
  await enableTwoWaySync({ storage, duplicates: 'overwrite', clock });
  const syncer = () => new BidirectionalSyncer({ storage, mapper, clock, ...sides });
  await syncer().run();
  const company = sandbox.records(fsm, 'Companies')[0];
  if (company) sandbox.edit(fsm, 'Companies', String(company.id), { Website: 'https://imported.example' });
  const customer = sandbox.records(FINANCE_ORG, 'contacts')[0];
  if (customer) sandbox.edit(FINANCE_ORG, 'contacts', String(customer.contact_id), { notes: 'edited after the import' });
  await syncer().run();
}

const DAY = 86_400_000;

/** A sync that meets Zoho's daily cap (code 45), stops, and resumes day after day until done. */
export async function dailyCapFlow(log: Exchange[], setting: FlowSetting): Promise<void> {
  const { world, storage, mapper, sides } = lifecycleWorld(log, setting, 13, { perDay: 8 });
  const { clock } = world;
  const syncer = () => new BidirectionalSyncer({ storage, mapper, clock, ...sides });
  let report = await syncer().run();
  if (report.stopped !== 'daily-limit') throw new Error(`the first run should meet the daily cap; it ended ${report.status}`);
  for (let day = 0; report.stopped === 'daily-limit'; day++) {
    if (day > 40) throw new Error('still stopped by the daily cap after 40 days');
    await clock.advance(Math.max(Date.parse(report.resumeAt ?? '') - clock.now(), DAY / 24));
    report = await syncer().run();
  }
  if (report.status !== 'completed') throw new Error(`the resumed sync ended ${report.status}`);
}
