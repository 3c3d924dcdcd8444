export const id = 238;
export const ids = [238];
export const modules = {

/***/ 4238:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ActionsVulnerabilityCache: () => (/* reexport */ ActionsVulnerabilityCache),
  OfflineOsvSource: () => (/* reexport */ OfflineOsvSource),
  OsvApiSource: () => (/* reexport */ OsvApiSource),
  auditDependencies: () => (/* reexport */ auditDependencies)
});

// UNUSED EXPORTS: DEFAULT_OSV_URL, DirectoryVulnerabilityCache, LockfileError, MAX_BATCH_SIZE, OsvClient, OsvUnavailableError, SEVERITIES, SKIPPED_DIRECTORIES, compareSeverity, cvssBaseScore, discoverLockfiles, fixedVersionFor, groupByAliases, introducedSince, isAffected, lockfileFormat, noVulnerabilityCache, osvPackageName, osvVersion, parseLockfile, rateVulnerability, readBaseSnapshot, readLockfiles, severityFromScore, versionComparator

// EXTERNAL MODULE: ./packages/action-kit/src/index.ts + 15 modules
var src = __webpack_require__(9123);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./packages/dependency-audit/src/fingerprint.ts

/** sha256 hex of the parts, joined unambiguously. Callers pass only stable, non-personal facts (paths, names, ids). */
function fingerprint(...parts) {
    return (0,external_node_crypto_.createHash)('sha256').update(parts.join('\u0000')).digest('hex');
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./packages/dependency-audit/src/lockfiles/parsed-lockfile.ts
/** Collects what one lockfile yields, so each parser only says what it found. */
class LockfileBuilder {
    file;
    format;
    ecosystem;
    #packages = [];
    #unpinned = [];
    #skipped = [];
    constructor(file, format, ecosystem) {
        this.file = file;
        this.format = format;
        this.ecosystem = ecosystem;
    }
    add(name, version, line, options = {}) {
        const entry = { name, version, ecosystem: this.ecosystem, file: options.file ?? this.file };
        if (line !== undefined)
            entry.line = line;
        if (options.dev)
            entry.dev = true;
        this.#packages.push(entry);
    }
    unpinned(name, specifier, line, file = this.file) {
        this.#unpinned.push({ name, specifier, ecosystem: this.ecosystem, file, line });
    }
    skip(name, reason, line, file = this.file) {
        const entry = { name, reason, file };
        if (line !== undefined)
            entry.line = line;
        this.#skipped.push(entry);
    }
    build() {
        return { file: this.file, format: this.format, packages: this.#packages, unpinned: this.#unpinned, skipped: this.#skipped };
    }
}
/** Reads `value[key]` when value is an object. */
function field(value, key) {
    return value !== null && typeof value === 'object' ? value[key] : undefined;
}
/** `value[key]` when it is a string. */
function stringField(value, key) {
    const v = field(value, key);
    return typeof v === 'string' ? v : undefined;
}
/** The entries of an object (none for anything else). */
function entriesOf(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
}

// EXTERNAL MODULE: ./node_modules/.pnpm/smol-toml@1.9.1/node_modules/smol-toml/dist/index.js + 8 modules
var dist = __webpack_require__(6397);
;// CONCATENATED MODULE: ./packages/dependency-audit/src/lockfiles/lockfile-error.ts

/** A lockfile could not be read or parsed: its packages cannot be checked, so the audit fails. */
class LockfileError extends src/* ConfigurationError */.j1 {
    name = 'LockfileError';
    file;
    line;
    constructor(file, problem, line) {
        super(`${file}${line ? `:${line}` : ''}: ${problem}. Fix or regenerate the lockfile; its dependencies cannot be checked until it parses.`);
        this.file = file;
        this.line = line;
    }
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/lockfiles/toml-packages.ts


/** Parses a TOML lockfile whose packages are `[[package]]` tables (Cargo.lock, poetry.lock, uv.lock). */
function parseTomlPackages(file, text) {
    let document;
    try {
        document = (0,dist/* parse */.qg)(text);
    }
    catch (error) {
        const line = error instanceof dist/* TomlError */.zx ? error.line : undefined;
        throw new LockfileError(file, `is not valid TOML (${error.message.split('\n')[0]})`, line);
    }
    // The n-th `[[package]]` header opens the n-th element of the array, so header lines map by index.
    const headerLines = [];
    text.split(/\r?\n/).forEach((line, index) => {
        if (/^\s*\[\[\s*package\s*\]\]\s*(#.*)?$/.test(line))
            headerLines.push(index + 1);
    });
    const raw = document.package;
    const tables = Array.isArray(raw) ? raw : [];
    return { document, packages: tables.map((table, i) => ({ table, line: headerLines[i] })) };
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/lockfiles/cargo-lock.ts


const CRATES_IO = /^(registry\+https:\/\/github\.com\/rust-lang\/crates\.io-index|sparse\+https:\/\/index\.crates\.io\/)$/;
/** Cargo.lock (versions 1-4): crates from crates.io; path crates (no `source`), git and other registries are skipped. */
function parseCargoLock(file, text) {
    const out = new LockfileBuilder(file, 'Cargo.lock', 'crates.io');
    for (const { table, line } of parseTomlPackages(file, text).packages) {
        const name = stringField(table, 'name') ?? '(unnamed)';
        const version = stringField(table, 'version');
        const source = stringField(table, 'source');
        if (!source)
            out.skip(name, 'a crate of this workspace', line);
        else if (!CRATES_IO.test(source))
            out.skip(name, `not from crates.io (${source})`, line);
        else if (!version)
            out.skip(name, 'no version recorded', line);
        else
            out.add(name, version, line);
    }
    return out.build();
}

// EXTERNAL MODULE: ./node_modules/.pnpm/jsonc-parser@3.3.1/node_modules/jsonc-parser/lib/umd/main.js
var main = __webpack_require__(4732);
;// CONCATENATED MODULE: ./packages/dependency-audit/src/lockfiles/json-lines.ts


const SEP = '\u0000';
/** Parses strict JSON and records where every property and array element starts. */
function parseJsonWithLines(file, text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        throw new LockfileError(file, `is not valid JSON (${error.message})`);
    }
    const lines = new Map();
    const remember = (path, line) => {
        const key = path.join(SEP);
        if (!lines.has(key))
            lines.set(key, line + 1);
    };
    main.visit(text, {
        onObjectProperty: (property, _offset, _length, startLine, _char, pathSupplier) => remember([...pathSupplier(), property], startLine),
        onObjectBegin: (_offset, _length, startLine, _char, pathSupplier) => {
            const path = pathSupplier();
            if (typeof path.at(-1) === 'number')
                remember(path, startLine);
        },
    });
    return { value, lineOf: (path) => lines.get(path.join(SEP)) };
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/lockfiles/composer-lock.ts


/** composer.lock: `packages` and `packages-dev`; branch checkouts (`dev-main`, `1.x-dev`) are not releases. */
function parseComposerLock(file, text) {
    const { value, lineOf } = parseJsonWithLines(file, text);
    const out = new LockfileBuilder(file, 'composer.lock', 'Packagist');
    for (const section of ['packages', 'packages-dev']) {
        const list = field(value, section);
        if (!Array.isArray(list))
            continue;
        list.forEach((entry, index) => {
            const name = stringField(entry, 'name') ?? '(unnamed)';
            const version = stringField(entry, 'version');
            const line = lineOf([section, index, 'name']) ?? lineOf([section, index]);
            if (!version)
                out.skip(name, 'no version recorded', line);
            else if (/^dev-|-dev$/.test(version))
                out.skip(name, `${version} is a development branch, not a release`, line);
            else
                out.add(name, version, line, { dev: section === 'packages-dev' });
        });
    }
    return out.build();
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/lockfiles/gemfile-lock.ts

/**
 * Gemfile.lock: the `specs:` of each GEM section are RubyGems releases (a platform suffix such as
 * `-x86_64-linux` is dropped from the version); GIT and PATH specs are not.
 */
function parseGemfileLock(file, text) {
    const out = new LockfileBuilder(file, 'Gemfile.lock', 'RubyGems');
    let section = '';
    let inSpecs = false;
    text.split(/\r?\n/).forEach((raw, index) => {
        if (/^\S/.test(raw)) {
            section = raw.trim();
            inSpecs = false;
            return;
        }
        if (/^ {2}specs:\s*$/.test(raw)) {
            inSpecs = true;
            return;
        }
        const spec = inSpecs ? raw.match(/^ {4}([^\s(]+) \(([^)]+)\)\s*$/) : null;
        if (!spec)
            return;
        const [, name = '', full = ''] = spec;
        if (section === 'GEM')
            out.add(name, full.split('-')[0], index + 1);
        else
            out.skip(name, `a ${section} gem, not a rubygems.org release`, index + 1);
    });
    return out.build();
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/lockfiles/go-mod.ts


/**
 * go.mod: every `require` (Go 1.17+ lists the whole build list, indirect ones included), with
 * `replace` applied: a replacement by a local path is skipped, by another module version is checked
 * as that module. Before Go 1.17 go.mod lists only direct requirements, so the highest version of
 * each other module that go.sum holds source for is added from go.sum.
 */
async function parseGoMod(file, text, readRelated) {
    const out = new LockfileBuilder(file, 'go.mod', 'Go');
    const requires = [];
    const replaces = new Map();
    let goVersion;
    let block;
    text.split(/\r?\n/).forEach((raw, index) => {
        const line = raw.replace(/\/\/.*$/, '').trim();
        if (!line)
            return;
        if (block) {
            if (line === ')')
                block = undefined;
            else if (block === 'require')
                readRequire(line, index + 1);
            else if (block === 'replace')
                readReplace(line);
            return;
        }
        const directive = line.match(/^(\w+)\s*(.*)$/);
        if (!directive)
            return;
        const [, verb, rest = ''] = directive;
        if (rest === '(')
            block = verb === 'require' || verb === 'replace' ? verb : 'other';
        else if (verb === 'go')
            goVersion = rest;
        else if (verb === 'require')
            readRequire(rest, index + 1);
        else if (verb === 'replace')
            readReplace(rest);
    });
    function readRequire(spec, line) {
        const [module, version] = spec.split(/\s+/);
        if (module && version)
            requires.push({ module, version, line });
    }
    function readReplace(spec) {
        const [left = '', right = ''] = spec.split('=>').map((s) => s.trim());
        const [from, fromVersion] = left.split(/\s+/);
        const [to, toVersion] = right.split(/\s+/);
        if (!from || !to)
            return;
        const list = replaces.get(from) ?? [];
        list.push({ ...(fromVersion ? { from: fromVersion } : {}), to, ...(toVersion ? { toVersion } : {}) });
        replaces.set(from, list);
    }
    for (const req of requires) {
        const replacement = replaces.get(req.module)?.find((r) => r.from === undefined || r.from === req.version);
        if (replacement && !replacement.toVersion)
            out.skip(req.module, `replaced by the local path ${replacement.to}`, req.line);
        else if (replacement?.toVersion)
            out.add(replacement.to, replacement.toVersion, req.line);
        else
            out.add(req.module, req.version, req.line);
    }
    if (goVersion && compareGoVersion(goVersion, '1.17') < 0) {
        const sumPath = external_node_path_.posix.join(external_node_path_.posix.dirname(file), 'go.sum');
        const sum = await readRelated(sumPath);
        if (sum !== undefined) {
            const listed = new Set(requires.map((r) => r.module));
            const highest = new Map();
            sum.split(/\r?\n/).forEach((raw, index) => {
                const [module, version] = raw.trim().split(/\s+/);
                if (!module || !version || version.endsWith('/go.mod') || listed.has(module))
                    return;
                const current = highest.get(module);
                if (!current || compareGoVersion(version.replace(/^v/, ''), current.version.replace(/^v/, '')) > 0)
                    highest.set(module, { version, line: index + 1 });
            });
            for (const [module, { version, line }] of highest)
                out.add(module, version, line, { file: sumPath });
        }
    }
    return out.build();
}
function compareGoVersion(a, b) {
    const pa = a.split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
    const pb = b.split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d !== 0)
            return d;
    }
    return 0;
}

// EXTERNAL MODULE: ./node_modules/.pnpm/semver@7.8.6/node_modules/semver/index.js
var semver = __webpack_require__(1132);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
;// CONCATENATED MODULE: ./packages/dependency-audit/src/lockfiles/package-lock.ts




const NON_REGISTRY = /^(git\+|git:|github:|gitlab:|bitbucket:|file:|link:|\.{1,2}\/|\/)/;
/** package-lock.json / npm-shrinkwrap.json, lockfileVersion 1 (nested `dependencies`) and 2-3 (`packages`). */
function parsePackageLock(file, text, format) {
    const { value, lineOf } = parseJsonWithLines(file, text);
    const out = new LockfileBuilder(file, format, 'npm');
    const packages = field(value, 'packages');
    const dependencies = field(value, 'dependencies');
    if (packages !== undefined) {
        for (const [path, entry] of entriesOf(packages)) {
            if (path === '')
                continue;
            const line = lineOf(['packages', path]);
            const at = path.lastIndexOf('node_modules/');
            if (at < 0 || field(entry, 'link') === true) {
                out.skip(path, 'workspace package of this project', line);
                continue;
            }
            const name = stringField(entry, 'name') ?? path.slice(at + 'node_modules/'.length);
            addVersion(out, name, stringField(entry, 'version'), stringField(entry, 'resolved'), line, field(entry, 'dev') === true);
        }
    }
    else if (dependencies !== undefined) {
        const walk = (deps, prefix) => {
            for (const [key, entry] of entriesOf(deps)) {
                const path = [...prefix, 'dependencies', key];
                let name = key;
                let version = stringField(entry, 'version');
                // An alias (`"lodash-old": "npm:lodash@4.17.4"`) installs another package under a new name.
                const alias = version?.match(/^npm:((?:@[^/@]+\/)?[^@]+)@(.+)$/);
                if (alias)
                    [, name, version] = alias;
                addVersion(out, name, version, stringField(entry, 'resolved'), lineOf(path), field(entry, 'dev') === true);
                walk(field(entry, 'dependencies'), path);
            }
        };
        walk(dependencies, []);
    }
    else if (field(value, 'lockfileVersion') === undefined) {
        throw new LockfileError(file, 'has neither `packages` nor `dependencies`, so it is not an npm lockfile');
    }
    return out.build();
}
function addVersion(out, name, version, resolved, line, dev) {
    if (!version) {
        out.skip(name, 'no version recorded', line);
    }
    else if (NON_REGISTRY.test(version) || (resolved !== undefined && NON_REGISTRY.test(resolved))) {
        out.skip(name, `not from the registry (${resolved ?? version})`, line);
    }
    else if (!semver_default().valid(version)) {
        out.skip(name, `version ${version} is not a registry version`, line);
    }
    else {
        out.add(name, version, line, { dev });
    }
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/lockfiles/pipfile-lock.ts


/** Pipfile.lock: `default` and `develop` sections; entries without `==version` (git, path, editable) are skipped. */
function parsePipfileLock(file, text) {
    const { value, lineOf } = parseJsonWithLines(file, text);
    const out = new LockfileBuilder(file, 'Pipfile.lock', 'PyPI');
    for (const section of ['default', 'develop']) {
        for (const [name, entry] of entriesOf(field(value, section))) {
            const line = lineOf([section, name]);
            const pin = stringField(entry, 'version')?.match(/^={2,3}(.+)$/);
            if (pin)
                out.add(name, pin[1], line, { dev: section === 'develop' });
            else
                out.skip(name, 'not a registry release (git, path or editable)', line);
        }
    }
    return out.build();
}

// EXTERNAL MODULE: ./node_modules/.pnpm/yaml@2.9.1/node_modules/yaml/dist/index.js
var yaml_dist = __webpack_require__(8985);
;// CONCATENATED MODULE: ./packages/dependency-audit/src/lockfiles/pnpm-lock.ts




/**
 * pnpm-lock.yaml. Keys of `packages` are `/name/1.0.0_peer@2` (lockfile 5.x), `/name@1.0.0(peer@2)` (6.0)
 * and `name@1.0.0` (7.0 and 9.0, where peers moved to `snapshots`).
 */
function parsePnpmLock(file, text) {
    const lineCounter = new yaml_dist/* LineCounter */.HN();
    const doc = (0,yaml_dist/* parseDocument */.Tp)(text, { lineCounter, uniqueKeys: false });
    if (doc.errors.length > 0) {
        const error = doc.errors[0];
        throw new LockfileError(file, `is not valid YAML (${error.message.split('\n')[0]})`, lineCounter.linePos(error.pos[0]).line);
    }
    const version = String(doc.get('lockfileVersion') ?? '');
    const major = Number.parseInt(version, 10);
    if (!Number.isFinite(major))
        throw new LockfileError(file, 'has no lockfileVersion, so it is not a pnpm lockfile');
    const out = new LockfileBuilder(file, 'pnpm-lock.yaml', 'npm');
    const packages = doc.get('packages', true);
    if (!(0,yaml_dist/* isMap */.jh)(packages))
        return out.build();
    for (const pair of packages.items) {
        const key = (0,yaml_dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : String(pair.key);
        const line = (0,yaml_dist/* isScalar */.jn)(pair.key) && pair.key.range ? lineCounter.linePos(pair.key.range[0]).line : undefined;
        const entry = (0,yaml_dist/* isMap */.jh)(pair.value) ? pair.value.toJSON() : undefined;
        const parsed = major < 6 ? splitV5Key(key) : splitKey(key);
        const resolution = field(entry, 'resolution');
        const fromRegistry = resolution === undefined || (field(resolution, 'integrity') !== undefined && field(resolution, 'tarball') === undefined);
        const name = stringField(entry, 'name') ?? parsed?.name;
        const pinned = parsed && semver_default().valid(parsed.version) ? parsed.version : stringField(entry, 'version');
        if (!name || !pinned || !semver_default().valid(pinned)) {
            out.skip(name ?? key, 'not a registry package version', line);
        }
        else if (!fromRegistry) {
            out.skip(name, `not from the registry (${JSON.stringify(resolution)})`, line);
        }
        else {
            out.add(name, pinned, line, { dev: field(entry, 'dev') === true });
        }
    }
    return out.build();
}
function splitKey(key) {
    const bare = key.startsWith('/') ? key.slice(1) : key;
    const at = bare.indexOf('@', 1);
    if (at < 0)
        return undefined;
    return { name: bare.slice(0, at), version: bare.slice(at + 1).replace(/\(.*$/, '') };
}
function splitV5Key(key) {
    const parts = (key.startsWith('/') ? key.slice(1) : key).split('/');
    if (parts.length < 2)
        return undefined;
    const last = parts.pop();
    return { name: parts.join('/'), version: last.replace(/_.*$/, '') };
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/lockfiles/poetry-lock.ts


const LOCAL_SOURCES = new Set(['git', 'directory', 'file', 'url']);
/** poetry.lock, lock-version 1.x (`category`) and 2.x (`groups`); git, path and URL sources are not registry releases. */
function parsePoetryLock(file, text) {
    const out = new LockfileBuilder(file, 'poetry.lock', 'PyPI');
    for (const { table, line } of parseTomlPackages(file, text).packages) {
        const name = stringField(table, 'name') ?? '(unnamed)';
        const version = stringField(table, 'version');
        const sourceType = stringField(field(table, 'source'), 'type');
        const groups = field(table, 'groups');
        const dev = stringField(table, 'category') === 'dev' || (Array.isArray(groups) && !groups.includes('main'));
        if (sourceType && LOCAL_SOURCES.has(sourceType))
            out.skip(name, `a ${sourceType} source, not a registry release`, line);
        else if (!version)
            out.skip(name, 'no version recorded', line);
        else
            out.add(name, version, line, { dev });
    }
    return out.build();
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/lockfiles/requirements-txt.ts



const REQUIREMENT = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/;
const IGNORED_OPTIONS = /^(-i|--index-url|--extra-index-url|-f|--find-links|--trusted-host|--pre|--no-binary|--only-binary|--prefer-binary|--require-hashes|--no-index|--use-feature|-c|--constraint)\b/;
/**
 * requirements.txt as pip reads it: continuations, comments, `-r` includes (followed), options
 * (ignored), environment markers and `--hash`. Only `==`/`===` pins can be checked; anything else is
 * reported as unpinned. Constraint files (`-c`) pin nothing by themselves and are not followed.
 */
async function parseRequirements(file, text, readRelated) {
    const out = new LockfileBuilder(file, 'requirements.txt', 'PyPI');
    const seen = new Set([file]);
    await parseInto(out, file, text, readRelated, seen);
    return out.build();
}
async function parseInto(out, file, text, readRelated, seen) {
    for (const { content, line } of logicalLines(text)) {
        const include = content.match(/^(?:-r|--requirement)(?:\s+|=)(\S+)/);
        if (include) {
            const target = external_node_path_.posix.normalize(external_node_path_.posix.join(external_node_path_.posix.dirname(file), include[1]));
            if (seen.has(target))
                continue;
            seen.add(target);
            const related = await readRelated(target);
            if (related === undefined)
                throw new LockfileError(file, `includes ${include[1]}, which does not exist`, line);
            await parseInto(out, target, related, readRelated, seen);
            continue;
        }
        if (/^(-e|--editable)\b/.test(content)) {
            out.skip(content.replace(/^(-e|--editable)[\s=]+/, ''), 'an editable install, not a registry release', line, file);
            continue;
        }
        if (content.startsWith('-') || IGNORED_OPTIONS.test(content))
            continue;
        if (/^(https?|git\+|file):/.test(content) || content.startsWith('.') || content.startsWith('/')) {
            out.skip(content, 'a URL or path, not a registry release', line, file);
            continue;
        }
        const match = content.match(REQUIREMENT);
        if (!match)
            throw new LockfileError(file, `cannot read the requirement \`${content.slice(0, 80)}\``, line);
        const name = match[1];
        const rest = (match[3] ?? '').split(';')[0].replace(/\s--hash[=\s]\S+/g, '').trim();
        if (rest.startsWith('@')) {
            out.skip(name, `a direct reference (${rest.slice(1).trim()}), not a registry release`, line, file);
            continue;
        }
        const pin = rest.match(/^={2,3}\s*([^\s,*]+)$/);
        if (pin)
            out.add(name, pin[1], line, { file });
        else
            out.unpinned(name, rest, line, file);
    }
}
/** Joins backslash continuations and strips comments, keeping the line each requirement starts on. */
function logicalLines(text) {
    const result = [];
    let buffer = '';
    let start = 0;
    text.split(/\r?\n/).forEach((raw, index) => {
        if (buffer === '')
            start = index + 1;
        const withoutComment = raw.replace(/(^|\s)#.*$/, '');
        if (withoutComment.endsWith('\\')) {
            buffer += `${withoutComment.slice(0, -1)} `;
            return;
        }
        const content = (buffer + withoutComment).trim();
        buffer = '';
        if (content)
            result.push({ content, line: start });
    });
    if (buffer.trim())
        result.push({ content: buffer.trim(), line: start });
    return result;
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/lockfiles/uv-lock.ts


/** uv.lock: only `source = { registry = ... }` packages are releases; the project itself is `virtual` or `editable`. */
function parseUvLock(file, text) {
    const out = new LockfileBuilder(file, 'uv.lock', 'PyPI');
    for (const { table, line } of parseTomlPackages(file, text).packages) {
        const name = stringField(table, 'name') ?? '(unnamed)';
        const version = stringField(table, 'version');
        const source = field(table, 'source');
        const kind = source && typeof source === 'object' ? Object.keys(source)[0] : undefined;
        if (kind !== 'registry')
            out.skip(name, `a ${kind ?? 'local'} source, not a registry release`, line);
        else if (!version)
            out.skip(name, 'no version recorded', line);
        else
            out.add(name, version, line);
    }
    return out.build();
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/lockfiles/yarn-lock.ts




const NON_REGISTRY_RANGE = /^(file:|link:|portal:|workspace:|patch:|exec:|git\+|git:|github:|https?:)/;
/** yarn.lock: classic (v1, its own format) and berry (2+, YAML with `__metadata`). */
function parseYarnLock(file, text) {
    return /^__metadata:/m.test(text) ? parseBerry(file, text) : parseClassic(file, text);
}
/** Splits `name@range` (the name may be scoped); an `npm:` alias resolves to the real package name. */
function splitDescriptor(descriptor) {
    const at = descriptor.indexOf('@', 1);
    if (at < 0)
        return { name: descriptor, range: '' };
    let name = descriptor.slice(0, at);
    let range = descriptor.slice(at + 1);
    if (range.startsWith('npm:')) {
        range = range.slice(4);
        const inner = range.lastIndexOf('@');
        if (inner > 0) {
            name = range.slice(0, inner);
            range = range.slice(inner + 1);
        }
    }
    return { name, range };
}
function parseClassic(file, text) {
    const out = new LockfileBuilder(file, 'yarn.lock', 'npm');
    let current;
    const flush = () => {
        if (!current)
            return;
        const { name, range } = splitDescriptor(current.descriptor);
        if (NON_REGISTRY_RANGE.test(range) || (current.resolved && !/^https?:\/\//.test(current.resolved))) {
            out.skip(name, `not from the registry (${current.resolved ?? range})`, current.line);
        }
        else if (!current.version || !semver_default().valid(current.version)) {
            out.skip(name, `version ${current.version ?? '(none)'} is not a registry version`, current.line);
        }
        else {
            out.add(name, current.version, current.line);
        }
        current = undefined;
    };
    const lines = text.split(/\r?\n/);
    lines.forEach((raw, index) => {
        if (raw.trim() === '' || raw.startsWith('#'))
            return;
        if (!raw.startsWith(' ')) {
            flush();
            if (!raw.endsWith(':'))
                throw new LockfileError(file, `unexpected line \`${raw.slice(0, 80)}\``, index + 1);
            const first = raw.slice(0, -1).split(/,\s*/)[0] ?? '';
            current = { descriptor: first.replace(/^"|"$/g, ''), line: index + 1 };
            return;
        }
        const property = raw.match(/^ {2}(version|resolved) "?([^"]*)"?\s*$/);
        if (property && current)
            current[property[1]] = property[2];
    });
    flush();
    return out.build();
}
function parseBerry(file, text) {
    const out = new LockfileBuilder(file, 'yarn.lock', 'npm');
    const lineCounter = new yaml_dist/* LineCounter */.HN();
    const doc = (0,yaml_dist/* parseDocument */.Tp)(text, { lineCounter });
    if (doc.errors.length > 0) {
        const error = doc.errors[0];
        throw new LockfileError(file, `is not valid YAML (${error.message.split('\n')[0]})`, lineCounter.linePos(error.pos[0]).line);
    }
    if (!(0,yaml_dist/* isMap */.jh)(doc.contents))
        throw new LockfileError(file, 'is not a yarn lockfile');
    for (const pair of doc.contents.items) {
        const key = (0,yaml_dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : '';
        if (key === '__metadata')
            continue;
        const line = (0,yaml_dist/* isScalar */.jn)(pair.key) && pair.key.range ? lineCounter.linePos(pair.key.range[0]).line : undefined;
        const entry = (0,yaml_dist/* isMap */.jh)(pair.value) ? pair.value.toJSON() : undefined;
        const resolution = stringField(entry, 'resolution') ?? '';
        const version = stringField(entry, 'version') ?? String(entry?.version ?? '');
        const at = resolution.indexOf('@', 1);
        const name = at > 0 ? resolution.slice(0, at) : key;
        const protocol = at > 0 ? resolution.slice(at + 1) : '';
        if (!protocol.startsWith('npm:')) {
            out.skip(name, protocol.startsWith('patch:') ? 'a patched copy (the original is listed separately)' : `not from the registry (${resolution})`, line);
        }
        else if (!semver_default().valid(version)) {
            out.skip(name, `version ${version} is not a registry version`, line);
        }
        else {
            out.add(name, version, line);
        }
    }
    return out.build();
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/lockfiles/parse-lockfile.ts













const EXACT_NAMES = {
    'package-lock.json': 'package-lock.json',
    'npm-shrinkwrap.json': 'npm-shrinkwrap.json',
    'pnpm-lock.yaml': 'pnpm-lock.yaml',
    'yarn.lock': 'yarn.lock',
    'poetry.lock': 'poetry.lock',
    'Pipfile.lock': 'Pipfile.lock',
    'uv.lock': 'uv.lock',
    'composer.lock': 'composer.lock',
    'go.mod': 'go.mod',
    'Cargo.lock': 'Cargo.lock',
    'Gemfile.lock': 'Gemfile.lock',
    'gems.locked': 'Gemfile.lock',
};
/** The format of a lockfile from its path, or undefined when the file is not one. */
function lockfileFormat(path) {
    const name = external_node_path_.posix.basename(path.replaceAll('\\', '/'));
    const exact = EXACT_NAMES[name];
    if (exact)
        return exact;
    if (/^requirements([-_.][\w.-]+)?\.txt$/i.test(name))
        return 'requirements.txt';
    if (/(^|\/)requirements\/[^/]+\.txt$/i.test(path))
        return 'requirements.txt';
    return undefined;
}
/**
 * Parses one lockfile. `file` is its path relative to the scanned root (used in every location);
 * `readRelated` reads files it refers to (requirements includes, go.sum), by root-relative path.
 */
async function parseLockfile(file, text, readRelated, format = lockfileFormat(file)) {
    switch (format) {
        case 'package-lock.json':
        case 'npm-shrinkwrap.json':
            return parsePackageLock(file, text, format);
        case 'pnpm-lock.yaml':
            return parsePnpmLock(file, text);
        case 'yarn.lock':
            return parseYarnLock(file, text);
        case 'requirements.txt':
            return parseRequirements(file, text, readRelated);
        case 'poetry.lock':
            return parsePoetryLock(file, text);
        case 'Pipfile.lock':
            return parsePipfileLock(file, text);
        case 'uv.lock':
            return parseUvLock(file, text);
        case 'composer.lock':
            return parseComposerLock(file, text);
        case 'go.mod':
            return parseGoMod(file, text, readRelated);
        case 'Cargo.lock':
            return parseCargoLock(file, text);
        case 'Gemfile.lock':
            return parseGemfileLock(file, text);
        default:
            throw new src/* ConfigurationError */.j1(`${file} is not a lockfile this audit reads (expected one of ${[...new Set(Object.values(EXACT_NAMES))].join(', ')} or requirements*.txt)`);
    }
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/lockfiles/discover.ts



/** Directory names never searched: installed dependencies and VCS data, not the project's own lockfiles. */
const SKIPPED_DIRECTORIES = ['node_modules', 'vendor', '.git', '.hg', '.svn', '.venv', 'venv', '__pycache__'];
/** Lockfiles under `root` (relative paths, forward slashes, sorted), skipping node_modules, vendor and VCS folders. */
async function discoverLockfiles(root, options = {}) {
    const skip = new Set([...SKIPPED_DIRECTORIES, ...(options.skipDirectories ?? [])]);
    const found = [];
    const base = (0,external_node_path_.resolve)(root);
    const walk = async (dir) => {
        const entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
        for (const entry of entries) {
            const full = (0,external_node_path_.join)(dir, entry.name);
            if (entry.isDirectory()) {
                if (!skip.has(entry.name))
                    await walk(full);
            }
            else if (entry.isFile()) {
                const rel = (0,external_node_path_.relative)(base, full).split(external_node_path_.sep).join('/');
                const format = lockfileFormat(rel);
                if (format)
                    found.push(rel);
            }
        }
    };
    await walk(base);
    return found.sort();
}
/** Reads a root-relative file, or undefined when it does not exist. */
function fileReader(root) {
    return async (path) => {
        try {
            return await (0,promises_.readFile)((0,external_node_path_.join)(root, ...path.split(external_node_path_.posix.sep)), 'utf8');
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return undefined;
            throw error;
        }
    };
}
/** Discovers and parses every lockfile under `root` (or just `files`, root-relative). */
async function readLockfiles(root, files, options = {}) {
    const read = fileReader(root);
    const paths = files ?? (await discoverLockfiles(root, options));
    const parsed = [];
    for (const file of paths) {
        const text = await read(file);
        if (text === undefined)
            throw new Error(`${file} disappeared while it was being read`);
        parsed.push(await parseLockfile(file, text, read));
    }
    return parsed;
}

// EXTERNAL MODULE: ./node_modules/.pnpm/@renovatebot+pep440@5.0.1/node_modules/@renovatebot/pep440/index.js + 4 modules
var pep440 = __webpack_require__(4632);
;// CONCATENATED MODULE: ./packages/dependency-audit/src/versions/composer-version.ts
const STABILITY = { dev: 0, alpha: 1, a: 1, beta: 2, b: 2, rc: 3, '': 4, stable: 4, patch: 5, pl: 5, p: 5 };
/** Compares Packagist versions the way Composer normalizes them: `v` prefix, up to four numbers, then stability. */
function compareComposerVersions(a, b) {
    const x = normalize(a);
    const y = normalize(b);
    for (let i = 0; i < 4; i++) {
        const d = (x.numbers[i] ?? 0) - (y.numbers[i] ?? 0);
        if (d !== 0)
            return Math.sign(d);
    }
    if (x.stability !== y.stability)
        return Math.sign(x.stability - y.stability);
    return Math.sign(x.stabilityNumber - y.stabilityNumber);
}
function normalize(version) {
    const match = version.trim().toLowerCase().replace(/^v/, '').match(/^(\d+(?:\.\d+){0,3})(?:[-._]?([a-z]+)[-._]?(\d+)?)?/);
    if (!match)
        return { numbers: [], stability: 4, stabilityNumber: 0 };
    return {
        numbers: match[1].split('.').map(Number),
        stability: STABILITY[match[2] ?? ''] ?? 4,
        stabilityNumber: Number(match[3] ?? 0),
    };
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/versions/generic-version.ts
/** A fallback order for versions no ecosystem rule could read: numeric runs compare as numbers, text as text. */
function compareGenericVersions(a, b) {
    const pa = a.match(/\d+|[a-z]+/gi) ?? [];
    const pb = b.match(/\d+|[a-z]+/gi) ?? [];
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const x = pa[i];
        const y = pb[i];
        if (x === y)
            continue;
        if (x === undefined)
            return /^\d+$/.test(y) ? -1 : 1;
        if (y === undefined)
            return /^\d+$/.test(x) ? 1 : -1;
        const nx = /^\d+$/.test(x);
        const ny = /^\d+$/.test(y);
        if (nx && ny)
            return Math.sign(Number(x) - Number(y));
        if (nx !== ny)
            return nx ? 1 : -1;
        return x < y ? -1 : 1;
    }
    return 0;
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/versions/ruby-version.ts
/** Compares RubyGems versions as Gem::Version does: numeric segments, and letters start a prerelease. */
function compareRubyVersions(a, b) {
    const sa = segments(a);
    const sb = segments(b);
    for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
        const x = sa[i] ?? 0;
        const y = sb[i] ?? 0;
        if (x === y)
            continue;
        if (typeof x === 'string' && typeof y === 'number')
            return -1;
        if (typeof x === 'number' && typeof y === 'string')
            return 1;
        return x < y ? -1 : 1;
    }
    return 0;
}
function segments(version) {
    const parts = version.trim().replace(/-/g, '.pre.').match(/[0-9]+|[a-z]+/gi) ?? [];
    const result = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    // Gem::Version drops trailing zeros before a prerelease, so 1.0.a == 1.a.
    while (result.length > 1 && result.at(-1) === 0)
        result.pop();
    return result;
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/versions/compare-versions.ts





function compareSemver(a, b) {
    const x = semver_default().valid(a.replace(/^v/, ''), { loose: true });
    const y = semver_default().valid(b.replace(/^v/, ''), { loose: true });
    return x && y ? semver_default().compare(x, y, { loose: true }) : compareGenericVersions(a, b);
}
function comparePypi(a, b) {
    return (0,pep440/* valid */.rZ)(a) && (0,pep440/* valid */.rZ)(b) ? (0,pep440/* compare */.UD)(a, b) : compareGenericVersions(a, b);
}
/**
 * The order of versions in `ecosystem`: semver for npm, crates.io and Go (`v` prefix and
 * pseudo-versions included), PEP 440 for PyPI, Gem::Version for RubyGems, Composer's normalization
 * for Packagist. `rangeType` SEMVER forces semver whatever the ecosystem, as OSV specifies.
 */
function versionComparator(ecosystem, rangeType = 'ECOSYSTEM') {
    if (rangeType === 'SEMVER')
        return compareSemver;
    switch (ecosystem) {
        case 'npm':
        case 'crates.io':
        case 'Go':
            return compareSemver;
        case 'PyPI':
            return comparePypi;
        case 'RubyGems':
            return compareRubyVersions;
        case 'Packagist':
            return compareComposerVersions;
        default:
            return compareGenericVersions;
    }
}
/** The version as OSV knows it: Go and Packagist versions without their `v` prefix. */
function osvVersion(ecosystem, version) {
    return (ecosystem === 'Go' || ecosystem === 'Packagist') && /^v\d/.test(version) ? version.slice(1) : version;
}
/** A package name as OSV matches it: PEP 503 normalization for PyPI, lower case for Packagist. */
function osvPackageName(ecosystem, name) {
    if (ecosystem === 'PyPI')
        return name.toLowerCase().replace(/[-_.]+/g, '-');
    if (ecosystem === 'Packagist')
        return name.toLowerCase();
    return name;
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/osv/affected-ranges.ts

/** The `affected` entries of a record that are about this package (ecosystem suffixes like `Debian:12` never match). */
function affectedEntriesFor(vulnerability, pkg) {
    const name = osvPackageName(pkg.ecosystem, pkg.name);
    return (vulnerability.affected ?? []).filter((a) => a.package?.ecosystem === pkg.ecosystem && osvPackageName(pkg.ecosystem, a.package.name) === name);
}
function eventVersion(e) {
    return e.introduced ?? e.fixed ?? e.last_affected ?? e.limit ?? '';
}
function sortedEvents(events, compare) {
    return [...events].sort((a, b) => {
        const va = eventVersion(a);
        const vb = eventVersion(b);
        if (va === vb)
            return 0;
        if (a.introduced === '0')
            return -1;
        if (b.introduced === '0')
            return 1;
        return compare(va, vb);
    });
}
/** Walks one range's events (OSV's evaluation) and returns whether `version` is affected and the fix that ends its span. */
function evaluateRange(events, version, compare) {
    let affected = false;
    const limits = events.filter((e) => e.limit !== undefined);
    if (limits.some((e) => e.limit !== '*' && compare(version, e.limit) >= 0))
        return { affected: false };
    for (const e of sortedEvents(events.filter((ev) => ev.limit === undefined), compare)) {
        if (e.introduced !== undefined) {
            if (e.introduced === '0' || compare(version, e.introduced) >= 0)
                affected = true;
        }
        else if (e.fixed !== undefined) {
            if (compare(version, e.fixed) >= 0)
                affected = false;
            else if (affected)
                return { affected: true, fixed: e.fixed };
        }
        else if (e.last_affected !== undefined) {
            if (compare(version, e.last_affected) > 0)
                affected = false;
            else if (affected)
                return { affected: true };
        }
    }
    return { affected };
}
/**
 * Whether `pkg` is affected by the record: listed in `versions`, or inside a SEMVER or ECOSYSTEM
 * range. GIT ranges name commits, which lockfiles do not give, and are not evaluated.
 */
function isAffected(vulnerability, pkg) {
    return affectedEntriesFor(vulnerability, pkg).some((entry) => {
        if (entry.versions?.includes(pkg.version))
            return true;
        return (entry.ranges ?? []).some((range) => (range.type === 'SEMVER' || range.type === 'ECOSYSTEM') && evaluateRange(range.events, pkg.version, versionComparator(pkg.ecosystem, range.type)).affected);
    });
}
/**
 * The version that fixes `pkg` according to the record: the `fixed` event closing the range that
 * contains its version (so a 1.x user is told 1.6.1, not the 0.x branch's 0.6.14). Undefined when no
 * fix is known.
 */
function fixedVersionFor(vulnerability, pkg) {
    for (const entry of affectedEntriesFor(vulnerability, pkg)) {
        for (const range of entry.ranges ?? []) {
            if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM')
                continue;
            const result = evaluateRange(range.events, pkg.version, versionComparator(pkg.ecosystem, range.type));
            if (result.affected && result.fixed)
                return result.fixed;
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/pr-diff.ts




/** The identity of a package version for comparing base and head. */
function packageKey(p) {
    return `${p.ecosystem}|${osvPackageName(p.ecosystem, p.name)}|${p.version}`;
}
/** The identity of an unpinned requirement for comparing base and head. */
function unpinnedKey(u) {
    return `${u.ecosystem}|${osvPackageName(u.ecosystem, u.name)}|${u.specifier}`;
}
async function git(cwd, args) {
    return (0,src/* runCommand */.d1)('git', args, { cwd, check: false, timeoutMs: 60_000 });
}
/**
 * Reads every lockfile as it was at `base` with `git show`, locally: no GitHub API. Fails when the
 * base is not in the clone (shallow checkout) or is the commit being scanned, because either would
 * make the comparison pass without checking anything.
 */
async function readBaseSnapshot(root, lockfiles, base) {
    const absRoot = (0,external_node_path_.resolve)(root);
    const top = await git(absRoot, ['rev-parse', '--show-toplevel']);
    if (top.exitCode !== 0)
        throw new src/* ConfigurationError */.j1(`Comparing with the base ${base} needs a git repository, but ${root} is not inside one.`);
    const topLevel = top.stdout.trim();
    const resolved = await git(absRoot, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]);
    if (resolved.exitCode !== 0) {
        throw new src/* ConfigurationError */.j1(`The base ${base} is not in this clone, so the lockfiles cannot be compared with it. Fetch it first (actions/checkout with fetch-depth: 0, or git fetch origin ${base}).`);
    }
    const commit = resolved.stdout.trim();
    const head = await git(absRoot, ['rev-parse', 'HEAD']);
    if (head.exitCode === 0 && head.stdout.trim() === commit) {
        throw new src/* ConfigurationError */.j1(`The base ${base} is the commit being scanned (${commit.slice(0, 12)}): comparing a commit with itself would report nothing. Pass the pull request's base SHA (or the merge group's base_sha).`);
    }
    const rootInRepo = (0,external_node_path_.relative)(topLevel, absRoot).split(external_node_path_.sep).join('/');
    const readAtBase = async (file) => {
        const path = external_node_path_.posix.join(rootInRepo || '.', file);
        const shown = await git(absRoot, ['show', `${commit}:${path.startsWith('./') ? path.slice(2) : path}`]);
        if (shown.exitCode === 0)
            return shown.stdout;
        if (/does not exist|exists on disk, but not in/.test(shown.stderr))
            return undefined;
        throw new src/* ConfigurationError */.j1(`Reading ${file} at ${base} failed: ${shown.stderr.trim().split('\n').at(-1)}`);
    };
    const packages = new Map();
    const unpinned = new Map();
    for (const lockfile of lockfiles) {
        const text = await readAtBase(lockfile.file);
        if (text === undefined) {
            packages.set(lockfile.file, new Set());
            unpinned.set(lockfile.file, new Set());
            continue;
        }
        const parsed = await parseLockfile(lockfile.file, text, readAtBase, lockfile.format);
        packages.set(lockfile.file, new Set(parsed.packages.map(packageKey)));
        unpinned.set(lockfile.file, new Set(parsed.unpinned.map(unpinnedKey)));
    }
    return { ref: base, commit, packages, unpinned };
}
/** Keeps only what the head adds compared with the base snapshot. */
function introducedSince(lockfiles, base) {
    return lockfiles.map((lockfile) => {
        const basePackages = base.packages.get(lockfile.file) ?? new Set();
        const baseUnpinned = base.unpinned.get(lockfile.file) ?? new Set();
        return {
            ...lockfile,
            packages: lockfile.packages.filter((p) => !basePackages.has(packageKey(p))),
            unpinned: lockfile.unpinned.filter((u) => !baseUnpinned.has(unpinnedKey(u))),
        };
    });
}

// EXTERNAL MODULE: ./node_modules/.pnpm/ae-cvss-calculator@1.0.13/node_modules/ae-cvss-calculator/dist/ae-cvss-calculator.js
var ae_cvss_calculator = __webpack_require__(1570);
var ae_cvss_calculator_default = /*#__PURE__*/__webpack_require__.n(ae_cvss_calculator);
;// CONCATENATED MODULE: ./packages/dependency-audit/src/severity.ts

// Node loads this UMD bundle as CommonJS (names under `default`); ncc/webpack exposes the names directly.
const cvssDefault = (ae_cvss_calculator_default());
const cvssCalculator = cvssDefault?.Cvss3P1 ? cvssDefault : ae_cvss_calculator;
/** The qualitative rating of a CVSS base score (FIRST's scale; 0.0 "none" counts as low). */
function severityFromScore(score) {
    if (score >= 9)
        return 'critical';
    if (score >= 7)
        return 'high';
    if (score >= 4)
        return 'medium';
    return 'low';
}
/** The base score of a CVSS v2, v3.0, v3.1 or v4.0 vector, or undefined when the vector is not valid. */
function cvssBaseScore(vector) {
    const v = vector.trim();
    let version;
    let score;
    try {
        if (v.startsWith('CVSS:4.0/'))
            [version, score] = ['4.0', new cvssCalculator.Cvss4P0(v).calculateScores().base];
        else if (v.startsWith('CVSS:3.1/'))
            [version, score] = ['3.1', new cvssCalculator.Cvss3P1(v).calculateScores().base];
        else if (v.startsWith('CVSS:3.0/'))
            [version, score] = ['3.0', new cvssCalculator.Cvss3P0(v).calculateScores().base];
        else if (/^\(?AV:[LAN]\/AC:[HML]\/Au:[MSN]/.test(v))
            [version, score] = ['2.0', new cvssCalculator.Cvss2(v).calculateScores().base];
        else
            return undefined;
    }
    catch {
        return undefined;
    }
    return typeof score === 'number' && Number.isFinite(score) ? { version, score } : undefined;
}
const DATABASE_RATINGS = {
    CRITICAL: 'critical',
    HIGH: 'high',
    MODERATE: 'medium',
    MEDIUM: 'medium',
    LOW: 'low',
};
/**
 * The severity of one OSV record: the base score of its CVSS v4 vector, else v3, else the
 * database's own rating (`database_specific.severity`, as GHSA records carry, or the same inside an
 * `affected` entry), else CVSS v2. Undefined when the record rates nothing (Go vulndb records).
 */
function rateVulnerability(vulnerability) {
    const vectors = [...(vulnerability.severity ?? []), ...(vulnerability.affected ?? []).flatMap((a) => a.severity ?? [])];
    for (const type of ['CVSS_V4', 'CVSS_V3']) {
        for (const entry of vectors.filter((s) => s.type === type)) {
            const scored = cvssBaseScore(entry.score);
            if (scored) {
                return {
                    severity: severityFromScore(scored.score),
                    source: type === 'CVSS_V4' ? 'cvss_v4' : 'cvss_v3',
                    cvss: { version: scored.version, vector: entry.score, score: scored.score },
                };
            }
        }
    }
    const ratings = [
        vulnerability.database_specific?.severity,
        ...(vulnerability.affected ?? []).flatMap((a) => [a.database_specific?.severity, a.ecosystem_specific?.severity]),
    ];
    for (const rating of ratings) {
        const mapped = typeof rating === 'string' ? DATABASE_RATINGS[rating.toUpperCase()] : undefined;
        if (mapped)
            return { severity: mapped, source: 'database' };
    }
    for (const entry of vectors.filter((s) => s.type === 'CVSS_V2')) {
        const scored = cvssBaseScore(entry.score);
        if (scored)
            return { severity: severityFromScore(scored.score), source: 'cvss_v2', cvss: { version: '2.0', vector: entry.score, score: scored.score } };
    }
    return undefined;
}
/** Orders severities from the most serious; negative when `a` is more serious. */
function compareSeverity(a, b) {
    const order = ['critical', 'high', 'medium', 'low'];
    return order.indexOf(a) - order.indexOf(b);
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/audit.ts







/**
 * Reads the lockfiles under `root`, looks every pinned package version up in `source`, and returns
 * one finding per vulnerability (aliases such as a GHSA and its PYSEC twin count once) per package
 * version per lockfile, plus one per unpinned requirement. Throws a ConfigurationError when a
 * lockfile cannot be parsed, the advisory source cannot be used, or the PR base cannot be read:
 * a check that could not run never passes.
 */
async function auditDependencies(options) {
    const logger = options.logger ?? src/* silentLogger */.qq;
    let lockfiles = await readLockfiles(options.root, options.files, { skipDirectories: options.skipDirectories ?? [] });
    logger.info(`Found ${lockfiles.length} lockfile${lockfiles.length === 1 ? '' : 's'}${lockfiles.length ? `: ${lockfiles.map((l) => l.file).join(', ')}` : ''}.`);
    let base;
    if (options.base !== undefined) {
        const snapshot = await readBaseSnapshot(options.root, lockfiles, options.base);
        base = { ref: snapshot.ref, commit: snapshot.commit };
        lockfiles = introducedSince(lockfiles, snapshot);
        logger.info(`Comparing with ${options.base} (${snapshot.commit.slice(0, 12)}): only what the change introduces is reported.`);
    }
    const packages = uniquePackages(lockfiles);
    const vulnerabilities = packages.length > 0 ? await options.source.findVulnerabilities(packages) : [];
    const findings = [];
    const aliasRatings = new Map();
    for (const [index, pkg] of packages.entries()) {
        for (const group of groupByAliases(vulnerabilities[index] ?? [])) {
            findings.push(await vulnerabilityFinding(pkg, group, options, aliasRatings));
        }
    }
    for (const lockfile of lockfiles)
        for (const u of lockfile.unpinned)
            findings.push(unpinnedFinding(u, options.unpinnedSeverity ?? 'low'));
    findings.sort((a, b) => compareSeverity(a.severity, b.severity) || a.location.file.localeCompare(b.location.file) || (a.location.line ?? 0) - (b.location.line ?? 0));
    return {
        findings,
        lockfiles: lockfiles.map((l) => ({ file: l.file, format: l.format, packages: l.packages.length, unpinned: l.unpinned.length, skipped: l.skipped.length })),
        skipped: lockfiles.flatMap((l) => l.skipped),
        packagesChecked: new Set(packages.map((p) => `${p.ecosystem}|${osvPackageName(p.ecosystem, p.name)}|${p.version}`)).size,
        mode: base ? 'introduced' : 'all',
        ...(base ? { base } : {}),
        source: options.source.description,
        stats: options.source.stats,
    };
}
/** One entry per lockfile file, package and version: the first (lowest) line wins. */
function uniquePackages(lockfiles) {
    const seen = new Map();
    for (const lockfile of lockfiles) {
        for (const p of lockfile.packages) {
            const key = `${p.file}|${p.ecosystem}|${osvPackageName(p.ecosystem, p.name)}|${p.version}`;
            const current = seen.get(key);
            if (!current || (p.line ?? Infinity) < (current.line ?? Infinity))
                seen.set(key, p);
        }
    }
    return [...seen.values()];
}
/** Records that share an id or alias describe one vulnerability. */
function groupByAliases(records) {
    const parent = records.map((_, i) => i);
    const find = (i) => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    const owner = new Map();
    records.forEach((record, i) => {
        for (const id of [record.id, ...(record.aliases ?? [])]) {
            const other = owner.get(id);
            if (other === undefined)
                owner.set(id, i);
            else
                parent[find(i)] = find(other);
        }
    });
    const groups = new Map();
    records.forEach((record, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), record]));
    return [...groups.values()];
}
/** The id to report for a group: its GHSA id when it has one, so reports and SARIF rules stay stable across sources. */
function primaryId(group) {
    const ids = group.map((r) => r.id).sort();
    return ids.find((id) => id.startsWith('GHSA-')) ?? ids[0];
}
async function rateGroup(group, source, cache) {
    const rated = group.map(rateVulnerability).filter((r) => r !== undefined);
    if (rated.length > 0)
        return rated.sort((a, b) => compareSeverity(a.severity, b.severity))[0];
    // Go and some PYSEC records carry no rating; their GHSA alias usually does.
    const known = new Set(group.map((r) => r.id));
    for (const alias of group.flatMap((r) => r.aliases ?? []).filter((a) => a.startsWith('GHSA-') && !known.has(a))) {
        if (!cache.has(alias)) {
            const record = await source.getVulnerability(alias);
            cache.set(alias, record ? rateVulnerability(record) : undefined);
        }
        const rating = cache.get(alias);
        if (rating)
            return { ...rating, source: 'alias' };
    }
    return undefined;
}
async function vulnerabilityFinding(pkg, group, options, aliasRatings) {
    const id = primaryId(group);
    const primary = group.find((r) => r.id === id);
    const aliases = [...new Set(group.flatMap((r) => [r.id, ...(r.aliases ?? [])]))].filter((a) => a !== id).sort();
    const rating = await rateGroup(group, options.source, aliasRatings);
    const severity = rating?.severity ?? options.unratedSeverity ?? 'high';
    const compare = versionComparator(pkg.ecosystem);
    const fixes = group.map((r) => fixedVersionFor(r, pkg)).filter((v) => v !== undefined);
    const fixedVersion = fixes.sort(compare).at(-1);
    const summary = group.map((r) => r.summary).find(Boolean) ?? firstSentence(group.map((r) => r.details).find(Boolean));
    const cve = aliases.filter((a) => a.startsWith('CVE-'));
    const rated = rating?.cvss
        ? `CVSS ${rating.cvss.version} base score ${rating.cvss.score.toFixed(1)}`
        : rating
            ? rating.source === 'alias' ? 'rated through its GHSA alias' : "the advisory database's rating"
            : 'no rating published; treated as the configured default';
    const references = [
        `https://osv.dev/vulnerability/${id}`,
        ...group.flatMap((r) => (r.references ?? []).filter((ref) => ref.type === 'ADVISORY').map((ref) => ref.url)),
        ...group.flatMap((r) => (r.references ?? []).filter((ref) => ref.type === 'FIX' || ref.type === 'PACKAGE').map((ref) => ref.url)),
    ];
    const finding = {
        scanner: 'dependencies',
        kind: 'vulnerability',
        ruleId: `dependency/${id}`,
        severity,
        title: `${pkg.name} ${pkg.version}: ${summary ?? id}`,
        message: `${pkg.name} ${pkg.version} (${pkg.ecosystem}) is affected by ${id}${cve.length ? ` (${cve.join(', ')})` : ''}` +
            `${summary ? `: ${summary}` : ''}. Severity ${severity} (${rated}).` +
            (fixedVersion ? ` Fixed in ${fixedVersion}.` : ' No fixed version is known.'),
        location: { file: pkg.file, ...(pkg.line !== undefined ? { line: pkg.line } : {}) },
        fingerprint: fingerprint('dependency-vulnerability', pkg.file, pkg.ecosystem, osvPackageName(pkg.ecosystem, pkg.name), pkg.version, id),
        remediation: {
            summary: fixedVersion
                ? `Upgrade ${pkg.name} to ${fixedVersion} or later${pkg.file.endsWith('.lock') || pkg.file.endsWith('.json') || pkg.file.endsWith('.yaml') ? ' and regenerate the lockfile' : ''}.`
                : `No fixed release of ${pkg.name} is known: remove or replace it, or accept the risk in the baseline with a reason.`,
            ...(fixedVersion ? { fixedVersion } : {}),
            references: [...new Set(references)],
        },
        package: { name: pkg.name, version: pkg.version, ecosystem: pkg.ecosystem, ...(pkg.dev ? { dev: true } : {}) },
        advisory: {
            id,
            aliases,
            ...(summary ? { summary } : {}),
            ...(rating?.cvss ? { cvss: rating.cvss } : {}),
            severitySource: rating?.source ?? 'unrated',
            ...(primary.published ? { published: primary.published } : {}),
            modified: primary.modified,
            url: `https://osv.dev/vulnerability/${id}`,
        },
    };
    return finding;
}
function unpinnedFinding(u, severity) {
    const spec = u.specifier ? ` ${u.specifier}` : ' (no version)';
    return {
        scanner: 'dependencies',
        kind: 'unpinned',
        ruleId: 'dependency/unpinned-requirement',
        severity,
        title: `${u.name} is not pinned`,
        message: `${u.name}${spec} in ${u.file} names no exact version, so it cannot be checked against advisories and installs may differ between runs.`,
        location: { file: u.file, line: u.line },
        fingerprint: fingerprint('dependency-unpinned', u.file, u.ecosystem, osvPackageName(u.ecosystem, u.name), u.specifier),
        remediation: {
            summary: `Pin ${u.name} with == (pip-compile or uv pip compile write a fully pinned file).`,
            references: ['https://pip.pypa.io/en/stable/topics/repeatable-installs/'],
        },
        package: { name: u.name, version: u.specifier, ecosystem: u.ecosystem },
    };
}
function firstSentence(text) {
    if (!text)
        return undefined;
    const sentence = text.replace(/\s+/g, ' ').trim().match(/^(.{1,200}?[.!?])(\s|$)/)?.[1] ?? text.slice(0, 200);
    return sentence;
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./node_modules/.pnpm/undici@8.12.4/node_modules/undici/index.js
var undici = __webpack_require__(6226);
// EXTERNAL MODULE: ./node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(5048);
;// CONCATENATED MODULE: ./packages/dependency-audit/src/osv/osv-schema.ts

const osv_schema_event = schemas/* looseObject */._H3({
    introduced: schemas/* string */.YjP().optional(),
    fixed: schemas/* string */.YjP().optional(),
    last_affected: schemas/* string */.YjP().optional(),
    limit: schemas/* string */.YjP().optional(),
});
const severity = schemas/* looseObject */._H3({ type: schemas/* string */.YjP(), score: schemas/* string */.YjP() });
/** The parts of an OSV record (schema 1.x) the audit reads; other fields are kept as they are. */
const osvVulnerabilitySchema = schemas/* looseObject */._H3({
    id: schemas/* string */.YjP().min(1),
    modified: schemas/* string */.YjP(),
    published: schemas/* string */.YjP().optional(),
    withdrawn: schemas/* string */.YjP().optional(),
    aliases: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
    summary: schemas/* string */.YjP().optional(),
    details: schemas/* string */.YjP().optional(),
    severity: schemas/* array */.YOg(severity).optional(),
    affected: schemas/* array */.YOg(schemas/* looseObject */._H3({
        package: schemas/* looseObject */._H3({ ecosystem: schemas/* string */.YjP(), name: schemas/* string */.YjP() }).optional(),
        severity: schemas/* array */.YOg(severity).optional(),
        ranges: schemas/* array */.YOg(schemas/* looseObject */._H3({ type: schemas/* string */.YjP(), events: schemas/* array */.YOg(osv_schema_event) })).optional(),
        versions: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
        ecosystem_specific: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
        database_specific: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
    }))
        .optional(),
    references: schemas/* array */.YOg(schemas/* looseObject */._H3({ type: schemas/* string */.YjP().optional(), url: schemas/* string */.YjP() })).optional(),
    database_specific: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
});
/** The answer of `POST /v1/querybatch`. */
const queryBatchResponseSchema = schemas/* looseObject */._H3({
    results: schemas/* array */.YOg(schemas/* looseObject */._H3({
        vulns: schemas/* array */.YOg(schemas/* looseObject */._H3({ id: schemas/* string */.YjP(), modified: schemas/* string */.YjP().optional() })).optional(),
        next_page_token: schemas/* string */.YjP().optional(),
    })),
});

;// CONCATENATED MODULE: ./packages/dependency-audit/src/osv/osv-client.ts




/** The public OSV API. */
const DEFAULT_OSV_URL = 'https://api.osv.dev';
/** The most queries OSV accepts in one `querybatch` request. */
const MAX_BATCH_SIZE = 1000;
/** The OSV API could not be reached or kept failing: the dependency check did not run, so it fails (closed). */
class OsvUnavailableError extends src/* ConfigurationError */.j1 {
    name = 'OsvUnavailableError';
}
const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);
/** A client for the OSV API (`POST /v1/querybatch`, `GET /v1/vulns/{id}`) over undici, with retries and backoff. */
class OsvClient {
    baseUrl;
    #timeoutMs;
    #attempts;
    #baseDelayMs;
    #maxDelayMs;
    #batchSize;
    #logger;
    #dispatcher;
    #ownsDispatcher;
    /** Requests sent, retries included. */
    requests = 0;
    constructor(options = {}) {
        const base = options.baseUrl ?? DEFAULT_OSV_URL;
        let url;
        try {
            url = new URL(base);
        }
        catch {
            throw new src/* ConfigurationError */.j1(`The OSV API URL ${JSON.stringify(base)} is not a URL: expected something like ${DEFAULT_OSV_URL}.`);
        }
        if (url.protocol !== 'https:' && url.protocol !== 'http:')
            throw new src/* ConfigurationError */.j1(`The OSV API URL ${base} must be http(s).`);
        this.baseUrl = url.href.replace(/\/+$/, '');
        this.#timeoutMs = options.timeoutMs ?? 30_000;
        this.#attempts = Math.max(1, options.attempts ?? 4);
        this.#baseDelayMs = options.baseDelayMs ?? 1000;
        this.#maxDelayMs = options.maxDelayMs ?? 30_000;
        this.#batchSize = options.batchSize ?? MAX_BATCH_SIZE;
        if (this.#batchSize < 1 || this.#batchSize > MAX_BATCH_SIZE)
            throw new src/* ConfigurationError */.j1(`The OSV batch size must be between 1 and ${MAX_BATCH_SIZE}.`);
        this.#logger = options.logger ?? src/* silentLogger */.qq;
        this.#ownsDispatcher = options.dispatcher === undefined;
        this.#dispatcher = options.dispatcher ?? new undici/* Agent */.g6({ connect: { timeout: this.#timeoutMs }, keepAliveTimeout: 4000 });
    }
    /**
     * The vulnerabilities of each query (same order), asking at most 1000 queries per request and
     * following each result's `next_page_token` until every page is read.
     */
    async queryBatch(queries) {
        const results = queries.map(() => []);
        let pending = queries.map((query, index) => ({ index, query, pageToken: undefined }));
        while (pending.length > 0) {
            const next = [];
            for (let start = 0; start < pending.length; start += this.#batchSize) {
                const chunk = pending.slice(start, start + this.#batchSize);
                const body = {
                    queries: chunk.map(({ query, pageToken }) => ({
                        package: { name: query.name, ecosystem: query.ecosystem },
                        version: query.version,
                        ...(pageToken ? { page_token: pageToken } : {}),
                    })),
                };
                const json = await this.#send('POST', '/v1/querybatch', body);
                const parsed = queryBatchResponseSchema.safeParse(json);
                if (!parsed.success || parsed.data.results.length !== chunk.length) {
                    throw new OsvUnavailableError(`The OSV API at ${this.baseUrl} answered querybatch with ${parsed.success ? `${parsed.data.results.length} results for ${chunk.length} queries` : 'an unexpected shape'}; dependencies were not checked.`);
                }
                parsed.data.results.forEach((result, i) => {
                    const item = chunk[i];
                    for (const vuln of result.vulns ?? [])
                        results[item.index].push(vuln.modified ? { id: vuln.id, modified: vuln.modified } : { id: vuln.id });
                    if (result.next_page_token)
                        next.push({ ...item, pageToken: result.next_page_token });
                });
            }
            pending = next;
        }
        return results;
    }
    /** The full record of one vulnerability, or undefined when OSV has no record with that id (404). */
    async getVulnerability(id) {
        const json = await this.#send('GET', `/v1/vulns/${encodeURIComponent(id)}`, undefined, true);
        if (json === undefined)
            return undefined;
        const parsed = osvVulnerabilitySchema.safeParse(json);
        if (!parsed.success)
            throw new OsvUnavailableError(`The OSV API at ${this.baseUrl} answered /v1/vulns/${id} with something that is not an OSV record; dependencies were not checked.`);
        return parsed.data;
    }
    /** Closes the client's connections. */
    async close() {
        if (this.#ownsDispatcher)
            await this.#dispatcher.close();
    }
    async #send(method, path, body, allowNotFound = false) {
        const url = `${this.baseUrl}${path}`;
        let lastProblem = '';
        for (let attempt = 1; attempt <= this.#attempts; attempt++) {
            let waitMs = this.#backoff(attempt);
            this.requests += 1;
            try {
                const response = await (0,undici/* request */.Em)(url, {
                    method,
                    dispatcher: this.#dispatcher,
                    headers: { accept: 'application/json', 'user-agent': 'deploysafe-dependency-audit', ...(body ? { 'content-type': 'application/json' } : {}) },
                    ...(body ? { body: JSON.stringify(body) } : {}),
                    headersTimeout: this.#timeoutMs,
                    bodyTimeout: this.#timeoutMs,
                });
                const status = response.statusCode;
                if (status === 404 && allowNotFound) {
                    await response.body.dump();
                    return undefined;
                }
                if (RETRYABLE.has(status)) {
                    await response.body.dump();
                    lastProblem = `HTTP ${status}`;
                    const retryAfter = parseRetryAfter(response.headers['retry-after']);
                    if (retryAfter !== undefined)
                        waitMs = Math.min(retryAfter, this.#maxDelayMs);
                }
                else if (status >= 400) {
                    const text = (await response.body.text()).slice(0, 200);
                    throw new src/* ConfigurationError */.j1(`The OSV API at ${this.baseUrl} answered ${status} to ${method} ${path}${text ? `: ${text}` : ''}. Is the OSV URL the base of an OSV API (like ${DEFAULT_OSV_URL})?`);
                }
                else {
                    const text = await response.body.text();
                    try {
                        return JSON.parse(text);
                    }
                    catch {
                        throw new OsvUnavailableError(`The OSV API at ${this.baseUrl} answered ${method} ${path} with something that is not JSON; dependencies were not checked.`);
                    }
                }
            }
            catch (error) {
                if (error instanceof src/* ConfigurationError */.j1)
                    throw error;
                const code = error.code;
                lastProblem = code ? `${code}: ${error.message}` : error.message;
            }
            if (attempt < this.#attempts) {
                this.#logger.info(`OSV ${method} ${path} failed (${lastProblem}); retrying in ${Math.round(waitMs)} ms (try ${attempt + 1} of ${this.#attempts}).`);
                await (0,external_node_timers_promises_.setTimeout)(waitMs);
            }
        }
        throw new OsvUnavailableError(`The OSV API at ${this.baseUrl} could not be used (${lastProblem}) after ${this.#attempts} tries, so dependencies were not checked. ` +
            'Let the runner reach the API, point the OSV URL at a reachable mirror, or run offline with a directory of OSV records.');
    }
    #backoff(attempt) {
        const exponential = this.#baseDelayMs * 2 ** (attempt - 1);
        return Math.min(this.#maxDelayMs, exponential * (0.75 + Math.random() * 0.5));
    }
}
function parseRetryAfter(value) {
    const text = Array.isArray(value) ? value[0] : value;
    if (!text)
        return undefined;
    if (/^\d+(\.\d+)?$/.test(text.trim()))
        return Number(text) * 1000;
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/osv/vulnerability-cache.ts




/** A file name for an advisory id (ids are `[A-Za-z0-9-:._]`, but never trust a server with paths). */
function fileName(id) {
    return `${encodeURIComponent(id).replace(/^\.+/, '_')}.json`;
}
/** A cache in a local directory, one JSON record per file: for tests, local runs and as the body of the Actions cache. */
class DirectoryVulnerabilityCache {
    directory;
    /** Records written since this cache was created. */
    added = 0;
    constructor(directory) {
        this.directory = directory;
    }
    async get(id, modified) {
        let text;
        try {
            text = await (0,promises_.readFile)((0,external_node_path_.join)(this.directory, fileName(id)), 'utf8');
        }
        catch {
            return undefined;
        }
        try {
            const record = osvVulnerabilitySchema.parse(JSON.parse(text));
            return record.id === id && record.modified === modified ? record : undefined;
        }
        catch {
            // A damaged entry is a miss; the fresh copy overwrites it.
            return undefined;
        }
    }
    async set(vulnerability) {
        await (0,promises_.mkdir)(this.directory, { recursive: true });
        await (0,src/* writeFileAtomic */.Zf)((0,external_node_path_.join)(this.directory, fileName(vulnerability.id)), `${JSON.stringify(vulnerability)}\n`);
        this.added += 1;
    }
    /** The ids of the records held. */
    async ids() {
        try {
            return (await (0,promises_.readdir)(this.directory)).filter((f) => f.endsWith('.json')).map((f) => decodeURIComponent(f.slice(0, -5)));
        }
        catch {
            return [];
        }
    }
}
/** A cache that keeps nothing. */
const noVulnerabilityCache = {
    get: async () => undefined,
    set: async () => { },
};

;// CONCATENATED MODULE: ./packages/dependency-audit/src/osv/osv-api-source.ts




/** Advisories from the OSV API: one querybatch pass, then details by id, through the cache. */
class OsvApiSource {
    client;
    description;
    stats = { fetched: 0, cached: 0, requests: 0 };
    #cache;
    #concurrency;
    #logger;
    #records = new Map();
    #cacheLoaded = false;
    constructor(options = {}) {
        this.client = new OsvClient(options);
        this.description = `the OSV API at ${this.client.baseUrl}`;
        this.#cache = options.cache ?? noVulnerabilityCache;
        this.#concurrency = Math.max(1, options.concurrency ?? 8);
        this.#logger = options.logger ?? src/* silentLogger */.qq;
    }
    async findVulnerabilities(packages) {
        const keys = packages.map((p) => `${p.ecosystem}\u0000${osvPackageName(p.ecosystem, p.name)}\u0000${osvVersion(p.ecosystem, p.version)}`);
        const unique = new Map();
        packages.forEach((p, i) => unique.set(keys[i], { ecosystem: p.ecosystem, name: osvPackageName(p.ecosystem, p.name), version: osvVersion(p.ecosystem, p.version) }));
        const queryKeys = [...unique.keys()];
        this.#logger.info(`Asking ${this.description} about ${queryKeys.length} package versions.`);
        const refs = await this.client.queryBatch([...unique.values()]);
        const byKey = new Map(queryKeys.map((k, i) => [k, refs[i]]));
        const wanted = new Map();
        for (const list of refs)
            for (const ref of list)
                wanted.set(ref.id, ref.modified);
        await this.#loadCache();
        await this.#fetchAll([...wanted.entries()]);
        await this.#cache.persist?.();
        this.stats.requests = this.client.requests;
        return keys.map((key) => (byKey.get(key) ?? []).map((ref) => {
            const record = this.#records.get(ref.id);
            if (!record)
                throw new OsvUnavailableError(`The OSV API listed ${ref.id} but has no record for it; dependencies could not be fully checked.`);
            return record;
        }));
    }
    async getVulnerability(id) {
        if (this.#records.has(id))
            return this.#records.get(id);
        const record = await this.client.getVulnerability(id);
        this.stats.requests = this.client.requests;
        this.#records.set(id, record);
        if (record)
            this.stats.fetched += 1;
        return record;
    }
    /** Closes the HTTP connections. */
    close() {
        return this.client.close();
    }
    async #loadCache() {
        if (this.#cacheLoaded)
            return;
        this.#cacheLoaded = true;
        await this.#cache.load?.();
    }
    async #fetchAll(ids) {
        let next = 0;
        const worker = async () => {
            while (next < ids.length) {
                const [id, modified] = ids[next++];
                if (this.#records.has(id))
                    continue;
                const cached = modified ? await this.#cache.get(id, modified) : undefined;
                if (cached) {
                    this.#records.set(id, cached);
                    this.stats.cached += 1;
                    continue;
                }
                const record = await this.client.getVulnerability(id);
                this.#records.set(id, record);
                if (record) {
                    this.stats.fetched += 1;
                    await this.#cache.set(record);
                }
            }
        };
        await Promise.all(Array.from({ length: Math.min(this.#concurrency, ids.length) }, worker));
    }
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/osv/offline-source.ts






/**
 * Advisories from a directory of OSV JSON records (one per file, any depth, as the osv.dev
 * per-ecosystem exports unpack), matched locally against `affected` ranges and version lists.
 */
class OfflineOsvSource {
    description;
    stats = { fetched: 0, cached: 0, requests: 0 };
    #byPackage = new Map();
    #byId = new Map();
    constructor(directory, records) {
        this.description = `${records.length} offline OSV records in ${directory}`;
        for (const record of records) {
            this.#byId.set(record.id, record);
            if (record.withdrawn)
                continue;
            const keys = new Set((record.affected ?? []).filter((a) => a.package).map((a) => `${a.package.ecosystem}\u0000${osvPackageName(a.package.ecosystem, a.package.name)}`));
            for (const key of keys)
                this.#byPackage.set(key, [...(this.#byPackage.get(key) ?? []), record]);
        }
    }
    /** Reads every `*.json` under `directory`. An unreadable record or an empty directory is an error: it would pass everything. */
    static async load(directory) {
        const files = [];
        const walk = async (dir) => {
            let entries;
            try {
                entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
            }
            catch (error) {
                throw new src/* ConfigurationError */.j1(`The offline OSV directory ${directory} cannot be read (${error.code ?? error.message}).`);
            }
            for (const entry of entries) {
                const full = (0,external_node_path_.join)(dir, entry.name);
                if (entry.isDirectory())
                    await walk(full);
                else if (entry.isFile() && entry.name.endsWith('.json'))
                    files.push(full);
            }
        };
        await walk(directory);
        const records = [];
        for (const file of files.sort()) {
            let json;
            try {
                json = JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
            }
            catch (error) {
                throw new src/* ConfigurationError */.j1(`The offline OSV record ${(0,external_node_path_.relative)(directory, file)} is not valid JSON (${error.message}).`);
            }
            const parsed = osvVulnerabilitySchema.safeParse(json);
            if (!parsed.success)
                throw new src/* ConfigurationError */.j1(`The offline OSV record ${(0,external_node_path_.relative)(directory, file)} is not an OSV vulnerability (it needs at least \`id\` and \`modified\`).`);
            records.push(parsed.data);
        }
        if (records.length === 0)
            throw new src/* ConfigurationError */.j1(`The offline OSV directory ${directory} holds no OSV records (*.json); with no advisories every dependency would pass.`);
        return new OfflineOsvSource(directory, records);
    }
    async findVulnerabilities(packages) {
        return packages.map((pkg) => {
            const candidates = this.#byPackage.get(`${pkg.ecosystem}\u0000${osvPackageName(pkg.ecosystem, pkg.name)}`) ?? [];
            const version = osvVersion(pkg.ecosystem, pkg.version);
            return candidates.filter((record) => isAffected(record, { ...pkg, version }));
        });
    }
    async getVulnerability(id) {
        return this.#byId.get(id);
    }
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./node_modules/.pnpm/@actions+cache@6.3.0/node_modules/@actions/cache/lib/cache.js + 320 modules
var cache = __webpack_require__(4504);
;// CONCATENATED MODULE: ./packages/dependency-audit/src/osv/actions-vulnerability-cache.ts







/**
 * Vulnerability details kept across workflow runs in the GitHub Actions cache: restored (newest
 * entry with the key prefix) before the first lookup, saved under a new content-addressed key when
 * new records were fetched. Cache trouble only costs time: it is logged as a warning, never fails.
 */
class ActionsVulnerabilityCache {
    local;
    #keyPrefix;
    #logger;
    #backend;
    #restored = false;
    #restoredKey;
    constructor(options = {}) {
        const directory = (0,external_node_path_.resolve)(options.directory ?? (0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'deploysafe-osv-cache'));
        this.local = new DirectoryVulnerabilityCache(directory);
        this.#keyPrefix = options.keyPrefix ?? 'deploysafe-osv-v1-';
        this.#logger = options.logger ?? src/* silentLogger */.qq;
        this.#backend = options.backend ?? cache;
    }
    async load() {
        if (this.#restored)
            return;
        this.#restored = true;
        if (!this.#backend.isFeatureAvailable()) {
            this.#logger.debug('The Actions cache service is not available; vulnerability details are fetched without it.');
            return;
        }
        try {
            this.#restoredKey = await this.#backend.restoreCache([this.local.directory], `${this.#keyPrefix}latest`, [this.#keyPrefix]);
            this.#logger.debug(this.#restoredKey ? `Restored vulnerability details from cache ${this.#restoredKey}.` : 'No cached vulnerability details yet.');
        }
        catch (error) {
            this.#logger.warning(`Could not restore cached vulnerability details (${error.message}); fetching them instead.`);
        }
    }
    get(id, modified) {
        return this.local.get(id, modified);
    }
    set(vulnerability) {
        return this.local.set(vulnerability);
    }
    async persist() {
        if (this.local.added === 0 || !this.#backend.isFeatureAvailable())
            return;
        const key = `${this.#keyPrefix}${await this.#contentHash()}`;
        if (key === this.#restoredKey)
            return;
        try {
            await this.#backend.saveCache([this.local.directory], key);
            this.#restoredKey = key;
            this.local.added = 0;
            this.#logger.debug(`Saved vulnerability details to cache ${key}.`);
        }
        catch (error) {
            this.#logger.warning(`Could not save vulnerability details to the cache (${error.message}); the next run fetches them again.`);
        }
    }
    async #contentHash() {
        const hash = (0,external_node_crypto_.createHash)('sha256');
        for (const id of (await this.local.ids()).sort()) {
            const text = await (0,promises_.readFile)((0,external_node_path_.join)(this.local.directory, `${encodeURIComponent(id)}.json`), 'utf8').catch(() => '');
            hash.update(`${id}\u0000${text.length}\u0000`);
            const modified = text.match(/"modified":"([^"]*)"/)?.[1] ?? '';
            hash.update(`${modified}\n`);
        }
        return hash.digest('hex').slice(0, 32);
    }
}

;// CONCATENATED MODULE: ./packages/dependency-audit/src/index.ts
/** Severities from the most to the least serious. */

/** Audits every lockfile under a root against an advisory source; the main entry point. */

/** Finding lockfiles and parsing them without installing anything. */

/** Parses one lockfile's text; `lockfileFormat` tells which format a path is. */

/** Thrown when a lockfile cannot be parsed (a ConfigurationError: the audit fails closed). */

/** Advisories from the OSV API. */

/** Advisories from a directory of OSV records, matched locally. */

/** The OSV API client itself. */

/** Matching versions against OSV `affected` entries. */

/** Caches of vulnerability details across runs. */

/** The GitHub Actions cache, for vulnerability details across workflow runs. */

/** Severity from CVSS vectors and database ratings. */

/** Version order per ecosystem. */

/** Reading lockfiles as they were at a git ref, for pull request mode. */



/***/ })

};
