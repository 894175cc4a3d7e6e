// KoePipeline — reads a pipeline file and wires the stages together.

/// The koe version, written into run.json.
public let version = "0.1.0"
