/**
 * `base` with `path` (which may carry a query) appended to its path: https://h/app + /health =
 * https://h/app/health. The base's credentials are kept, its query and fragment dropped.
 */
export function joinUrl(base: URL, path: string): string {
  const url = new URL(base.href);
  const q = path.indexOf('?');
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${q < 0 ? path : path.slice(0, q)}`;
  url.search = q < 0 ? '' : path.slice(q);
  url.hash = '';
  return url.href;
}
