import { describe, expect, it } from 'vitest';
import { isWordCompound } from './words.ts';

describe('isWordCompound', () => {
  it.each([
    'use-credentials',
    'same-origin',
    'x-aws-ec2-metadata-token',
    'Access-Control-Allow-Origin',
    'CreateOAuth2TokenCommand',
    'isValidBase64EncodedSSECustomerKey',
    'KMS_DisabledException',
    '__vite_ssr_exports__',
    '_randomIndex',
    '_tryToRun',
    '?NoLineTerminatorHere',
    'chai/deep-eql__',
    'getUserById',
    'IDBValidKey',
    'devstoreaccount1',
    'deleted-cluster-wide',
    's3-access-key-id',
    'options.sourceCustomerProvidedKey?.encryptionKey',
    'api/CacheStore.html#cachekey',
  ])('%s is made of words', (value) => expect(isWordCompound(value)).toBe(true));

  it.each(['k8Jq2vX9mP4rT7wZ1nB5cF3hL6yD0sG8', 'hllGglwsQ', 'C4ZJMN-PQTZTL-HGL84', 'd5ea0750', 'Zq7x9mP2', '', '---'])('%s is not', (value) =>
    expect(isWordCompound(value)).toBe(false),
  );

  // A seeded generator: the rate is a property of the heuristic, not of one lucky run.
  function randomString(seed: number, length: number, alphabet: string): string {
    let state = seed;
    let out = '';
    for (let i = 0; i < length; i++) {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      out += alphabet[Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * alphabet.length)];
    }
    return out;
  }
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  it.each([
    ['alphanumeric', `${letters}0123456789`],
    ['base64', `${letters}0123456789+/`],
    ['base64url', `${letters}0123456789-_`],
    ['lower-case alphanumeric', 'abcdefghijklmnopqrstuvwxyz0123456789'],
  ])('mistakes fewer than 0.5%% of random %s strings of 16 to 40 characters for words', (_name, alphabet) => {
    const n = 4000;
    let words = 0;
    for (let i = 0; i < n; i++) if (isWordCompound(randomString(i * 7919 + 1, 16 + (i % 25), alphabet))) words++;
    expect(words / n).toBeLessThan(0.005);
  });
});
