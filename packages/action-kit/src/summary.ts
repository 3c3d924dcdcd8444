/** The outcome a status badge shows. */
export type Status = 'pass' | 'fail' | 'warn' | 'skip' | 'info';

const BADGES: Record<Status, string> = {
  pass: '✅',
  fail: '❌',
  warn: '⚠️',
  skip: '⏭️',
  info: 'ℹ️',
};

/** The emoji badge for a status. */
export function badge(status: Status): string {
  return BADGES[status];
}

/** Escapes text for a Markdown table cell or paragraph: pipes, HTML and newlines. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}

/** Inline code that survives backticks and pipes inside table cells. */
export function inlineCode(text: string): string {
  const escaped = text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const fence = escaped.includes('`') ? '`` ' : '`';
  return `${fence}${escaped}${fence === '`` ' ? ' ``' : '`'}`;
}

/** A table cell: plain text is escaped, `{ code }` becomes inline code, `{ raw }` is trusted Markdown. */
export type Cell = string | number | { code: string } | { raw: string };

function cell(value: Cell): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeMarkdown(value);
  if ('code' in value) return inlineCode(value.code);
  return value.raw;
}

/** Builds a job summary in Markdown; the entry wrapper writes it (redacted) whatever happens. */
export class Summary {
  readonly #parts: string[] = [];

  /** True when nothing has been added. */
  get isEmpty(): boolean {
    return this.#parts.length === 0;
  }

  heading(text: string, level: 1 | 2 | 3 | 4 = 2): this {
    this.#parts.push(`${'#'.repeat(level)} ${escapeMarkdown(text)}`);
    return this;
  }

  /** A bold status line: `✅ **Passed** — 12 checks`. */
  status(status: Status, title: string, detail?: string): this {
    this.#parts.push(`${badge(status)} **${escapeMarkdown(title)}**${detail ? ` — ${escapeMarkdown(detail)}` : ''}`);
    return this;
  }

  paragraph(text: string): this {
    this.#parts.push(escapeMarkdown(text));
    return this;
  }

  /** Markdown the caller has already escaped. */
  raw(markdown: string): this {
    this.#parts.push(markdown);
    return this;
  }

  table(headers: readonly string[], rows: readonly (readonly Cell[])[]): this {
    if (rows.length === 0) return this;
    const lines = [
      `| ${headers.map(escapeMarkdown).join(' | ')} |`,
      `| ${headers.map(() => '---').join(' | ')} |`,
      ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    ];
    this.#parts.push(lines.join('\n'));
    return this;
  }

  /** A two-column table of names and values. */
  keyValues(pairs: readonly (readonly [string, Cell])[]): this {
    return this.table(['', ''], pairs.map(([k, v]) => [{ raw: `**${escapeMarkdown(k)}**` }, v]));
  }

  list(items: readonly string[]): this {
    if (items.length > 0) this.#parts.push(items.map((i) => `- ${escapeMarkdown(i)}`).join('\n'));
    return this;
  }

  code(text: string, language = ''): this {
    const fence = text.includes('```') ? '~~~~' : '```';
    this.#parts.push(`${fence}${language}\n${text}\n${fence}`);
    return this;
  }

  /** A collapsed section; `build` fills a nested summary. */
  details(title: string, build: (inner: Summary) => void): this {
    const inner = new Summary();
    build(inner);
    if (!inner.isEmpty) this.#parts.push(`<details><summary>${escapeMarkdown(title)}</summary>\n\n${inner.toString()}\n\n</details>`);
    return this;
  }

  toString(): string {
    return `${this.#parts.join('\n\n')}\n`;
  }
}
