// YAMLSyntax — the one way koe composes the YAML files people write (the pipeline file, the codebook): a syntax
// error is `yaml-syntax` with the same message, hint and `file:line:column` for both, and nodes are located alike.
import KoeCore
import Yams

/// Composing a YAML file and locating its nodes, the same for every YAML file koe reads.
public enum YAMLSyntax {
    /// The diagnostic code of a file that is not valid YAML.
    public static let syntaxCode = "yaml-syntax"

    /// The document of `text`; a syntax error throws `yaml-syntax` naming `what` (「パイプラインファイル」,
    /// 「コードブック」), the file, line and column.
    public static func compose(_ text: String, what: String, displayPath: String) throws -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch {
            throw syntaxError(error, what: what, displayPath: displayPath)
        }
    }

    /// Where `node` is: `file:line:column` (just the file when the node has no mark).
    public static func location(_ node: Node?, displayPath: String) -> SourceLocation {
        .text(displayPath, line: node?.mark?.line, column: node?.mark?.column)
    }

    /// `yaml-syntax` for an error of Yams: 「<what>（<file>）の N 行目が YAML として読めません: <problem>」.
    static func syntaxError(_ error: Error, what: String, displayPath: String) -> KoeError {
        var line: Int?
        var column: Int?
        var problem = "\(error)"
        if let error = error as? YamlError {
            switch error {
            case .scanner(_, let p, let mark, _), .parser(_, let p, let mark, _):
                line = mark.line
                column = mark.column
                problem = p
            default: break
            }
        }
        let place = line.map { "の \($0) 行目" } ?? ""
        return KoeError(
            code: syntaxCode, message: "\(what)（\(displayPath)）\(place)が YAML として読めません: \(problem)",
            hint: "インデント（半角スペース）、「:」の後の空白、引用符の閉じ忘れを確かめてください",
            location: .text(displayPath, line: line, column: column))
    }
}
