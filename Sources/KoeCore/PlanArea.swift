// PlanArea, OpinionType, Horizon — the plan's areas and the kinds of statement every stage and output sees.

/// The time horizon of a measure (短期集中 short, 長期継続 long) or of an opinion's cue.
public enum Horizon: String, Sendable, Hashable, Codable {
    case short, long, unknown

    /// How the plan prints it: 短期集中 / 長期継続 (nil for unknown).
    public var label: String? {
        switch self {
        case .short: return "短期集中"
        case .long: return "長期継続"
        case .unknown: return nil
        }
    }
}

/// The kind of statement an opinion makes.
public enum OpinionType: String, Sendable, Hashable, Codable, CaseIterable {
    case request = "要望"
    case problem = "課題"
    case praise = "評価"
    case vision = "提案・ありたい姿"
    case unknown
}

/// One node of the plan's tree as outputs see it (strategy > project > measure > sub-item), without the
/// codebook's matching data.
public struct PlanArea: Sendable, Hashable {
    public var code: String
    public var name: String
    /// 1 = strategy, 2 = project, 3 = measure, 4 = sub-item (deeper levels are allowed).
    public var level: Int
    public var parentCode: String?
    public var horizon: Horizon?

    public init(code: String, name: String, level: Int, parentCode: String? = nil, horizon: Horizon? = nil) {
        self.code = code
        self.name = name
        self.level = level
        self.parentCode = parentCode
        self.horizon = horizon
    }
}
