// Loads every public entry of the built package by its own name, as ESM and as CJS, and checks a
// class exported from one entry is the same class in the others (shared chunks, one identity).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const entries = ['fsm-billing-sync', 'fsm-billing-sync/eligibility', 'fsm-billing-sync/sandbox', 'fsm-billing-sync/node', 'fsm-billing-sync/testing', 'fsm-billing-sync/postgres'];
const failures = [];
for (const entry of entries) {
  try {
    const esm = await import(entry);
    // vitest is ESM-only and refuses require(): the testing entry is checked as ESM alone.
    const cjs = entry === 'fsm-billing-sync/testing' ? esm : require(entry);
    const count = Object.keys(esm).length;
    if (count === 0 || Object.keys(cjs).length !== count) failures.push(`${entry}: ESM has ${count} exports, CJS ${Object.keys(cjs).length}`);
    process.stdout.write(`${entry}: ${count} exports (ESM and CJS)\n`);
  } catch (error) {
    failures.push(`${entry}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
const core = await import('fsm-billing-sync');
const eligibility = await import('fsm-billing-sync/eligibility');
if (core.evaluateEligibility !== eligibility.evaluateEligibility) failures.push('evaluateEligibility differs between . and ./eligibility');
const coreCjs = require('fsm-billing-sync');
const nodeCjs = require('fsm-billing-sync/node');
try {
  new nodeCjs.SqliteStorage({});
} catch (error) {
  if (!(error instanceof coreCjs.FsmBillingError)) failures.push('an error thrown by ./node is not instanceof FsmBillingError from . (CJS)');
}
const postgres = await import('fsm-billing-sync/postgres');
try {
  await postgres.PostgresStorage.open({ pool: {} });
  failures.push('PostgresStorage.open accepted a non-pool');
} catch (error) {
  if (!(error instanceof core.ConfigError)) failures.push('an error thrown by ./postgres is not instanceof ConfigError from . (ESM)');
}
if (failures.length > 0) {
  process.stderr.write(`${failures.join('\n')}\n`);
  process.exit(1);
}
