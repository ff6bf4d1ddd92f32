import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../../errors/config-error.js';
import { IntegrationClient } from '../../client/integration-client.js';
import { createFetchTransport } from '../../transport/fetch-transport.js';
import { OrgSelector } from '../../eligibility/org-selector.js';
import type { FinanceBinding } from '../../eligibility/finance-binding.js';
import { FieldMapper } from '../../mapping/field-mapper.js';
import { TaxSync } from '../../tax/tax-sync.js';
import { BidirectionalSyncer, zohoFinanceSource, zohoFsmSource, type SyncEntity } from '../../sync/index.js';
import { SqliteStorage } from '../sqlite-storage.js';
import { sandboxServerFetch } from '../serve-sandbox.js';
import { loadConfig, type CliConfig, type LoadedConfig } from './config-file.js';
import { resolveSecrets, type ResolvedSecrets } from './secrets.js';

/**
 * What a command works with, built from the config file: the state (SQLite), credentials, and the
 * SDK objects made on demand. `close()` closes the state file.
 */
export class CliSession {
  readonly loaded: LoadedConfig;
  readonly storage: SqliteStorage;
  readonly secrets: ResolvedSecrets;

  private constructor(loaded: LoadedConfig, storage: SqliteStorage, secrets: ResolvedSecrets) {
    this.loaded = loaded;
    this.storage = storage;
    this.secrets = secrets;
  }

  /** Loads the config, resolves the secrets and opens the state file (created mode 0600 when new). */
  static async open(configFile: string, env: NodeJS.ProcessEnv): Promise<CliSession> {
    const loaded = loadConfig(configFile);
    const secrets = resolveSecrets(loaded.config, env, loaded.resolvePath);
    const statePath = loaded.resolvePath(loaded.config.state);
    mkdirSync(dirname(statePath), { recursive: true });
    const storage = await SqliteStorage.open(statePath);
    return new CliSession(loaded, storage, secrets);
  }

  /** The config. */
  get config(): CliConfig {
    return this.loaded.config;
  }

  /** A client for the config's region and credentials, bound to `organizationId` when given. */
  client(organizationId?: string): IntegrationClient {
    const { config } = this;
    return new IntegrationClient({
      region: config.region,
      finance: organizationId === undefined ? { app: config.finance.app } : { app: config.finance.app, organizationId },
      auth: this.secrets.auth,
      storage: this.storage,
      ...(config.sandbox ? { transport: createFetchTransport({ fetch: sandboxServerFetch(config.sandbox.url) }) } : {}),
      ...(config.limits ? { limits: config.limits } : {}),
    });
  }

  /** The field mapper of the config's sync type and edition. */
  mapper(): FieldMapper {
    return new FieldMapper({ storage: this.storage, syncType: this.config.syncType, edition: this.config.fsm.edition });
  }

  /** TaxSync for a bound organisation. */
  taxes(client: IntegrationClient): TaxSync {
    return new TaxSync({ client, storage: this.storage, edition: this.config.fsm.edition });
  }

  /** The OrgSelector of onboarding (and `status`'s health check), with the mapping and tax steps. */
  selector(client: IntegrationClient): OrgSelector {
    const { fsm } = this.config;
    return new OrgSelector({
      client,
      storage: this.storage,
      fsm: { name: fsm.name, edition: fsm.edition, currencyCode: fsm.currencyCode, taxesEnabled: fsm.taxesEnabled },
      mapper: () => this.mapper(),
      taxes: (binding: FinanceBinding) => this.taxes(this.client(binding.organizationId)),
    });
  }

  /**
   * The bound finance organisation: the config's, else the binding `onboard` stored.
   * @throws ConfigError when neither exists (run `onboard`).
   */
  async organizationId(): Promise<string> {
    const configured = this.config.finance.organizationId;
    if (configured !== undefined) return configured;
    const binding = await this.selector(this.client()).binding();
    if (binding) return binding.organizationId;
    throw new ConfigError('No finance organisation is bound yet. Run "fsm-billing-sync onboard" first.', { details: { option: 'finance.organizationId' } });
  }

  /** A client bound to the finance organisation, and the syncer over it. */
  async syncer(entities?: readonly SyncEntity[]): Promise<{ client: IntegrationClient; syncer: BidirectionalSyncer }> {
    const client = this.client(await this.organizationId());
    const sync = this.config.sync ?? {};
    const syncer = new BidirectionalSyncer({
      storage: this.storage,
      mapper: this.mapper(),
      taxes: this.taxes(client),
      fsm: zohoFsmSource(client),
      finance: zohoFinanceSource(client),
      ...(entities ? { entities } : {}),
      ...(sync.conflicts ? { conflicts: sync.conflicts } : {}),
      ...(sync.duplicates ? { duplicates: sync.duplicates } : {}),
      ...(sync.deletes ? { deletes: sync.deletes } : {}),
    });
    return { client, syncer };
  }

  /** Closes the state file. */
  close(): void {
    if (!this.storage.closed) this.storage.close();
  }
}
