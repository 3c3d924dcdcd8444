import { defineAction, runAction } from '@deploysafe/action-kit';
import { inputs, outputs } from './inputs.ts';
import { run } from './run.ts';

await runAction(defineAction({ name: 'config-validate', inputs, outputs, run }));
