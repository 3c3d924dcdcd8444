/** `base` with `path` appended to its path: https://h/app + /health = https://h/app/health (the base's query is dropped). */
export function joinUrl(base: URL, path: string): string {
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${path}`;
}
