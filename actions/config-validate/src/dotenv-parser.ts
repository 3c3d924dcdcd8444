// Reads dotenv files the way the common loaders (dotenv, python-dotenv) do, keeping the line of
// every key and reporting the syntax problems dotenv-linter reports.

/** One `KEY=value` assignment. */
export interface DotenvEntry {
  key: string;
  /** The value as a loader would return it: quotes removed, escapes of double-quoted values applied. */
  value: string;
  /** 1-based line of the key. */
  line: number;
  /** 1-based column of the key. */
  column: number;
  /** Last line of the value (later than `line` for multi-line quoted values). */
  endLine: number;
  exported: boolean;
  quote: '"' | "'" | '`' | undefined;
  /** Text of an inline comment after the value, without the `#`. */
  comment: string | undefined;
}

/** A syntax or hygiene problem found while reading. */
export interface DotenvIssue {
  rule: 'invalid-key' | 'lowercase-key' | 'space-around-equals' | 'unbalanced-quotes' | 'unexpected-text' | 'key-without-value' | 'trailing-whitespace';
  line: number;
  column: number;
  key?: string;
  message: string;
}

/** A full-line comment. */
export interface DotenvComment {
  line: number;
  text: string;
}

/** Everything read from one file. */
export interface ParsedDotenv {
  entries: DotenvEntry[];
  issues: DotenvIssue[];
  comments: DotenvComment[];
}

const VALID_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DOUBLE_QUOTE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };

function unescapeDouble(raw: string): string {
  return raw.replace(/\\(.)/g, (whole, ch: string) => DOUBLE_QUOTE_ESCAPES[ch] ?? whole);
}

/** Index of the closing quote in `text` from `start`, honouring backslash escapes in double quotes. */
function findClosingQuote(text: string, start: number, quote: string): number {
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && quote === '"') {
      i++;
      continue;
    }
    if (ch === quote) return i;
  }
  return -1;
}

/** Parses dotenv text. Never throws: problems become issues, and parsing resumes on the next line. */
export function parseDotenv(text: string): ParsedDotenv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const entries: DotenvEntry[] = [];
  const issues: DotenvIssue[] = [];
  const comments: DotenvComment[] = [];

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i] as string;
    const body = line.trimStart();
    if (body === '') {
      if (line !== '') issues.push({ rule: 'trailing-whitespace', line: lineNo, column: 1, message: 'Line has only whitespace' });
      continue;
    }
    if (/[ \t]+$/.test(line)) {
      issues.push({ rule: 'trailing-whitespace', line: lineNo, column: line.trimEnd().length + 1, message: 'Trailing whitespace' });
    }
    if (body.startsWith('#')) {
      comments.push({ line: lineNo, text: body.slice(1).trim() });
      continue;
    }

    let rest = body;
    let column = line.length - body.length + 1;
    let exported = false;
    const exportMatch = /^export[ \t]+/.exec(rest);
    if (exportMatch && rest.slice(exportMatch[0].length).includes('=')) {
      exported = true;
      column += exportMatch[0].length;
      rest = rest.slice(exportMatch[0].length);
    }

    const eq = rest.indexOf('=');
    if (eq < 0) {
      const key = rest.split(/\s+#/)[0]?.trim() ?? rest.trim();
      issues.push({ rule: 'key-without-value', line: lineNo, column, key, message: `\`${key}\` has no \`=\`: loaders ignore this line` });
      continue;
    }
    const rawKey = rest.slice(0, eq);
    const key = rawKey.trim();
    const afterEq = rest.slice(eq + 1);
    if (rawKey !== rawKey.trimEnd() || /^[ \t]/.test(afterEq)) {
      issues.push({ rule: 'space-around-equals', line: lineNo, column: column + rawKey.trimEnd().length, key, message: `Spaces around \`=\` for ${key}: some loaders keep them in the key or the value` });
    }
    if (!VALID_KEY.test(key)) {
      issues.push({ rule: 'invalid-key', line: lineNo, column, key, message: `\`${key || '(empty)'}\` is not a valid variable name (letters, digits and _, not starting with a digit)` });
    } else if (/[a-z]/.test(key)) {
      issues.push({ rule: 'lowercase-key', line: lineNo, column, key, message: `\`${key}\` has lowercase letters; environment variable names are upper case by convention` });
    }

    const valueText = afterEq.trimStart();
    const first = valueText[0];
    let value: string;
    let quote: DotenvEntry['quote'];
    let comment: string | undefined;
    let endLine = lineNo;

    if (first === '"' || first === "'" || first === '`') {
      let buffer = valueText;
      let close = findClosingQuote(buffer, 1, first);
      let j = i;
      while (close < 0 && j + 1 < lines.length) {
        j++;
        buffer += `\n${lines[j]}`;
        close = findClosingQuote(buffer, 1, first);
      }
      if (close < 0) {
        issues.push({ rule: 'unbalanced-quotes', line: lineNo, column, key, message: `The ${first} quote opened for ${key} is never closed` });
        value = valueText.slice(1);
        quote = undefined;
      } else {
        i = j;
        endLine = j + 1;
        const inner = buffer.slice(1, close);
        value = first === '"' ? unescapeDouble(inner) : inner;
        quote = first;
        const after = buffer.slice(close + 1);
        const trailing = after.trim();
        if (trailing.startsWith('#')) comment = trailing.slice(1).trim();
        else if (trailing !== '') {
          issues.push({ rule: 'unexpected-text', line: endLine, column: 1, key, message: `Unexpected text after the closing quote of ${key}` });
        }
      }
    } else {
      const hash = valueText.search(/[ \t]#/);
      if (hash >= 0) {
        comment = valueText.slice(hash).trim().slice(1).trim();
        value = valueText.slice(0, hash).trimEnd();
      } else if (valueText.startsWith('#')) {
        comment = valueText.slice(1).trim();
        value = '';
      } else {
        value = valueText.trimEnd();
      }
      if (/^[^"']*["'][^"']*$/.test(value)) {
        issues.push({ rule: 'unbalanced-quotes', line: lineNo, column, key, message: `The value of ${key} has an unbalanced quote` });
      }
    }
    entries.push({ key, value, line: lineNo, column, endLine, exported, quote, comment });
  }
  return { entries, issues, comments };
}
