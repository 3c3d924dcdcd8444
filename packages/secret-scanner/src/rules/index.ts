import type { SecretRule } from '../rule.ts';
import { aiRules } from './ai.ts';
import { chatRules } from './chat.ts';
import { cloudRules } from './cloud.ts';
import { connectionUrlRules } from './connection-urls.ts';
import { genericRules } from './generic.ts';
import { mailRules } from './mail.ts';
import { paymentRules } from './payments.ts';
import { privateKeyRules } from './private-keys.ts';
import { registryRules } from './registries.ts';
import { tokenRules } from './tokens.ts';
import { vcsRules } from './vcs.ts';

/** Every rule, most specific first: where two rules match the same text, the earlier one wins. */
export const secretRules: readonly SecretRule[] = [
  ...cloudRules,
  ...vcsRules,
  ...chatRules,
  ...paymentRules,
  ...mailRules,
  ...aiRules,
  ...registryRules,
  ...privateKeyRules,
  ...tokenRules,
  ...connectionUrlRules,
  ...genericRules,
];
