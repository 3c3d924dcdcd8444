import * as core from '@actions/core';
import { createCoreLogger, runAction, SecretRegistry } from '@deploysafe/action-kit';
import { definition } from './definition.ts';
import { releaseLeftoverLock } from './post.ts';
import { run, STATE } from './run.ts';

// action.yml runs this file as main and as post; the main step marks the state so the post step knows.
if (core.getState('phase') === 'main') {
  const secrets = new SecretRegistry((v) => core.setSecret(v));
  try {
    await releaseLeftoverLock({ target: core.getState(STATE.target), lockPath: core.getState(STATE.lockPath), lockToken: core.getState(STATE.lockToken) }, createCoreLogger(secrets), (v) =>
      secrets.add(v),
    );
  } catch (error) {
    // The post step must never fail the job; the lock's lease still expires on its own.
    core.warning(`Could not release the deploy lock: ${secrets.redact((error as Error).message)}. It expires when its lease runs out.`);
  }
} else {
  core.saveState('phase', 'main');
  await runAction({ ...definition, run: (i, ctx) => run(i, ctx, { saveState: (n, v) => core.saveState(n, v) }) });
}
