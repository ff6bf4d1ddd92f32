// Types of scripts/check-links.mjs, for test/docs/check-links.test.ts.
export function slug(heading: string): string;
export function anchorsOf(file: string): Set<string>;
export function urlProblem(url: string): string | undefined;
export function linkProblem(from: string, target: string): string | undefined;
export function checkPage(page: string): Array<[number, string]>;
export function checkSource(file: string): Array<[number, string]>;
