import { defineAction, runAction } from '@deploysafe/action-kit';
import { releaseLeftoverLock } from '@deploysafe/deploy';
import { inputs, outputs } from './inputs.ts';
import { run } from './run.ts';

await runAction(
  defineAction({
    name: 'deploy-bluegreen',
    inputs,
    outputs,
    run,
    post: async (ctx) => void (await releaseLeftoverLock(ctx, 'deploy')),
  }),
);
