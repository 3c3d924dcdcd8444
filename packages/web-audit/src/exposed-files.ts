import type { ProbeResponse } from '@deploysafe/http-probe';
import type { RawFinding, TestResult } from './header-checks.ts';

/** Fetches a URL of the audited site (GET, no redirects followed); throws ProbeError when no response arrives. */
export type SiteFetcher = (url: string, options?: { maxBodyBytes?: number }) => Promise<ProbeResponse>;

const HTML = /^\s*(<!doctype html|<html|<head|<body|<script|<!--)/i;

function isHtml(response: ProbeResponse): boolean {
  return (response.headers['content-type'] ?? '').includes('text/html') || HTML.test(response.body);
}

/** The variable names of a body that reads as a dotenv file (most meaningful lines are `NAME=value`), else undefined. */
export function dotenvKeys(response: ProbeResponse): string[] | undefined {
  if (response.status < 200 || response.status > 299 || isHtml(response)) return undefined;
  const lines = response.body.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const keys = lines.map((l) => l.match(/^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=/)?.[1]).filter((k): k is string => k !== undefined);
  return keys.length > 0 && keys.length >= lines.length * 0.6 ? keys : undefined;
}

/** True when the body is a git config file (`[core]` with repositoryformatversion, or remote sections). */
export function isGitConfig(response: ProbeResponse): boolean {
  if (response.status < 200 || response.status > 299 || isHtml(response)) return false;
  return /^\s*\[core\]/m.test(response.body) && (/repositoryformatversion\s*=/.test(response.body) || /^\s*\[(remote|branch) "/m.test(response.body));
}

/** The number of original sources when the body is a source map (version 3, `mappings`, `sources` or `sections`), else undefined. */
export function sourceMapSources(response: ProbeResponse): { sources: number; withContent: boolean } | undefined {
  if (response.status < 200 || response.status > 299) return undefined;
  let map: unknown;
  try {
    map = JSON.parse(response.body.replace(/^\)\]\}'[^\n]*\n/, ''));
  } catch {
    return undefined;
  }
  const m = map as { version?: unknown; mappings?: unknown; sources?: unknown; sections?: unknown; sourcesContent?: unknown };
  if (m === null || typeof m !== 'object' || m.version !== 3) return undefined;
  if (Array.isArray(m.sections)) return { sources: m.sections.length, withContent: false };
  if (typeof m.mappings !== 'string' || !Array.isArray(m.sources)) return undefined;
  return { sources: m.sources.length, withContent: Array.isArray(m.sourcesContent) && m.sourcesContent.some((c) => typeof c === 'string' && c.length > 0) };
}

/** Same-origin script URLs of an HTML page, in document order. */
export function scriptUrls(page: ProbeResponse, limit: number): string[] {
  if (!isHtml(page)) return [];
  const origin = new URL(page.url).origin;
  const urls: string[] = [];
  for (const match of page.body.matchAll(/<script\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)/gi)) {
    try {
      const url = new URL(match[1] as string, page.url);
      if (url.origin === origin && !urls.includes(url.href)) urls.push(url.href);
    } catch {
      // An unparsable src is the page's problem, not an exposure.
    }
    if (urls.length >= limit) break;
  }
  return urls;
}

/**
 * Files that should never be served: `/.env` (and `/.env.production`), `/.git/config`, and source
 * maps of the page's scripts. A file counts as exposed only when its content is what it claims to
 * be, so an SPA that answers 200 with index.html for every path is not reported.
 */
export async function checkExposedFiles(page: ProbeResponse, fetch: SiteFetcher, options: { maxScripts: number }): Promise<TestResult> {
  const origin = new URL(page.url).origin;
  const findings: RawFinding[] = [];
  const [env, envProduction, git] = await Promise.all([fetch(`${origin}/.env`), fetch(`${origin}/.env.production`), fetch(`${origin}/.git/config`)]);
  for (const response of [env, envProduction]) {
    const keys = dotenvKeys(response);
    if (!keys) continue;
    const path = new URL(response.url).pathname;
    findings.push({
      ruleId: 'exposure/env-file',
      severity: 'critical',
      key: path,
      url: response.url,
      title: `${path} is publicly readable`,
      message: `${response.url} serves an environment file with ${keys.length} variable(s) (${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', ...' : ''}). Treat every secret in it as leaked: rotate them, then stop serving the file.`,
      evidence: `HTTP ${response.status}, ${keys.length} NAME=value lines (values not shown)`,
      remediation: {
        summary: 'Rotate every credential in the file, keep .env files out of the web root, and deny dotfiles in the web server (nginx: `location ~ /\\. { deny all; }`).',
        references: ['https://owasp.org/www-project-top-ten/2017/A3_2017-Sensitive_Data_Exposure'],
      },
    });
  }
  if (isGitConfig(git)) {
    findings.push({
      ruleId: 'exposure/git-config',
      severity: 'critical',
      key: '/.git/config',
      url: git.url,
      title: '/.git/config is publicly readable',
      message: `${git.url} serves the repository's git config, so the whole .git directory (source code and its history, with any secret ever committed) can likely be downloaded.`,
      evidence: `HTTP ${git.status}, a git config with a [core] section (contents not shown)`,
      remediation: { summary: 'Deploy without the .git directory, and deny dotfiles in the web server (nginx: `location ~ /\\. { deny all; }`).', references: ['https://owasp.org/www-project-web-security-testing-guide/'] },
    });
  }
  for (const script of scriptUrls(page, options.maxScripts)) {
    const js = await fetch(script, { maxBodyBytes: 8 * 1024 * 1024 });
    if (js.status < 200 || js.status > 299) continue;
    const declared = js.headers.sourcemap ?? js.headers['x-sourcemap'] ?? [...js.body.matchAll(/\/\/[#@]\s*sourceMappingURL=(\S+)/g)].at(-1)?.[1];
    if (declared?.startsWith('data:')) continue;
    const mapUrl = new URL(declared ?? `${new URL(script).pathname}.map`, script);
    if (mapUrl.origin !== origin) continue;
    const map = await fetch(mapUrl.href);
    const found = sourceMapSources(map);
    if (!found) continue;
    findings.push({
      ruleId: 'exposure/source-map',
      severity: 'medium',
      key: mapUrl.pathname,
      url: mapUrl.href,
      title: `Source map ${mapUrl.pathname} is public`,
      message: `${mapUrl.href} maps ${script} back to ${found.sources} original source file(s)${found.withContent ? ', with their full contents' : ''}: internal code, comments and paths are readable by anyone.`,
      evidence: `HTTP ${map.status}, source map version 3, ${found.sources} sources${found.withContent ? ' with sourcesContent' : ''}`,
      remediation: { summary: 'Do not deploy .map files (or upload them to your error tracker only), and drop the sourceMappingURL comment from production bundles.', references: ['https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/SourceMap'] },
    });
  }
  const modifier = findings.reduce((sum, f) => sum + (f.severity === 'critical' ? -50 : -20), 0);
  return {
    outcome: {
      test: 'exposed-files',
      result: findings.length ? 'exposed-files-found' : 'exposed-files-not-found',
      passed: findings.length === 0,
      modifier: Math.max(-100, modifier),
      description: findings.length ? `${findings.map((f) => new URL(f.url as string).pathname).join(', ')} publicly readable.` : '/.env, /.env.production, /.git/config and script source maps are not served.',
    },
    findings,
  };
}
