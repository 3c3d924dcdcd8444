// Values that stand in for a secret rather than being one: left in templates, never to be deployed.

const PLACEHOLDER_WORDS = new Set([
  'changeme', 'change_me', 'change-me', 'changethis', 'change_this', 'change-this', 'changeit',
  'replaceme', 'replace_me', 'replace-me', 'todo', 'tbd', 'fixme', 'placeholder', 'dummy', 'sample',
  'example', 'test', 'testing', 'secret', 'password', 'passw0rd', 'pass', 'default', 'null', 'none',
  'undefined', 'nil', 'empty', 'foo', 'bar', 'foobar', 'abc', 'abc123', 'admin', 'root', 'letmein',
  'qwerty', 'insecure', 'notasecret', 'not-a-secret', 'your_app_password', 'yourpassword',
  'mysecret', 'my_secret', 'supersecret', 'super_secret', 'secretkey', 'secret_key', 'token',
  'apikey', 'api_key', 'key', 'value', 'xxx', 'redacted', 'hidden', 'masked',
]);

const PLACEHOLDER_PATTERNS: readonly [RegExp, string][] = [
  [/^<[^<>]*>$/, 'an angle-bracket template such as <your-key>'],
  [/^\{[^{}]*\}$/, 'a brace template such as {api_key}'],
  [/^\[[^[\]]*\]$/, 'a bracket template such as [api key]'],
  [/^(your|insert|enter|put|paste)[-_ ]/i, 'a "your_..." template'],
  [/^my[-_ ]?(secret|password|pass|key|token|api|app|db|database)([-_ ]|$)/i, 'a "my_secret" template'],
  [/[-_ ](here|goes[-_ ]here)$/i, 'a "..._HERE" template'],
  [/^(change|replace|generate|update|set|fill)[-_ ]?(me|this|it|in|with|me[-_ ]?please|new|your|a|an)?([-_ ]|$)/i, 'a "change me" template'],
  [/(change[-_ ]?this|change[-_ ]?me|replace[-_ ]?me|generate[-_ ]new|placeholder|not[-_ ]?set|to[-_ ]?be[-_ ]?(set|filled|replaced))/i, 'a template marker'],
  [/^(x+|\*+|\.+|-+|_+|#+|0+|1234\d*|abcd\w{0,4})$/i, 'a filler value'],
  [/^(sk|pk|rk)_(test|live)_x{4,}/i, 'a filler API key'],
  [/^(.)\1{5,}$/, 'a single repeated character'],
];

/** Why a value is a placeholder rather than a real secret (never quoting the value), or undefined when it is not one. */
export function placeholderReason(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  if (PLACEHOLDER_WORDS.has(v.toLowerCase())) return 'a well-known placeholder word';
  for (const [pattern, reason] of PLACEHOLDER_PATTERNS) if (pattern.test(v)) return reason;
  return undefined;
}

/** True when a value refers to a secret kept elsewhere: `${VAR}`, `$VAR`, `${{ secrets.X }}`, `%VAR%`, `{{ .Values.x }}`. */
export function isReference(value: string): boolean {
  const v = value.trim();
  return (
    /^\$\{\{\s*[\w.[\]'"-]+\s*\}\}$/.test(v) ||
    /^\$\{[A-Za-z_][\w.:-]*(:-[^}]*)?\}$/.test(v) ||
    /^\$[A-Za-z_]\w*$/.test(v) ||
    /^%[A-Za-z_]\w*%$/.test(v) ||
    /^\{\{[^{}]+\}\}$/.test(v) ||
    /^(vault|ssm|secretsmanager|op|arn:aws:secretsmanager|projects\/[^/]+\/secrets)[:/]/.test(v)
  );
}
