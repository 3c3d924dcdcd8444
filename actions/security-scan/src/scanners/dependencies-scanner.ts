// The dependencies scanner is built on @deploysafe/dependency-audit, which this build does not include yet.
import { ConfigurationError } from '@deploysafe/action-kit';
import type { Scanner } from '../scanner.ts';

const UNAVAILABLE =
  'the dependencies scanner is not in this build of security-scan: it needs the @deploysafe/dependency-audit package (lockfile parsers and the OSV client), which has not been integrated yet. Use scanners: secrets until it is.';

/** Vulnerable dependencies from lockfiles and OSV: refuses to run until its package is integrated (never a silent pass). */
export const dependenciesScanner: Scanner = {
  id: 'dependencies',
  title: 'Dependencies',
  unavailable: UNAVAILABLE,
  async run() {
    throw new ConfigurationError(UNAVAILABLE);
  },
};
