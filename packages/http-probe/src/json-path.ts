/** The result of looking up a path in a JSON value. */
export type PathLookup = { found: true; value: unknown } | { found: false };

/** Splits `a.b[0].c`, `$.a["x.y"]` or `items.0.id` into keys; undefined when malformed. */
export function parseJsonPath(path: string): (string | number)[] | undefined {
  let rest = path.trim();
  if (rest === '$') return [];
  if (rest.startsWith('$.')) rest = rest.slice(2);
  else if (rest.startsWith('$[')) rest = rest.slice(1);
  if (rest === '') return undefined;
  const keys: (string | number)[] = [];
  const token = /^(?:\.?([^.[\]"']+)|\[(\d+)\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[\s*'([^']*)'\s*\])/;
  let first = true;
  while (rest !== '') {
    const m = token.exec(rest);
    if (!m || (first && rest.startsWith('.'))) return undefined;
    if (m[1] !== undefined) keys.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    else if (m[2] !== undefined) keys.push(Number(m[2]));
    else if (m[3] !== undefined) keys.push(JSON.parse(`"${m[3]}"`) as string);
    else keys.push(m[4] as string);
    rest = rest.slice(m[0].length);
    first = false;
  }
  return keys;
}

/** Looks up a path (see parseJsonPath) in a parsed JSON value. */
export function lookupJsonPath(value: unknown, path: string): PathLookup {
  const keys = parseJsonPath(path);
  if (!keys) return { found: false };
  let current: unknown = value;
  for (const key of keys) {
    if (typeof key === 'number' && Array.isArray(current)) {
      if (key >= current.length) return { found: false };
      current = current[key];
    } else if (current !== null && typeof current === 'object' && !Array.isArray(current) && Object.hasOwn(current, String(key))) {
      current = (current as Record<string, unknown>)[String(key)];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: current };
}
