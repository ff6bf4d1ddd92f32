import { describe, expect, it } from 'vitest';
import { checkPage, linkProblem, slug, urlProblem } from '../../scripts/check-links.mjs';

// The link checker CI runs (npm run check:links): its rules on cases written here, and the repo's
// own pages passing it.
describe('scripts/check-links.mjs', () => {
  it('makes GitHub anchors from headings', () => {
    expect(slug('lineTax(): the prefill matrix')).toBe('linetax-the-prefill-matrix');
    expect(slug('The syncer (`BidirectionalSyncer`)')).toBe('the-syncer-bidirectionalsyncer');
    expect(slug("Limits: the organisation's plan")).toBe('limits-the-organisations-plan');
    expect(slug('Two-way sync: `BidirectionalSyncer`')).toBe('two-way-sync-bidirectionalsyncer');
    expect(slug('[Unreleased]')).toBe('unreleased');
    expect(slug('**Bold** and _emphasis_')).toBe('bold-and-emphasis');
    expect(slug('The `snake_case` key and __init__')).toBe('the-snake_case-key-and-init');
  });

  it('resolves relative links and anchors from the page that holds them', () => {
    expect(linkProblem('docs/eligibility.md', 'sync.md#guarantees')).toBeUndefined();
    expect(linkProblem('docs/reference/zoho-rules.md', '../eligibility.md#switch-rules')).toBeUndefined();
    expect(linkProblem('README.md', 'docs/reference/zoho-rules.md#sync-types')).toBeUndefined();
    expect(linkProblem('docs/eligibility.md', 'sync.md#no-such-heading')).toMatch(/no heading with the anchor/);
    expect(linkProblem('docs/eligibility.md', 'no-such-page.md')).toMatch(/no such file/);
    expect(linkProblem('README.md', '../outside/notes.md')).toMatch(/outside the repository/);
    expect(linkProblem('README.md', '/docs/sync.md')).toMatch(/absolute path/);
    expect(linkProblem('README.md', 'examples/#x')).toMatch(/not a Markdown page/);
  });

  it('checks external links for form only', () => {
    expect(urlProblem('https://www.zoho.com/books/api/v3/introduction/')).toBeUndefined();
    expect(urlProblem('https://zoho')).toMatch(/not a domain name/);
    expect(urlProblem('https://www.zoho.com/a b')).toMatch(/space/);
    expect(urlProblem('https://https://www.zoho.com')).toBeDefined();
    expect(linkProblem('README.md', 'ftp://example.com/x')).toMatch(/only relative/);
    expect(linkProblem('README.md', 'mailto:support@zohofsm.com')).toBeUndefined();
    expect(linkProblem('README.md', 'mailto:nobody')).toMatch(/not an e-mail/);
  });

  it('finds no broken link in README.md, CHANGELOG.md and docs/reference/zoho-rules.md', () => {
    expect([...checkPage('README.md'), ...checkPage('CHANGELOG.md'), ...checkPage('docs/reference/zoho-rules.md')]).toEqual([]);
  });
});
