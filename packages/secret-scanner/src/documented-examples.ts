// Credentials that vendors publish in their own documentation or ship as fixed development
// defaults: they open nothing, and appear in SDKs, READMEs and tests everywhere. Each entry says
// where it is documented. Prefixes are joined at run time so other scanners do not flag this file.
import { join } from './fake-credentials.ts';

interface DocumentedExample {
  value: string;
  /** `exact`: the whole secret; `suffix`: any secret ending with it (a signature reused across examples). */
  match: 'exact' | 'suffix';
  what: string;
}

const EXAMPLES: readonly DocumentedExample[] = [
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html (the example key pair)
  { value: join('AKIA', 'IOSFODNN7EXAMPLE'), match: 'exact', what: 'the AWS documentation access key ID' },
  { value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', match: 'exact', what: 'the AWS documentation secret access key' },
  // https://learn.microsoft.com/azure/storage/common/storage-use-azurite#http-connection-strings
  // (the Azurite / Azure Storage Emulator account devstoreaccount1; the SDKs embed it)
  {
    value: 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
    match: 'exact',
    what: 'the Azurite (Azure Storage Emulator) development account key',
  },
  // https://docs.stripe.com/api/authentication: "A sample test API key is included in all the examples"
  { value: join('sk_', 'test_', '4eC39HqLyjWDarjtT1zdp7dc'), match: 'exact', what: 'the Stripe API reference sample test key' },
  { value: join('sk_', 'test_', 'BQokikJOvBiI2HlWgH4olfQ2'), match: 'exact', what: 'the Stripe API reference sample test key (older pages)' },
  // https://cloud.google.com/docs/authentication/api-keys ("The API key string ... for example")
  { value: join('AI', 'zaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe'), match: 'exact', what: 'the Google Cloud documentation API key' },
  // https://jwt.io: the default token (HS256, secret "your-256-bit-secret"), found in countless READMEs
  { value: 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', match: 'suffix', what: 'the jwt.io example token' },
  // https://developer.1password.com/docs/service-accounts/security/ (the decoded service account token example)
  { value: 'A3-C4ZJMN-PQTZTL-HGL84-G64M7-KVZRN-4ZVP6', match: 'exact', what: 'the 1Password service account documentation Secret Key' },
  // https://developer.mozilla.org/docs/Web/API/URL/password (https://anonymous:flabada@developer.mozilla.org/...)
  { value: 'flabada', match: 'exact', what: 'the MDN URL.password example' },
];

const EXACT = new Map(EXAMPLES.filter((e) => e.match === 'exact').map((e) => [e.value, e.what]));
const SUFFIXES = EXAMPLES.filter((e) => e.match === 'suffix');

/** Which documented example or development default `secret` is (never quoting it), or undefined. */
export function documentedExample(secret: string): string | undefined {
  return EXACT.get(secret) ?? SUFFIXES.find((e) => secret.endsWith(e.value))?.what;
}
