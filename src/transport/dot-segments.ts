import { ValidationError } from '../errors/validation-error.js';

/** `.`, `..`, and the `..;x` form some servers read as `..`. */
const DOT_SEGMENT = /^\.{1,2}(;.*)?$/;
/** Enough for `%252e` (encoded twice); a path still encoded after that is refused. */
const MAX_DECODES = 3;

/**
 * Refuses a raw path (from `client.request()`) holding a dot segment in any spelling: `..`, `.`,
 * `%2e%2e`, `%2E%2E`, `%2e%2e%2f` (an encoded slash after it), `%252e%252e` (encoded twice), or a
 * backslash form. WHATWG URL parsing leaves `%2e%2e%2f` in place as one segment, which a server
 * may then decode into `../` and climb out of the API base: so the path is refused, not sent.
 * Only the part before `?` or `#` is a path.
 *
 * @throws ValidationError (`INVALID_INPUT`) naming the offending segment's position, not its text.
 */
export function assertNoDotSegments(path: string): void {
  const end = path.search(/[?#]/);
  let decoded = end === -1 ? path : path.slice(0, end);
  for (let round = 0; decoded.includes('%'); round++) {
    let next: string | undefined;
    try {
      next = round < MAX_DECODES ? decodeURIComponent(decoded) : undefined;
    } catch {
      next = undefined;
    }
    if (next === undefined) throw refused(path, 'its percent-encoding is malformed or nested too deep');
    if (next === decoded) break;
    decoded = next;
  }
  const segments = decoded.split(/[\\/]/);
  const at = segments.findIndex((segment) => DOT_SEGMENT.test(segment));
  if (at !== -1) throw refused(path, `segment ${at} is a dot segment ('.' or '..', possibly percent-encoded)`);
}

function refused(path: string, why: string): ValidationError {
  return new ValidationError(
    `The request path was refused and nothing was sent: ${why}. A path must name a resource below the API base (for example /contacts/460000000026049), without '.' or '..' segments in any encoding.`,
    [{ path: ['path'], message: why, code: 'dot_segment' }],
    { details: { pathLength: path.length } },
  );
}
