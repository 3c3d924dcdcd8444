// Reads and rewrites the nginx upstream include file that selects the live colour.

/** One `server` directive inside the upstream block. */
export interface UpstreamServer {
  address: string;
  /** Parameters after the address, such as `max_fails=3` or `backup`. */
  params: string[];
  line: number;
}

/** The upstream block found in a file. */
export interface ParsedUpstream {
  servers: UpstreamServer[];
  /** Offsets of the block's body (between the braces) in the text. */
  bodyStart: number;
  bodyEnd: number;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

// Replace comments with spaces so offsets stay valid while the parser ignores them.
function blankComments(text: string): string {
  return text.replace(/#[^\n]*/g, (m) => ' '.repeat(m.length));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Finds `upstream <name> { ... }` in the file text; undefined when the file has no such block. */
export function parseUpstream(text: string, name: string): ParsedUpstream | undefined {
  const clean = blankComments(text);
  const open = new RegExp(`(^|[\\s;}])upstream\\s+${escapeRegExp(name)}\\s*\\{`, 'g').exec(clean);
  if (!open) return undefined;
  const bodyStart = open.index + open[0].length;
  const bodyEnd = clean.indexOf('}', bodyStart);
  if (bodyEnd < 0) return undefined;
  const body = clean.slice(bodyStart, bodyEnd);
  const servers: UpstreamServer[] = [];
  for (const m of body.matchAll(/(^|[\s;])server\s+([^\s;]+)([^;]*);/g)) {
    const at = bodyStart + (m.index ?? 0) + (m[1] as string).length;
    servers.push({ address: m[2] as string, params: (m[3] as string).trim().split(/\s+/).filter(Boolean), line: lineAt(text, at) });
  }
  return { servers, bodyStart, bodyEnd };
}

/** The servers that take traffic: `down` and `backup` ones do not. */
export function activeServers(parsed: ParsedUpstream): UpstreamServer[] {
  return parsed.servers.filter((s) => !s.params.includes('down') && !s.params.includes('backup'));
}

/** A fresh upstream file that sends all traffic to `address`. */
export function renderUpstreamFile(name: string, address: string, note: string): string {
  return [
    '# Managed by deploysafe deploy-bluegreen: rewritten atomically on every switch.',
    `# ${note}`,
    `upstream ${name} {`,
    `    server ${address};`,
    '}',
    '',
  ].join('\n');
}

/**
 * The file with the upstream block's servers replaced by `address`, keeping every other
 * directive (keepalive, hash, ...) and comment of a hand-written file; a fresh file when the
 * text has no such block.
 */
export function rewriteUpstream(text: string | undefined, name: string, address: string, note: string): string {
  const parsed = text === undefined ? undefined : parseUpstream(text, name);
  if (!text || !parsed) return renderUpstreamFile(name, address, note);
  const clean = blankComments(text);
  const body = text.slice(parsed.bodyStart, parsed.bodyEnd);
  const cleanBody = clean.slice(parsed.bodyStart, parsed.bodyEnd);
  // Remove every server directive (and its trailing comment on the same line), then put ours first.
  let out = '';
  let last = 0;
  for (const m of cleanBody.matchAll(/(^|[\s;])server\s+[^;]*;[ \t]*(#[^\n]*)?/g)) {
    const start = (m.index ?? 0) + (m[1] as string).length;
    out += body.slice(last, start);
    last = start + m[0].length - (m[1] as string).length;
  }
  out += body.slice(last);
  const rest = out.replace(/^[ \t]*\n/gm, '').replace(/\s+$/, '');
  const newBody = `\n    server ${address}; # ${note}\n${rest ? `${rest.replace(/^\n+/, '')}\n` : ''}`;
  return text.slice(0, parsed.bodyStart) + newBody + text.slice(parsed.bodyEnd);
}
