export { shannonEntropy, uniqueCharacters } from './entropy.ts';
export { isSecretName, isSigningKeyName } from './names.ts';
export { placeholderReason, isReference } from './placeholders.ts';
export { isWordCompound } from './words.ts';
