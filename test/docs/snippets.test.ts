import { describe, expect, it } from 'vitest';
import { PAGES, collect, discoverPages, sourceOptions, typeErrors } from '../../scripts/doc-blocks.mjs';

// Every ```ts block of README.md and docs/**/*.md is type-checked against the package's source, as
// a user's file importing `fsm-billing-sync` would be (a paths mapping to src/). The extraction
// rules, the prelude of names a block may use undeclared, and the PAGES list live in
// scripts/doc-blocks.mjs, shared with scripts/check-doc-blocks.mjs, which CI runs after the build
// to check the same blocks against dist/ and package.json's exports.
//
// Opt-out: a block fenced ```ts no-check is not type-checked (code that cannot stand in a single
// file); any other info string after ts is refused, so a typo cannot hide a block.
describe('TypeScript in the docs', () => {
  it('covers README.md and every page under docs/ (PAGES in scripts/doc-blocks.mjs)', () => {
    expect([...PAGES].sort()).toEqual(discoverPages());
  });

  it('refuses a fence other than ts or ts no-check', () => {
    expect(collect().fenceProblems).toEqual([]);
  });

  it(`type-checks every ts block of ${PAGES.join(', ')} against the source`, () => {
    const { blocks } = collect();
    expect(blocks.length).toBeGreaterThan(0);
    expect(typeErrors(blocks, sourceOptions())).toEqual([]);
  }, 120_000);
});
