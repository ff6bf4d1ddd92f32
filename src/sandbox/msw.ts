import type { HttpHandler } from 'msw';
import { sandboxHosts } from './hosts.js';
import { handleRequest } from './pipeline.js';
import type { SandboxWorld } from './world.js';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * msw handlers that answer every Zoho host of every region from the sandbox; other URLs fall
 * through to your own handlers. A dropped connection or lost acknowledgement becomes
 * `Response.error()`, msw's network error.
 *
 * msw is an optional peer dependency, loaded only when this is called.
 */
export async function createMswHandlers(world: SandboxWorld): Promise<HttpHandler[]> {
  const { http } = await import('msw');
  const hosts = new RegExp(`^https://(${sandboxHosts().map(escape).join('|')})/`, 'i');
  return [
    http.all(hosts, async ({ request }) => {
      try {
        return await handleRequest(world, request);
      } catch {
        return Response.error();
      }
    }),
  ];
}
