// The demo router's switch command: routes new requests to DEPLOY_COLOR. Usage: node switch.mjs <state file>
import { renameSync, writeFileSync } from 'node:fs';

const [state] = process.argv.slice(2);
writeFileSync(`${state}.tmp`, `${process.env.DEPLOY_COLOR}\n`);
renameSync(`${state}.tmp`, state);
console.log(`router now sends traffic to ${process.env.DEPLOY_COLOR} (${process.env.DEPLOY_URL})`);
