import { fakeString, join } from '../fake-credentials.ts';
import type { SecretRule } from '../rule.ts';

/** Stripe keys. */
export const paymentRules: SecretRule[] = [
  {
    id: 'stripe-live-secret-key',
    title: 'Stripe live secret key',
    description: 'A Stripe live-mode secret key: full access to the account. Roll it in the Stripe dashboard.',
    severity: 'critical',
    regex: /(?<![\w])(?<secret>sk_live_[A-Za-z0-9]{24,247})(?![\w])/,
    keywords: ['sk_live_'],
    minEntropy: 3.5,
    samples: {
      secrets: [`STRIPE_SECRET_KEY=${join('sk', '_live_')}${fakeString('pay-1', 99)}`, `Stripe.api_key = "${join('sk', '_live_')}${fakeString('pay-2', 24)}"`],
      decoys: [`${join('sk', '_live_')}xxxxxxxxxxxxxxxxxxxxxxxxxxxx`, 'STRIPE_SECRET_KEY=sk_live_...', `${join('pk', '_live_')}${fakeString('pay-3', 99)}`],
    },
  },
  {
    id: 'stripe-restricted-key',
    title: 'Stripe live restricted key',
    description: 'A Stripe live-mode restricted key. Roll it in the Stripe dashboard.',
    severity: 'critical',
    regex: /(?<![\w])(?<secret>rk_live_[A-Za-z0-9]{24,247})(?![\w])/,
    keywords: ['rk_live_'],
    minEntropy: 3.5,
    samples: {
      secrets: [`STRIPE_RESTRICTED_KEY=${join('rk', '_live_')}${fakeString('pay-4', 99)}`],
      decoys: [`${join('rk', '_live_')}REPLACE_ME`],
    },
  },
  {
    id: 'stripe-webhook-secret',
    title: 'Stripe webhook signing secret',
    description: 'A Stripe webhook signing secret (whsec_); with it anyone can forge webhook events. Roll it on the endpoint.',
    severity: 'high',
    regex: /(?<![\w])(?<secret>whsec_[A-Za-z0-9]{32,})(?![\w])/,
    keywords: ['whsec_'],
    minEntropy: 3.5,
    samples: {
      secrets: [`STRIPE_WEBHOOK_SECRET=${join('wh', 'sec_')}${fakeString('pay-5', 32)}`],
      decoys: ['STRIPE_WEBHOOK_SECRET=whsec_...'],
    },
  },
  {
    id: 'stripe-test-secret-key',
    title: 'Stripe test secret key',
    description: 'A Stripe test-mode secret key: no money moves, but it reads and writes test data. Prefer keeping it in CI secrets.',
    severity: 'low',
    regex: /(?<![\w])(?<secret>[sr]k_test_[A-Za-z0-9]{24,247})(?![\w])/,
    keywords: ['k_test_'],
    minEntropy: 3.5,
    samples: {
      secrets: [`STRIPE_KEY=${join('sk', '_test_')}${fakeString('pay-6', 24)}`],
      decoys: [`${join('sk', '_test_')}xxxxxxxxxxxxxxxxxxxxxxxx`, `curl https://api.stripe.com/v1/charges -u ${join('sk', '_test_')}4eC39HqLyjWDarjtT1zdp7dc:`],
    },
  },
];
