// Correspondence analysis against numpy: coordinates and inertia shares of a fixed 4 × 3 table, both SVD
// paths (more rows than columns and the transpose), the sign rule, and tables too small to analyse.
import XCTest

@testable import KoeAnalysis

final class CorrespondenceTests: XCTestCase {
    static let counts: [[Double]] = [[20, 5, 3], [4, 18, 6], [7, 6, 21], [10, 10, 2]]

    /// `python3 scripts/eval/ca_reference.py` (numpy.linalg.svd of the standardized residuals, numpy 2.4.6).
    static let referenceRows: [(Double, Double)] = [
        (-0.5939432103, -0.4155879557), (0.0835162399, 0.6295249313), (0.6725923601, -0.2967331291),
        (-0.3898265942, 0.1863041396),
    ]
    static let referenceColumns: [(Double, Double)] = [
        (-0.5163574471, -0.3494757070), (-0.0672109755, 0.5709423954), (0.7434963556, -0.2480702948),
    ]
    static let referenceShares = [0.5939147645, 0.4060852355]

    func testMatchesNumpyReference() throws {
        let r = try XCTUnwrap(
            Correspondence.analyse("t", counts: Self.counts, rowLabels: ["A", "B", "C", "D"], columnLabels: ["x", "y", "z"]))
        XCTAssertEqual(r.rows.map(\.label), ["A", "B", "C", "D"])
        XCTAssertEqual(r.columns.map(\.label), ["x", "y", "z"])
        for (p, ref) in zip(r.rows, Self.referenceRows) {
            XCTAssertEqual(p.dim1, ref.0, accuracy: 1e-9, p.label)
            XCTAssertEqual(p.dim2, ref.1, accuracy: 1e-9, p.label)
        }
        for (p, ref) in zip(r.columns, Self.referenceColumns) {
            XCTAssertEqual(p.dim1, ref.0, accuracy: 1e-9, p.label)
            XCTAssertEqual(p.dim2, ref.1, accuracy: 1e-9, p.label)
        }
        XCTAssertEqual(r.shares.count, 2)
        for (s, ref) in zip(r.shares, Self.referenceShares) { XCTAssertEqual(s, ref, accuracy: 1e-9) }
    }

    /// The transpose goes through the other eigen-decomposition (SSᵀ): the same map with rows and columns
    /// swapped, up to each axis's sign.
    func testTransposeGivesTheSameMap() throws {
        let t = (0..<3).map { j in Self.counts.map { $0[j] } }
        let r = try XCTUnwrap(
            Correspondence.analyse("t", counts: t, rowLabels: ["x", "y", "z"], columnLabels: ["A", "B", "C", "D"]))
        for (p, ref) in zip(r.columns, Self.referenceRows) {
            XCTAssertEqual(abs(p.dim1), abs(ref.0), accuracy: 1e-9)
            XCTAssertEqual(abs(p.dim2), abs(ref.1), accuracy: 1e-9)
        }
        for k in 0..<2 {
            let best = r.rows.max {
                abs($0.dim1 * Double(1 - k) + $0.dim2 * Double(k)) < abs($1.dim1 * Double(1 - k) + $1.dim2 * Double(k))
            }!
            XCTAssertGreaterThan(k == 0 ? best.dim1 : best.dim2, 0, "largest row coordinate is positive")
        }
    }

    func testEmptyRowsAndColumnsAreLeftOutAndSmallTablesSkipped() throws {
        var counts = Self.counts.map { $0 + [0] }
        counts.append([0, 0, 0, 0])
        let r = try XCTUnwrap(
            Correspondence.analyse("t", counts: counts, rowLabels: ["A", "B", "C", "D", "E"], columnLabels: ["x", "y", "z", "w"]))
        XCTAssertEqual(r.rows.map(\.label), ["A", "B", "C", "D"])
        XCTAssertEqual(r.columns.map(\.label), ["x", "y", "z"])
        XCTAssertEqual(r.rows[2].dim1, 0.6725923601, accuracy: 1e-9)
        XCTAssertNil(Correspondence.analyse("t", counts: [[1, 2, 3]], rowLabels: ["A"], columnLabels: ["x", "y", "z"]))
        XCTAssertNil(Correspondence.analyse("t", counts: [[1, 0], [2, 0]], rowLabels: ["A", "B"], columnLabels: ["x", "y"]))
        // 2 × 3: one dimension, dim2 zero, all the inertia on dim 1.
        let one = try XCTUnwrap(
            Correspondence.analyse("t", counts: [[5, 1, 2], [1, 6, 2]], rowLabels: ["A", "B"], columnLabels: ["x", "y", "z"]))
        XCTAssertEqual(one.shares, [1])
        XCTAssertEqual(one.rows.map(\.dim2), [0, 0])
    }

    func testJacobiEigenDecomposition() {
        let (values, vectors) = Correspondence.symmetricEigen([[4, 1, 0], [1, 3, 1], [0, 1, 2]])
        // numpy.linalg.eigh([[4,1,0],[1,3,1],[0,1,2]]) → 1.26794919, 3.0, 4.73205081.
        XCTAssertEqual(values[0], 4.7320508076, accuracy: 1e-9)
        XCTAssertEqual(values[1], 3.0, accuracy: 1e-9)
        XCTAssertEqual(values[2], 1.2679491924, accuracy: 1e-9)
        let norm = vectors.reduce(0) { $0 + $1[0] * $1[0] }
        XCTAssertEqual(norm, 1, accuracy: 1e-12)
    }
}
