// The demo router's read-live-color command: prints the colour traffic goes to. Usage: node live-color.mjs <state file>
import { existsSync, readFileSync } from 'node:fs';

const [state] = process.argv.slice(2);
if (existsSync(state)) process.stdout.write(readFileSync(state, 'utf8'));
