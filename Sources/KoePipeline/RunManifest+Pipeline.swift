// RunManifest+Pipeline — the run.json record of a pipeline's codebook and gazetteer (the manifest value and
// its writer live in KoeRender).
import Foundation
import KoeRun

extension RunManifest {
    /// The manifest of a run of `config` with `stages` loaded: version, pipeline, hashed codebook and gazetteer.
    init(config: PipelineConfig, stages: Stages) {
        let codebookURL = stages.codebookURL
        self.init(
            version: koeVersion, pipeline: config.displayPath, name: config.name,
            codebook: HashedFile(
                path: SourceFiles.display(codebookURL, base: config.baseDirectory), sha256: FileHash.sha256(codebookURL)?.hex),
            codebookAreas: stages.areas.count,
            gazetteer: stages.gazetteerURL.map {
                HashedFile(path: SourceFiles.display($0, base: config.baseDirectory), sha256: FileHash.sha256($0)?.hex)
            })
    }
}
