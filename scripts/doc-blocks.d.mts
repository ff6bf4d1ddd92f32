// Types of scripts/doc-blocks.mjs, for test/docs/snippets.test.ts.
import type ts from 'typescript';

export interface Snippet {
  page: string;
  line: number;
  code: string;
  /** Why the block cannot be checked, when its fence says something other than `ts` or `ts no-check`. */
  badFence?: string;
}

export const ROOT: string;
export const PAGES: readonly string[];
export const PRELUDE: string;
export function discoverPages(root?: string): string[];
export function snippets(page: string, root?: string): Snippet[];
export function projectOptions(overrides: ts.CompilerOptions, root?: string): ts.CompilerOptions;
export function sourceOptions(root?: string): ts.CompilerOptions;
export function typeErrors(
  blocks: readonly Snippet[],
  options: ts.CompilerOptions,
  settings?: { root?: string; extension?: string; inspect?: (program: ts.Program) => string[] },
): string[];
export function collect(pages?: readonly string[], root?: string): { blocks: Snippet[]; fenceProblems: string[] };
