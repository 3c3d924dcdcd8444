import { runAction } from '@deploysafe/action-kit';
import { definition } from './definition.ts';

await runAction(definition);
