// Which files the scanner leaves out without reading them, and how it tells binary content.
import { basename } from 'node:path';

const LOCKFILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lockb', 'bun.lock', 'deno.lock',
  'composer.lock', 'Gemfile.lock', 'Cargo.lock', 'poetry.lock', 'Pipfile.lock', 'uv.lock', 'pdm.lock', 'go.sum',
  'mix.lock', 'pubspec.lock', 'Podfile.lock', 'packages.lock.json', 'flake.lock', 'gradle.lockfile', 'conan.lock',
]);

/** Directory names whose trees hold third-party code: never scanned. */
export const VENDORED_DIRECTORIES = new Set([
  'node_modules', 'vendor', 'third_party', 'third-party', 'bower_components', 'jspm_packages', '.git', '.hg', '.svn',
  '.yarn', '.pnpm-store', '__pycache__', '.venv', 'venv', 'site-packages', 'Pods', 'Carthage', '.terraform', '.tox', '.gradle',
]);

const BINARY_EXTENSIONS = new Set(
  ('png jpg jpeg gif bmp ico icns webp avif tif tiff psd svgz heic mp3 mp4 m4a mov avi mkv webm wav flac ogg ' +
    'woff woff2 ttf otf eot pdf zip gz tgz bz2 xz zst 7z rar jar war ear class dex apk ipa exe dll so dylib a o obj lib ' +
    'pyc pyo whl egg node wasm bin dat db sqlite sqlite3 mdb iso dmg img deb rpm msi parquet avro pkl npy npz onnx pt h5').split(' '),
);

/** Why a path is not scanned (`lockfile`, `vendored`, `binary`), or undefined when it is. Paths use `/`. */
export function skipReason(path: string): 'lockfile' | 'vendored' | 'binary' | undefined {
  const name = basename(path);
  if (LOCKFILES.has(name)) return 'lockfile';
  for (const part of path.split('/').slice(0, -1)) if (VENDORED_DIRECTORIES.has(part)) return 'vendored';
  const dot = name.lastIndexOf('.');
  if (dot > 0 && BINARY_EXTENSIONS.has(name.slice(dot + 1).toLowerCase())) return 'binary';
  return undefined;
}

/** True when content looks binary: a NUL byte in its first 8000 bytes, as git decides. */
export function isBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8000);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}
