// RunManifest — what run.json records: inputs with SHA-256, codebook and gazetteer hashes and the counts that add
// up (the values; KoeRender's RunManifestWriter writes them).

/// One input file's line in run.json.
public struct InputRecord: Sendable {
    public var path: String
    public var kind: String
    public var sha256: String?
    public var bytes = 0
    public var respondents = 0
    public var opinions = 0
    public var skipped = 0
    public var rejected = 0
    /// Set when the file could not be read at all.
    public var error: String?

    public init(path: String, kind: String) {
        self.path = path
        self.kind = kind
    }
}

/// A hashed file the run depended on (codebook, gazetteer).
public struct HashedFile: Sendable {
    public var path: String
    public var sha256: String?

    public init(path: String, sha256: String?) {
        self.path = path
        self.sha256 = sha256
    }
}

/// Everything run.json records.
public struct RunManifest: Sendable {
    public var version: String
    public var pipeline: String
    public var name: String?
    public var codebook: HashedFile
    public var codebookAreas: Int
    public var gazetteer: HashedFile?
    public var inputs: [InputRecord] = []
    public var tagged = 0
    public var analysed = 0
    public var failedFiles = 0
    public var invalidRatings = 0
    /// Skipped answers by reason code (empty, 特になし …).
    public var skippedByReason: [String: Int] = [:]
    /// Segment → unmapped value → count.
    public var unmapped: [String: [String: Int]] = [:]
    /// The files written (run.json last) and where they were asked for (`all`, `outputs`, `--only`).
    public var outputs: (files: [String], source: String) = ([], "all")
    /// False when no requested output needed near-duplicate groups (run.json then has no `near_duplicates`).
    public var nearDuplicatesGrouped = true

    public init(version: String, pipeline: String, name: String?, codebook: HashedFile, codebookAreas: Int, gazetteer: HashedFile?) {
        self.version = version
        self.pipeline = pipeline
        self.name = name
        self.codebook = codebook
        self.codebookAreas = codebookAreas
        self.gazetteer = gazetteer
    }
}
