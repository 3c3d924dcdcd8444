import { input, type InputsOf } from '@deploysafe/action-kit';
import { z } from 'zod';

/** The scanners this action knows. */
export const SCANNER_IDS = ['secrets', 'dependencies', 'headers'] as const;
/** One scanner's id. */
export type ScannerId = (typeof SCANNER_IDS)[number];

/** What `history` asks for. */
export type HistoryChoice = { kind: 'auto' } | { kind: 'none' } | { kind: 'all' } | { kind: 'range'; base: string; head: string; symmetric: boolean };

// A revision: no leading dash (it would be read as an option), no whitespace or shell-looking characters.
const REVISION = /^(?!-)[\w./@^~{}:-]+$/;

const historySchema = z.string().transform((raw, ctx): HistoryChoice => {
  if (raw === 'auto' || raw === 'none' || raw === 'all') return { kind: raw };
  const m = /^(.+?)(\.\.\.?)(.+)$/.exec(raw);
  if (m && REVISION.test(m[1] as string) && REVISION.test(m[3] as string)) return { kind: 'range', base: m[1] as string, head: m[3] as string, symmetric: m[2] === '...' };
  ctx.addIssue({ code: 'custom', message: 'auto, none, all or a git range such as origin/main..HEAD' });
  return z.NEVER;
});

/** The inputs, as in action.yml. */
export const inputs = {
  scanners: input.list({ values: SCANNER_IDS }).default('secrets,dependencies'),
  path: input.path({ mustExist: 'directory' }).default('.'),
  history: input.custom(historySchema, 'auto, none, all or a git range such as origin/main..HEAD').default('auto'),
  url: input.url(),
  'fail-on': input.enum(['critical', 'high', 'medium', 'low', 'none']).default('high'),
  baseline: input.path({ mustExist: 'file' }),
  sarif: input.path().default('security-scan.sarif'),
  'osv-url': input.url().default('https://api.osv.dev'),
  offline: input.path({ mustExist: 'directory' }),
  'only-new': input.boolean().default('false'),
  report: input.path().default('security-scan-report.json'),
};

/** The outputs, as in action.yml. */
export const outputs = ['passed', 'findings', 'sarif', 'report'] as const;

/** The typed inputs run() receives. */
export type Inputs = InputsOf<typeof inputs>;
/** One output name. */
export type Output = (typeof outputs)[number];
