// The koe version reported by `--version` and written into run.json.
import KoePipeline

enum KoeVersion {
    static let current = KoePipeline.koeVersion
}
