import { defineAction } from '@deploysafe/action-kit';
import { inputs, outputs } from './inputs.ts';
import { checkInputs, run } from './run.ts';

/** The db-backup action, as main.ts runs it and tests call it. */
export const definition = defineAction({ name: 'db-backup', inputs, outputs, check: checkInputs, run });
