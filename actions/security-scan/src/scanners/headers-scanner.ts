// The headers scanner is built on the shared web audit package, which this build does not include yet.
import { ConfigurationError } from '@deploysafe/action-kit';
import type { Scanner } from '../scanner.ts';

const UNAVAILABLE =
  'the headers scanner is not in this build of security-scan: it needs the @deploysafe/web-audit package (security header and exposed-file checks), which has not been integrated yet. Remove headers from scanners until it is.';

/** Live security headers of `url`: refuses to run until its package is integrated (never a silent pass). */
export const headersScanner: Scanner = {
  id: 'headers',
  title: 'Security headers',
  unavailable: UNAVAILABLE,
  async run() {
    throw new ConfigurationError(UNAVAILABLE);
  },
};
