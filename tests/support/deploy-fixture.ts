// A sample deployment for deploy tests: a deploy script that (re)starts the sample service of a
// colour with the given release, and a way to stop everything it started.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The path of the sample service script. */
export const sampleService = join(here, 'sample-service.mjs');

/**
 * Writes `deploy.sh` into `dir`: it stops the colour's previous process and starts the sample
 * service on the port of DEPLOY_URL with DEPLOY_RELEASE. Releases named `crash*` make the
 * script fail; `bad*` start a service whose /health fails; `proxybad*` one whose /health fails
 * only through nginx.
 */
export function writeDeployScript(dir: string): string {
  const run = join(dir, 'run');
  mkdirSync(run, { recursive: true });
  const script = join(dir, 'deploy.sh');
  writeFileSync(
    script,
    `#!/usr/bin/env bash
set -euo pipefail
run=${JSON.stringify(run)}
port="\${DEPLOY_URL##*:}"; port="\${port%%/*}"
pidfile="$run/$DEPLOY_COLOR.pid"
echo "deploying $DEPLOY_RELEASE to $DEPLOY_COLOR on port $port (previous live: \${DEPLOY_PREVIOUS_RELEASE:-none})"
if [ -f "$pidfile" ]; then
  pid="$(cat "$pidfile")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  rm -f "$pidfile"
fi
case "$DEPLOY_RELEASE" in crash*) echo "build of $DEPLOY_RELEASE failed" >&2; exit 1;; esac
health=ok; behind=0
case "$DEPLOY_RELEASE" in bad*) health=fail;; proxybad*) behind=1;; esac
HEALTH=$health FAIL_BEHIND_PROXY=$behind setsid ${JSON.stringify(process.execPath)} ${JSON.stringify(sampleService)} "$port" "$DEPLOY_RELEASE" "$DEPLOY_COLOR" >"$run/$DEPLOY_COLOR.log" 2>&1 </dev/null &
echo $! > "$pidfile"
echo "started pid $!"
`,
  );
  chmodSync(script, 0o755);
  return script;
}

/**
 * Writes a router for the `command` provider into `dir`: `switch.sh` records the live colour in a
 * file, `live.sh` prints it. Returns the target file's `command:` section.
 */
export function writeCommandRouter(dir: string): { switch: string; 'read-live-color': string } {
  const router = join(dir, 'router');
  const switchScript = join(dir, 'switch.sh');
  const liveScript = join(dir, 'live.sh');
  writeFileSync(switchScript, `#!/bin/sh\nset -e\necho "routing to $DEPLOY_COLOR ($DEPLOY_URL)"\nprintf '%s\\n' "$DEPLOY_COLOR" > ${router}.tmp && mv ${router}.tmp ${router}\n`);
  writeFileSync(liveScript, `#!/bin/sh\n[ -f ${router} ] && cat ${router} || true\n`);
  chmodSync(switchScript, 0o755);
  chmodSync(liveScript, 0o755);
  return { switch: switchScript, 'read-live-color': liveScript };
}

/** Stops the service a deploy script in `dir` started for one colour (a crashed or stopped colour). */
export function stopColor(dir: string, color: string): void {
  const pidfile = join(dir, 'run', `${color}.pid`);
  if (!existsSync(pidfile)) return;
  const pid = Number(readFileSync(pidfile, 'utf8').trim());
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Stops every service a deploy script in `dir` started. */
export function stopServices(dir: string): void {
  const run = join(dir, 'run');
  if (!existsSync(run)) return;
  for (const file of readdirSync(run).filter((f) => f.endsWith('.pid'))) {
    try {
      process.kill(Number(readFileSync(join(run, file), 'utf8').trim()), 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
