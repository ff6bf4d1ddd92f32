import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';

/** A page and the files it may load: URL path prefix → directory on disk. */
export interface StaticSite {
  /** The HTML served at `/`. */
  page: string;
  /** `{ '/': 'dist', '/test/': 'test/eligibility' }`: the longest matching prefix wins. */
  mounts: Record<string, string>;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.map': 'application/json' };

/** Serves the site on 127.0.0.1 (a free port) until `close()`. Paths outside a mount get 404. */
export async function serveStatic(site: StaticSite): Promise<{ origin: string; close(): Promise<void>; misses: string[] }> {
  const misses: string[] = [];
  const mounts = Object.entries(site.mounts).sort(([a], [b]) => b.length - a.length);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const send = (status: number, body: string | Buffer, type = 'text/plain') => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (path === '/') return send(200, site.page, 'text/html');
    const mount = mounts.find(([prefix]) => path.startsWith(prefix));
    if (!mount) return void (misses.push(path), send(404, 'not found'));
    const root = resolve(mount[1]);
    const file = resolve(root, `.${sep}${path.slice(mount[0].length)}`);
    if (!file.startsWith(root + sep)) return void (misses.push(path), send(404, 'not found'));
    readFile(file).then(
      (body) => send(200, body, TYPES[extname(file)] ?? 'application/octet-stream'),
      () => {
        misses.push(path);
        send(404, 'not found');
      },
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    misses,
    close: () => new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done()))),
  };
}
