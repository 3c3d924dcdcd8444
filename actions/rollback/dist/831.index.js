export const id = 831;
export const ids = [831];
export const modules = {

/***/ 23831:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S3Storage: () => (/* binding */ S3Storage)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(35347);
/* harmony import */ var _aws_sdk_lib_storage__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(43615);
/* harmony import */ var _deploysafe_action_kit__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(69173);
/* harmony import */ var _s3_layout_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(88270);




function describeError(error) {
    const e = error;
    const status = e.$metadata?.httpStatusCode ? ` (HTTP ${e.$metadata.httpStatusCode})` : '';
    return `${e.name ?? 'Error'}${status}: ${e.message ?? String(error)}`;
}
/** Objects in an S3-compatible bucket through @aws-sdk/client-s3; large objects go up as multipart uploads. */
class S3Storage {
    kind = 's3';
    isLocal = false;
    description;
    #client;
    #bucket;
    #prefix;
    constructor(options) {
        this.#bucket = options.bucket;
        this.#prefix = options.prefix;
        this.description = `s3://${options.bucket}${options.prefix ? `/${options.prefix}` : ''}`;
        const region = options.region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || (options.endpoint ? 'us-east-1' : undefined);
        if (!region)
            throw new _deploysafe_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`No S3 region for ${this.description}: set the input 's3-region' or AWS_REGION.`);
        const config = { region, forcePathStyle: options.forcePathStyle ?? false, maxAttempts: 5 };
        if (options.endpoint) {
            config.endpoint = options.endpoint;
            // Many S3-compatible servers reject the SDK's default CRC trailers; our own SHA-256 covers integrity end to end.
            config.requestChecksumCalculation = 'WHEN_REQUIRED';
            config.responseChecksumValidation = 'WHEN_REQUIRED';
        }
        if (options.credentials)
            config.credentials = options.credentials;
        this.#client = new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.S3Client(config);
    }
    #key(name) {
        return this.#prefix ? `${this.#prefix}/${name}` : name;
    }
    locationOf(name) {
        return `s3://${this.#bucket}/${this.#key(name)}`;
    }
    async #call(what, name, work) {
        try {
            return await work();
        }
        catch (error) {
            if (error instanceof _deploysafe_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1)
                throw error;
            throw new _deploysafe_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`S3 ${what} of ${this.locationOf(name)} failed: ${describeError(error)}`);
        }
    }
    async writeObject(name, body, options = {}) {
        const partSize = (0,_s3_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .choosePartSize */ .m)(options.sizeHint);
        // Memory is about queueSize × partSize: keep it small for huge parts.
        const queueSize = partSize > 64 * 1024 * 1024 ? 1 : 2;
        const upload = new _aws_sdk_lib_storage__WEBPACK_IMPORTED_MODULE_0__/* .Upload */ ._({
            client: this.#client,
            params: { Bucket: this.#bucket, Key: this.#key(name), Body: body, ContentType: 'application/octet-stream' },
            partSize,
            queueSize,
            leavePartsOnError: false,
        });
        // A failed body aborts the multipart upload: nothing becomes visible.
        await this.#call('upload', name, async () => {
            await upload.done();
        });
    }
    async writeText(name, text) {
        await this.#call('put', name, () => this.#client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.PutObjectCommand({ Bucket: this.#bucket, Key: this.#key(name), Body: Buffer.from(text, 'utf8'), ContentType: 'application/json' })));
    }
    async readObject(name) {
        const result = await this.#call('get', name, () => this.#client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.GetObjectCommand({ Bucket: this.#bucket, Key: this.#key(name) })));
        return result.Body;
    }
    async readText(name) {
        const result = await this.#call('get', name, () => this.#client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.GetObjectCommand({ Bucket: this.#bucket, Key: this.#key(name) })));
        return (await result.Body?.transformToString('utf8')) ?? '';
    }
    async list() {
        const names = [];
        const prefix = this.#prefix ? `${this.#prefix}/` : '';
        let token;
        do {
            const page = await this.#call('list', '', () => this.#client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.ListObjectsV2Command({ Bucket: this.#bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token })));
            for (const item of page.Contents ?? [])
                if (item.Key)
                    names.push(item.Key.slice(prefix.length));
            token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
        return names.sort();
    }
    async remove(name) {
        await this.#call('delete', name, () => this.#client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#key(name) })));
    }
}


/***/ })

};
