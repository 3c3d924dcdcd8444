import { ALPHABETS, fakeString, join } from '../fake-credentials.ts';
import type { SecretRule } from '../rule.ts';

/** Package registry tokens. */
export const registryRules: SecretRule[] = [
  {
    id: 'npm-access-token',
    title: 'npm access token',
    description: 'An npm access token (npm_): it can publish your packages. Revoke it on npmjs.com and use trusted publishing.',
    severity: 'critical',
    regex: /(?<![\w])(?<secret>npm_[A-Za-z0-9]{36})(?![\w])/,
    keywords: ['npm_'],
    minEntropy: 3.5,
    samples: {
      secrets: [`//registry.npmjs.org/:_authToken=${join('np', 'm_')}${fakeString('reg-1', 36)}`],
      decoys: ['NPM_CONFIG_REGISTRY=https://registry.npmjs.org', 'npm_config_cache'],
    },
  },
  {
    id: 'npmrc-auth-token',
    title: 'Registry auth token in .npmrc',
    description: 'A literal _authToken / _auth / _password in an npm config. Use ${NPM_TOKEN} and keep the token in CI secrets.',
    severity: 'high',
    regex: /:_(?:authToken|auth|password)\s*=\s*["']?(?<secret>[^\s"'$]{16,})/,
    keywords: ['_authtoken', ':_auth', ':_password'],
    minEntropy: 3,
    samples: {
      secrets: [`//npm.pkg.github.com/:_authToken=${fakeString('reg-2', 40, ALPHABETS.lowerHex)}`],
      decoys: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', '//npm.pkg.github.com/:_authToken=${{ secrets.GITHUB_TOKEN }}'],
    },
  },
  {
    id: 'pypi-upload-token',
    title: 'PyPI upload token',
    description: 'A PyPI API token (pypi-AgEIcHlwaS5vcmc...): it can upload releases. Remove it on pypi.org and use trusted publishing.',
    severity: 'critical',
    regex: /(?<![\w-])(?<secret>pypi-AgEIcHlwaS5vcmc[\w-]{50,1000})(?![\w-])/,
    keywords: ['pypi-ageichlwas5vcmc'],
    minEntropy: 3.5,
    samples: {
      secrets: [`password = ${join('pypi-', 'AgEIcHlwaS5vcmc')}${fakeString('reg-3', 120, ALPHABETS.base64url)}`],
      decoys: ['password = pypi-AgEIcHlwaS5vcmc...'],
    },
  },
];
