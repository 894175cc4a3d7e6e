// The koe version, written into run.json and printed by `koe --version`.

/// koe's version.
public let koeVersion = "0.1.0"
