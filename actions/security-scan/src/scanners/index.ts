import type { ScannerId } from '../inputs.ts';
import type { Scanner } from '../scanner.ts';
import { dependenciesScanner } from './dependencies-scanner.ts';
import { headersScanner } from './headers-scanner.ts';
import { secretsScanner } from './secrets-scanner.ts';

/** Every scanner by id; adding one is one module and one line here. */
export const scanners: Record<ScannerId, Scanner> = {
  secrets: secretsScanner,
  dependencies: dependenciesScanner,
  headers: headersScanner,
};
