import { ALPHABETS, fakeString, join } from '../fake-credentials.ts';
import type { SecretRule } from '../rule.ts';

/** SendGrid, Mailgun and Twilio. */
export const mailRules: SecretRule[] = [
  {
    id: 'sendgrid-api-key',
    title: 'SendGrid API key',
    description: 'A SendGrid API key (SG.). Delete it in SendGrid settings; anyone holding it can send mail as you.',
    severity: 'critical',
    regex: /(?<![\w.-])(?<secret>SG\.[\w-]{22}\.[\w-]{43})(?![\w-])/,
    keywords: ['sg.'],
    minEntropy: 3.5,
    samples: {
      secrets: [`SENDGRID_API_KEY=${join('S', 'G.')}${fakeString('mail-1', 22, ALPHABETS.base64url)}.${fakeString('mail-2', 43, ALPHABETS.base64url)}`],
      decoys: ['SENDGRID_API_KEY=SG.your-key-here', 'see SG.1 in the spec'],
    },
  },
  {
    id: 'mailgun-api-key',
    title: 'Mailgun API key',
    description: 'A Mailgun private API key. Rotate it in the Mailgun control panel.',
    severity: 'critical',
    regex: /(?:(?<![\w-])(?<secret>key-[0-9a-f]{32})(?![\w-])|mailgun[\w.-]{0,30}["']?\s*(?:=|:|=>)\s*["']?(?<secret2>[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}))/i,
    keywords: ['key-', 'mailgun'],
    minEntropy: 3,
    samples: {
      secrets: [`MAILGUN_API_KEY=${join('key', '-')}${fakeString('mail-3', 32, ALPHABETS.lowerHex)}`, `MAILGUN_KEY=${fakeString('mail-4', 32, ALPHABETS.lowerHex)}-${fakeString('mail-5', 8, ALPHABETS.lowerHex)}-${fakeString('mail-6', 8, ALPHABETS.lowerHex)}`],
      decoys: ['MAILGUN_API_KEY=key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'monkey-business'],
    },
  },
  {
    id: 'twilio-api-key',
    title: 'Twilio API key',
    description: 'A Twilio API key SID (SK...) whose secret is usually nearby. Delete the key in the Twilio console.',
    severity: 'high',
    regex: /(?<![\w])(?<secret>SK[0-9a-f]{32})(?![\w])/,
    keywords: ['sk'],
    minEntropy: 3,
    samples: {
      secrets: [`TWILIO_API_KEY=SK${fakeString('mail-7', 32, ALPHABETS.lowerHex)}`],
      decoys: ['SKU12345', `SK${fakeString('mail-8', 32, ALPHABETS.lowerHex).toUpperCase()}Z`],
    },
  },
  {
    id: 'twilio-auth-token',
    title: 'Twilio auth token',
    description: 'A Twilio account auth token assigned to a Twilio-named setting. Rotate it in the Twilio console.',
    severity: 'critical',
    regex: /twilio[\w.-]{0,30}?(?:auth|token|secret)[\w.-]{0,20}["']?\s*(?:=|:|=>)\s*["']?(?<secret>[0-9a-f]{32})(?![\w])/i,
    keywords: ['twilio'],
    minEntropy: 3,
    samples: {
      secrets: [`TWILIO_AUTH_TOKEN=${fakeString('mail-9', 32, ALPHABETS.lowerHex)}`],
      decoys: ['TWILIO_AUTH_TOKEN=${{ secrets.TWILIO_AUTH_TOKEN }}', 'TWILIO_ACCOUNT_SID=AC0123'],
    },
  },
];
