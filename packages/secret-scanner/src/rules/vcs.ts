import { ALPHABETS, fakeString, join } from '../fake-credentials.ts';
import type { SecretRule } from '../rule.ts';

const token = (prefix: string, seed: string, length = 36) => join(prefix, '_', fakeString(seed, length));

function githubRule(id: string, title: string, prefix: string, what: string): SecretRule {
  return {
    id,
    title,
    description: `A GitHub ${what}. Revoke it in GitHub settings (or let GitHub revoke it) and use the workflow token or an app.`,
    severity: 'critical',
    regex: new RegExp(`(?<![A-Za-z0-9_])(?<secret>${prefix}_[A-Za-z0-9]{36,251})(?![A-Za-z0-9_])`),
    keywords: [`${prefix}_`],
    minEntropy: 3.5,
    samples: {
      secrets: [`GITHUB_TOKEN=${token(prefix, id)}`, `token: "${token(prefix, `${id}-2`)}"`],
      decoys: [`${prefix}_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`, `${prefix}_${fakeString(`${id}-3`, 20)}`, 'token: ${{ secrets.GITHUB_TOKEN }}'],
    },
  };
}

/** GitHub and GitLab tokens. */
export const vcsRules: SecretRule[] = [
  githubRule('github-pat', 'GitHub personal access token (classic)', 'ghp', 'classic personal access token'),
  githubRule('github-oauth-token', 'GitHub OAuth access token', 'gho', 'OAuth access token'),
  githubRule('github-app-user-token', 'GitHub App user-to-server token', 'ghu', 'App user-to-server token'),
  githubRule('github-app-installation-token', 'GitHub App installation token', 'ghs', 'App installation (server-to-server) token'),
  githubRule('github-refresh-token', 'GitHub refresh token', 'ghr', 'App refresh token'),
  {
    id: 'github-fine-grained-pat',
    title: 'GitHub fine-grained personal access token',
    description: 'A GitHub fine-grained personal access token. Revoke it in GitHub settings and use the workflow token or an app.',
    severity: 'critical',
    regex: /(?<![A-Za-z0-9_])(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/,
    keywords: ['github_pat_'],
    minEntropy: 3.5,
    samples: {
      secrets: [`GH_TOKEN=${join('github', '_pat_')}${fakeString('vcs-1', 22)}_${fakeString('vcs-2', 59)}`],
      decoys: [`${join('github', '_pat_')}${fakeString('vcs-3', 22)}`, 'github_pat_<your token>'],
    },
  },
  {
    id: 'gitlab-pat',
    title: 'GitLab personal access token',
    description: 'A GitLab personal, project or group access token. Revoke it in GitLab and use a CI job token.',
    severity: 'critical',
    regex: /(?<![\w-])(?<secret>glpat-[\w-]{20,})(?![\w-])/,
    keywords: ['glpat-'],
    minEntropy: 3.5,
    samples: {
      secrets: [`GITLAB_TOKEN=${join('glpat', '-')}${fakeString('vcs-4', 20, ALPHABETS.base64url)}`],
      decoys: [`${join('glpat', '-')}xxxxxxxxxxxxxxxxxxxx`, `${join('glpat', '-')}short`],
    },
  },
  {
    id: 'gitlab-ci-token',
    title: 'GitLab pipeline trigger, runner or deploy token',
    description: 'A GitLab pipeline trigger (glptt-), runner (glrt-) or deploy (gldt-) token. Revoke it in the project settings.',
    severity: 'high',
    regex: /(?<![\w-])(?<secret>(?:glptt-[0-9a-f]{40}|glrt-[\w-]{20,}|gldt-[\w-]{20,}))(?![\w-])/,
    keywords: ['glptt-', 'glrt-', 'gldt-'],
    minEntropy: 3.5,
    samples: {
      secrets: [`TRIGGER_TOKEN=${join('glptt', '-')}${fakeString('vcs-5', 40, ALPHABETS.lowerHex)}`, `token = "${join('glrt', '-')}${fakeString('vcs-6', 20)}"`],
      decoys: [`${join('glptt', '-')}0000000000000000000000000000000000000000`],
    },
  },
];
