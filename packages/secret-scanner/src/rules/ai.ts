import { fakeString, join } from '../fake-credentials.ts';
import type { SecretRule } from '../rule.ts';

const openAiMarker = () => Buffer.from('OpenAI').toString('base64');

/** AI provider keys. */
export const aiRules: SecretRule[] = [
  {
    id: 'openai-api-key',
    title: 'OpenAI API key',
    description: 'An OpenAI API key (user, project or service account). Revoke it on the OpenAI API keys page.',
    severity: 'critical',
    regex: /(?<![\w-])(?<secret>sk-(?:(?:proj|svcacct|admin)-[\w-]{40,300}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}))(?![\w-])/,
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 't3blbkfj'],
    minEntropy: 3.5,
    samples: {
      secrets: [
        `OPENAI_API_KEY=${join('sk', '-')}${fakeString('ai-1', 20)}${openAiMarker()}${fakeString('ai-2', 20)}`,
        `openai.api_key = "${join('sk', '-proj-')}${fakeString('ai-3', 74)}${openAiMarker()}${fakeString('ai-4', 74)}"`,
      ],
      decoys: ['OPENAI_API_KEY=sk-proj-your-key-here', 'OPENAI_API_KEY=sk-...'],
    },
  },
  {
    id: 'anthropic-api-key',
    title: 'Anthropic API key',
    description: 'An Anthropic API or admin key (sk-ant-). Delete it in the Anthropic console.',
    severity: 'critical',
    regex: /(?<![\w-])(?<secret>sk-ant-(?:api|admin|sid)\d\d-[\w-]{80,120})(?![\w-])/,
    keywords: ['sk-ant-'],
    minEntropy: 3.5,
    samples: {
      secrets: [`ANTHROPIC_API_KEY=${join('sk-', 'ant-api03-')}${fakeString('ai-5', 93)}AA`],
      decoys: ['ANTHROPIC_API_KEY=sk-ant-api03-...', 'ANTHROPIC_API_KEY=sk-ant-your-key'],
    },
  },
  {
    id: 'huggingface-token',
    title: 'Hugging Face access token',
    description: 'A Hugging Face user access token (hf_). Invalidate it in the Hugging Face settings.',
    severity: 'high',
    regex: /(?<![\w])(?<secret>hf_[A-Za-z]{34})(?![\w])/,
    keywords: ['hf_'],
    minEntropy: 3.5,
    samples: {
      secrets: [`HF_TOKEN=${join('h', 'f_')}${fakeString('ai-6', 34, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')}`],
      decoys: ['hf_transfer_enabled = true'],
    },
  },
];
