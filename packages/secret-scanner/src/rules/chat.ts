import { ALPHABETS, fakeString, join } from '../fake-credentials.ts';
import type { SecretRule } from '../rule.ts';

const digits = (seed: string, n: number) => fakeString(seed, n, ALPHABETS.digits).replace(/^0/, '7');
const upper = (seed: string, n: number) => fakeString(seed, n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');

/** Slack and Discord tokens and webhooks. */
export const chatRules: SecretRule[] = [
  {
    id: 'slack-token',
    title: 'Slack token',
    description: 'A Slack bot, user, app or configuration token (xox.../xapp-). Revoke it in the Slack app settings.',
    severity: 'critical',
    regex: /(?<![\w-])(?<secret>xox[bpaeor]-\d{6,15}-[\w-]{6,}|xapp-\d-[A-Z0-9]{6,}-\d{6,}-[a-z0-9]{20,}|xoxe\.xox[bp]-\d-[A-Za-z0-9]{100,})(?![\w-])/,
    keywords: ['xox', 'xapp-'],
    minEntropy: 3,
    samples: {
      secrets: [
        `SLACK_BOT_TOKEN=${join('xo', 'xb-')}${digits('chat-1', 12)}-${digits('chat-2', 13)}-${fakeString('chat-3', 24)}`,
        `slack_token: ${join('xo', 'xp-')}${digits('chat-4', 11)}-${digits('chat-5', 11)}-${digits('chat-6', 12)}-${fakeString('chat-7', 32, ALPHABETS.lowerHex)}`,
        `${join('xa', 'pp-')}1-${upper('chat-8', 11)}-${digits('chat-9', 13)}-${fakeString('chat-10', 64, ALPHABETS.lowerHex)}`,
      ],
      decoys: ['xoxb-not-a-real-token-this-will-not-work', 'xoxb-123-placeholder', 'SLACK_BOT_TOKEN=${SLACK_BOT_TOKEN}'],
    },
  },
  {
    id: 'slack-webhook-url',
    title: 'Slack incoming webhook URL',
    description: 'A Slack incoming webhook or workflow URL; anyone holding it can post to the channel. Regenerate it in the Slack app.',
    severity: 'high',
    regex: /(?<secret>https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/_-]{30,})/,
    keywords: ['hooks.slack.com'],
    minEntropy: 3.5,
    validate: (secret) => !/\/(?:XXX|T0+\/B0+)/i.test(secret),
    samples: {
      secrets: [`SLACK_WEBHOOK=https://hooks.slack.com/services/T${upper('chat-11', 10)}/B${upper('chat-12', 10)}/${fakeString('chat-13', 24)}`],
      decoys: ['https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', 'https://hooks.slack.com/services/${SLACK_PATH}'],
    },
  },
  {
    id: 'discord-webhook-url',
    title: 'Discord webhook URL',
    description: 'A Discord webhook URL; anyone holding it can post to the channel. Delete the webhook in the channel settings.',
    severity: 'high',
    regex: /(?<secret>https:\/\/(?:canary\.|ptb\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[\w-]{60,68})/,
    keywords: ['discord'],
    minEntropy: 3.5,
    samples: {
      secrets: [`DISCORD_WEBHOOK=https://discord.com/api/webhooks/${digits('chat-14', 19)}/${fakeString('chat-15', 68, ALPHABETS.base64url)}`],
      decoys: ['https://discord.com/api/webhooks/123/abc', 'https://discord.com/developers/docs'],
    },
  },
  {
    id: 'discord-bot-token',
    title: 'Discord bot token',
    description: 'A Discord bot token assigned to a Discord-named setting. Reset it in the Discord developer portal.',
    severity: 'critical',
    regex: /discord[\w.-]{0,30}["']?\s*(?:=|:|=>)\s*["']?(?<secret>[MNO][\w-]{23,27}\.[\w-]{6}\.[\w-]{27,40})(?![\w-])/i,
    keywords: ['discord'],
    minEntropy: 3.5,
    samples: {
      secrets: [`DISCORD_BOT_TOKEN=M${fakeString('chat-16', 25, ALPHABETS.base64url)}.${fakeString('chat-17', 6, ALPHABETS.base64url)}.${fakeString('chat-18', 38, ALPHABETS.base64url)}`],
      decoys: ['DISCORD_BOT_TOKEN=your-bot-token-here'],
    },
  },
];
