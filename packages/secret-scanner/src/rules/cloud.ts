import { ALPHABETS, fakeString, join } from '../fake-credentials.ts';
import type { SecretRule } from '../rule.ts';

const awsKeyId = (seed: string) => join('AK', 'IA', fakeString(seed, 16, ALPHABETS.upperDigits));
const awsSecret = (seed: string) => fakeString(seed, 40, ALPHABETS.base64);
const azureAccountKey = (seed: string) => `${fakeString(seed, 86, ALPHABETS.base64)}==`;

/** AWS, Google Cloud and Azure credentials. */
export const cloudRules: SecretRule[] = [
  {
    id: 'aws-access-key-id',
    title: 'AWS access key ID',
    description: 'An AWS access key ID (long-term AKIA or temporary ASIA); its secret key is usually nearby. Deactivate the key in IAM.',
    severity: 'high',
    regex: /(?<![A-Z0-9])(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Z0-9])/,
    keywords: ['akia', 'asia', 'abia', 'acca'],
    minEntropy: 3,
    samples: {
      secrets: [`aws_access_key_id = ${awsKeyId('cloud-1')}`, `"AccessKeyId": "${awsKeyId('cloud-2').replace(/^AKIA/, 'ASIA')}"`],
      decoys: ['aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'AKIAXXXXXXXXXXXXXXXX', `id=${awsKeyId('cloud-3')}EXTRA`],
    },
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    description: 'An AWS secret access key assigned to an AWS-named setting. Deactivate the key pair in IAM and rotate it.',
    severity: 'critical',
    regex: /(?:aws[\w.-]{0,20}?secret|secret_?access_?key)[\w.-]{0,20}?["']?\s*(?:=|:|=>)\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i,
    keywords: ['aws', 'secretaccesskey', 'secret_access_key'],
    minEntropy: 4,
    samples: {
      secrets: [`aws_secret_access_key = ${awsSecret('cloud-4')}`, `"SecretAccessKey": "${awsSecret('cloud-5')}"`, `AWS_SECRET_KEY: '${awsSecret('cloud-6')}'`],
      decoys: [
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}',
        'aws_secret_access_key = 0123456789012345678901234567890123456789',
      ],
    },
  },
  {
    id: 'gcp-api-key',
    title: 'Google API key',
    description: 'A Google Cloud / Firebase / Maps API key (AIza...). Restrict or delete it in the Google Cloud console.',
    severity: 'high',
    regex: /(?<![\w-])(?<secret>AIza[\w-]{35})(?![\w-])/,
    keywords: ['aiza'],
    minEntropy: 3.5,
    samples: {
      secrets: [`GOOGLE_MAPS_KEY=${join('AI', 'za')}${fakeString('cloud-7', 35, ALPHABETS.base64url)}`],
      decoys: [`key: ${join('AI', 'za')}SyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX`, `${join('AI', 'za')}${fakeString('cloud-8', 20)}`, `?key=${join('AI', 'za')}SyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe`],
    },
  },
  {
    id: 'gcp-service-account-key',
    title: 'Google service account key',
    description: 'A Google service account JSON key file (its private_key_id). Delete the key in IAM and use workload identity federation.',
    severity: 'critical',
    regex: /"private_key_id"\s*:\s*"(?<secret>[a-f0-9]{40})"/,
    keywords: ['private_key_id'],
    minEntropy: 3,
    samples: {
      secrets: [`{"type": "service_account", "private_key_id": "${fakeString('cloud-9', 40, ALPHABETS.lowerHex)}"}`],
      decoys: ['"private_key_id": "your-private-key-id"'],
    },
  },
  {
    id: 'azure-storage-account-key',
    title: 'Azure storage account key',
    description: 'An Azure storage account key (AccountKey= in a connection string). Rotate it in the storage account and use SAS or managed identity.',
    severity: 'critical',
    regex: /AccountKey\s*=\s*(?<secret>[A-Za-z0-9+/]{86}==)/i,
    keywords: ['accountkey'],
    minEntropy: 4,
    samples: {
      secrets: [`DefaultEndpointsProtocol=https;AccountName=shopdata;AccountKey=${azureAccountKey('cloud-10')};EndpointSuffix=core.windows.net`],
      decoys: [
        'AccountKey=<your-account-key>',
        'AccountKey=${STORAGE_KEY}',
        // The Azurite development key, embedded in every Azure Storage SDK.
        'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;',
      ],
    },
  },
  {
    id: 'azure-shared-access-key',
    title: 'Azure shared access key',
    description: 'An Azure Service Bus / Event Hubs / IoT shared access key. Regenerate the key on its policy.',
    severity: 'critical',
    regex: /SharedAccessKey\s*=\s*(?<secret>[A-Za-z0-9+/]{43}=)/i,
    keywords: ['sharedaccesskey'],
    minEntropy: 4,
    samples: {
      secrets: [`Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${fakeString('cloud-11', 43, ALPHABETS.base64)}=`],
      decoys: ['SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=REPLACE_ME'],
    },
  },
  {
    id: 'azure-sas-token',
    title: 'Azure SAS token',
    description: 'An Azure shared access signature (sv=...&sig=...). Revoke it by rotating the key that signed it or its stored access policy.',
    severity: 'high',
    regex: /[?&;]sv=\d{4}-\d\d-\d\d&[^\s"'<>]*?\bsig=(?<secret>[A-Za-z0-9%+/]{40,100}(?:%3D|=){0,2})/i,
    keywords: ['sig='],
    minEntropy: 4,
    samples: {
      secrets: [`https://shop.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&sig=${fakeString('cloud-12', 44, ALPHABETS.alnum)}%3D`],
      decoys: ['?sv=2022-11-02&sig=<signature>', 'https://example.com/?sig=abc'],
    },
  },
  {
    id: 'azure-ad-client-secret',
    title: 'Azure AD (Entra ID) client secret',
    description: 'A Microsoft Entra ID application client secret. Delete it under the app registration\'s certificates & secrets.',
    severity: 'critical',
    regex: /(?<![\w~.-])(?<secret>[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![\w~.-])/,
    keywords: ['q~'],
    minEntropy: 3.5,
    samples: {
      secrets: [`AZURE_CLIENT_SECRET=${fakeString('cloud-13', 3)}8Q~${fakeString('cloud-14', 34)}`],
      decoys: ['ratio 8Q~ of the quarter', `client_secret: abc8Q~short`],
    },
  },
];
