/**
 * Whether the suite runs under CI: `CI` set to anything but empty, `0` or `false`. There, a test
 * that needs something the machine must provide (PostgreSQL, a SQLite driver, Zoho's API
 * description) fails when it is missing instead of skipping.
 */
export const UNDER_CI = ((ci) => ci !== undefined && ci !== '' && !['0', 'false'].includes(ci.toLowerCase()))(process.env['CI']);
