export const id = 99;
export const ids = [99];
export const modules = {

/***/ 77099:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ArtifactStorage: () => (/* binding */ ArtifactStorage)
/* harmony export */ });
/* harmony import */ var _actions_artifact__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83986);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _deploysafe_action_kit__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(69173);






/**
 * Objects as GitHub workflow artifacts through @actions/artifact: one artifact per object, so the
 * manifest artifact is uploaded (and finalized, which makes it visible) only after the object's.
 * The artifact API takes files, so objects are staged on local disk (constant memory, not constant disk).
 */
class ArtifactStorage {
    kind = 'artifact';
    isLocal = false;
    description;
    #options;
    #client = new _actions_artifact__WEBPACK_IMPORTED_MODULE_0__/* .DefaultArtifactClient */ .t9();
    constructor(options) {
        this.#options = options;
        this.description = `artifact:${options.name}${options.findBy ? ` (run ${options.findBy.workflowRunId})` : ''}`;
    }
    #artifactName(name) {
        return `${this.#options.name}-${name}`;
    }
    locationOf(name) {
        return `artifact ${this.#artifactName(name)}${this.#options.findBy ? ` of run ${this.#options.findBy.workflowRunId}` : ''}`;
    }
    #find() {
        return this.#options.findBy ? { findBy: this.#options.findBy } : {};
    }
    async #call(what, name, work) {
        try {
            return await work();
        }
        catch (error) {
            if (error instanceof _deploysafe_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .ConfigurationError */ .j1)
                throw error;
            throw new _deploysafe_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .ConfigurationError */ .j1(`Artifact ${what} of ${this.#artifactName(name)} failed: ${error.message}`);
        }
    }
    async #upload(name, fill) {
        if (this.#options.findBy)
            throw new _deploysafe_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .ConfigurationError */ .j1(`${this.description} is another run's artifacts: backups can only be written to the current run's.`);
        const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.#options.tempDir, 'db-backup-artifact-'));
        try {
            const path = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, name);
            await fill(path);
            await this.#call('upload', name, () => this.#client.uploadArtifact(this.#artifactName(name), [path], dir, {
                // The object is already compressed and encrypted; zip would only spend CPU.
                compressionLevel: 0,
                ...(this.#options.retentionDays ? { retentionDays: this.#options.retentionDays } : {}),
            }));
        }
        finally {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(dir, { recursive: true, force: true });
        }
    }
    async writeObject(name, body) {
        await this.#upload(name, (path) => (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)(body, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(path, { mode: 0o600 })));
    }
    async writeText(name, text) {
        await this.#upload(name, (path) => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(path, text, { mode: 0o600 }));
    }
    async #download(name) {
        const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.#options.tempDir, 'db-backup-artifact-'));
        try {
            const { artifact } = await this.#call('lookup', name, () => this.#client.getArtifact(this.#artifactName(name), this.#find()));
            await this.#call('download', name, () => this.#client.downloadArtifact(artifact.id, { path: dir, ...this.#find() }));
            return { dir, path: (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, name) };
        }
        catch (error) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(dir, { recursive: true, force: true });
            throw error;
        }
    }
    async readObject(name) {
        const { dir, path } = await this.#download(name);
        const stream = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(path);
        stream.once('close', () => void (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(dir, { recursive: true, force: true }));
        return stream;
    }
    async readText(name) {
        const { dir, path } = await this.#download(name);
        try {
            return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(path, 'utf8');
        }
        finally {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(dir, { recursive: true, force: true });
        }
    }
    async list() {
        const prefix = `${this.#options.name}-`;
        const { artifacts } = await this.#call('list', '*', () => this.#client.listArtifacts({ latest: true, ...this.#find() }));
        return artifacts
            .map((a) => a.name)
            .filter((n) => n.startsWith(prefix))
            .map((n) => n.slice(prefix.length))
            .sort();
    }
    async remove(name) {
        await this.#call('delete', name, () => this.#client.deleteArtifact(this.#artifactName(name), this.#find()));
    }
}


/***/ })

};
