import { runAction } from '@deploysafe/action-kit';
import { definition } from './run.ts';

await runAction(definition);
