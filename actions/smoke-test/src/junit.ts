// JUnit XML, one test case per check, for test-report tooling (dorny/test-reporter, mikepenz/action-junit-report).

/** One test case. */
export interface JUnitCase {
  name: string;
  timeMs: number;
  /** Expectation failures. */
  failure?: { message: string; type: string; details: string };
  /** The check could not run (no response, or never reached). */
  error?: { message: string; type: string; details: string };
}

function escapeXml(text: string): string {
  return (
    text
      // XML 1.0 cannot carry most control characters, even escaped.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Renders a testsuites document with one suite. */
export function renderJUnit(suite: string, cases: readonly JUnitCase[], options: { timestamp: Date; timeMs: number; properties?: Record<string, string> }): string {
  const failures = cases.filter((c) => c.failure).length;
  const errors = cases.filter((c) => c.error).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(suite)}" tests="${cases.length}" failures="${failures}" errors="${errors}" time="${seconds(options.timeMs)}">`,
    `  <testsuite name="${escapeXml(suite)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds(options.timeMs)}" timestamp="${options.timestamp.toISOString().replace(/\.\d+Z$/, '')}">`,
  ];
  const props = Object.entries(options.properties ?? {});
  if (props.length > 0) {
    lines.push('    <properties>');
    for (const [name, value] of props) lines.push(`      <property name="${escapeXml(name)}" value="${escapeXml(value)}"/>`);
    lines.push('    </properties>');
  }
  for (const c of cases) {
    const open = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(suite)}" time="${seconds(c.timeMs)}"`;
    const outcome = c.failure ? ['failure', c.failure] as const : c.error ? ['error', c.error] as const : undefined;
    if (!outcome) {
      lines.push(`${open}/>`);
      continue;
    }
    const [tag, detail] = outcome;
    lines.push(`${open}>`, `      <${tag} message="${escapeXml(detail.message)}" type="${escapeXml(detail.type)}">${escapeXml(detail.details)}</${tag}>`, '    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
