// NetworkLayout — places a co-occurrence network for drawing: communities by greedy modularity
// (Clauset–Newman–Moore), a Fruchterman–Reingold force layout from a fixed seed, then a pass that pushes
// overlapping word labels apart. Deterministic: the same network gives the same coordinates.
import KoeCore

/// A co-occurrence network with node positions and communities, ready to draw.
public struct NetworkLayout: Sendable, Hashable {
    /// One word of the network as drawn.
    public struct Node: Sendable, Hashable {
        public var x: Double
        public var y: Double
        public var radius: Double
        /// Community number: 0 = largest community.
        public var community: Int
        /// Label box (centred on the node).
        public var labelWidth: Double
        public var labelHeight: Double
    }

    public var width: Double
    public var height: Double
    /// In the order of the network's `words`.
    public var nodes: [Node]
    public var communityCount: Int

    /// Lays out `network` in a `width` × `height` box. `fontSize`: the word labels' size.
    public static func make(
        _ network: CooccurrenceNetwork, width: Double, height: Double, fontSize: Double = 12, seed: UInt64 = 0x6B6F_6520
    ) -> NetworkLayout {
        let n = network.words.count
        let community = communities(count: n, edges: network.edges.map { ($0.a, $0.b) })
        let maxFrequency = Double(network.words.map(\.frequency).max() ?? 1)
        var nodes = network.words.enumerated().map { i, word in
            let radius = 5 + 13 * (Double(word.frequency) / max(maxFrequency, 1)).squareRoot()
            return Node(
                x: 0, y: 0, radius: radius, community: community[i],
                labelWidth: max(TextMetrics.width(word.term, fontSize: fontSize) + 4, 2 * radius),
                labelHeight: max(fontSize + 4, 2 * radius))
        }
        let positions = forceLayout(count: n, edges: network.edges.map { ($0.a, $0.b) }, seed: seed)
        // One scale for both axes (no stretching), capped so that a small network is not blown up to fill
        // the box; the box's height shrinks to what the network uses.
        let margin = 12.0
        let halfW = (nodes.map(\.labelWidth).max() ?? 0) / 2 + margin
        let halfH = (nodes.map(\.labelHeight).max() ?? 0) / 2 + margin
        let xs = positions.map(\.0)
        let ys = positions.map(\.1)
        let (minX, maxX, minY, maxY) = (xs.min() ?? 0, xs.max() ?? 0, ys.min() ?? 0, ys.max() ?? 0)
        let ideal = (1.0 / Double(max(n, 1))).squareRoot()
        var scale = 150 / ideal
        if maxX > minX { scale = min(scale, (width - 2 * halfW) / (maxX - minX)) }
        if maxY > minY { scale = min(scale, (height - 2 * halfH) / (maxY - minY)) }
        scale = max(scale, 0)
        let usedHeight = min(height, (maxY - minY) * scale + 2 * halfH)
        for i in nodes.indices {
            nodes[i].x = width / 2 + (positions[i].0 - (minX + maxX) / 2) * scale
            nodes[i].y = usedHeight / 2 + (positions[i].1 - (minY + maxY) / 2) * scale
        }
        let height = usedHeight
        separate(&nodes, width: width, height: height)
        return NetworkLayout(
            width: width, height: height, nodes: nodes, communityCount: (community.max() ?? -1) + 1)
    }

    /// Greedy modularity: start with one community per node and merge the pair that raises modularity most
    /// until none does. Returns each node's community, numbered by size (largest first, then first node).
    static func communities(count n: Int, edges: [(Int, Int)]) -> [Int] {
        guard n > 0 else { return [] }
        guard !edges.isEmpty else { return Array(0..<n) }
        let unit = 1 / Double(2 * edges.count)
        var e = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        var a = Array(repeating: 0.0, count: n)
        for (u, v) in edges where u != v && u < n && v < n {
            e[u][v] += unit
            e[v][u] += unit
            a[u] += unit
            a[v] += unit
        }
        var alive = Array(repeating: true, count: n)
        var member = Array(0..<n)
        while true {
            var best = 0.0
            var pair: (Int, Int)?
            for i in 0..<n where alive[i] {
                for j in (i + 1)..<n where alive[j] && e[i][j] > 0 {
                    let delta = 2 * (e[i][j] - a[i] * a[j])
                    if delta > best + 1e-12 {
                        best = delta
                        pair = (i, j)
                    }
                }
            }
            guard let (i, j) = pair else { break }
            for k in 0..<n { e[i][k] += e[j][k] }
            for k in 0..<n { e[k][i] += e[k][j] }
            for k in 0..<n {
                e[j][k] = 0
                e[k][j] = 0
            }
            a[i] += a[j]
            a[j] = 0
            alive[j] = false
            for k in 0..<n where member[k] == j { member[k] = i }
        }
        // Number communities by size, then by their first node.
        var sizes: [Int: Int] = [:]
        for m in member { sizes[m, default: 0] += 1 }
        let order = sizes.keys.sorted {
            sizes[$0, default: 0] != sizes[$1, default: 0] ? sizes[$0, default: 0] > sizes[$1, default: 0] : $0 < $1
        }
        var number: [Int: Int] = [:]
        for (i, m) in order.enumerated() { number[m] = i }
        return member.map { number[$0] ?? 0 }
    }

    /// Fruchterman–Reingold in the unit square with a weak pull to the centre (so that separate components
    /// stay near), from seeded random starting points, with a fixed number of cooling steps.
    static func forceLayout(count n: Int, edges: [(Int, Int)], seed: UInt64, iterations: Int = 400) -> [(Double, Double)] {
        var random = SplitMix64(seed: seed)
        var x = (0..<n).map { _ in random.nextUnit() }
        var y = (0..<n).map { _ in random.nextUnit() }
        guard n > 1 else { return zip(x, y).map { ($0, $1) } }
        let k = (1.0 / Double(n)).squareRoot()
        let gravity = 2.5  // pull to the centre, so separate components stay close
        for step in 0..<iterations {
            let temperature = 0.1 * (1 - Double(step) / Double(iterations)) + 0.002
            var dx = Array(repeating: 0.0, count: n)
            var dy = Array(repeating: 0.0, count: n)
            for i in 0..<n {
                for j in (i + 1)..<n {
                    var ox = x[i] - x[j]
                    var oy = y[i] - y[j]
                    var d2 = ox * ox + oy * oy
                    if d2 < 1e-9 {
                        // Coincident points: a fixed nudge by index keeps it deterministic.
                        ox = 1e-3 * Double(j - i)
                        oy = 1e-3
                        d2 = ox * ox + oy * oy
                    }
                    let f = k * k / d2
                    dx[i] += ox * f
                    dy[i] += oy * f
                    dx[j] -= ox * f
                    dy[j] -= oy * f
                }
            }
            for (u, v) in edges where u != v && u < n && v < n {
                let ox = x[u] - x[v]
                let oy = y[u] - y[v]
                let d = (ox * ox + oy * oy).squareRoot()
                let f = d / k
                dx[u] -= ox * f
                dy[u] -= oy * f
                dx[v] += ox * f
                dy[v] += oy * f
            }
            for i in 0..<n {
                dx[i] -= (x[i] - 0.5) * gravity
                dy[i] -= (y[i] - 0.5) * gravity
                let length = (dx[i] * dx[i] + dy[i] * dy[i]).squareRoot()
                if length > 0 {
                    let move = min(length, temperature)
                    x[i] += dx[i] / length * move
                    y[i] += dy[i] / length * move
                }
            }
        }
        return zip(x, y).map { ($0, $1) }
    }

    /// Pushes apart nodes whose label boxes overlap (along the axis of least overlap), keeping them inside.
    static func separate(_ nodes: inout [Node], width: Double, height: Double, passes: Int = 300) {
        let gap = 2.0
        for _ in 0..<passes {
            var moved = false
            for i in nodes.indices {
                for j in nodes.indices where j > i {
                    let ox = (nodes[i].labelWidth + nodes[j].labelWidth) / 2 + gap - abs(nodes[i].x - nodes[j].x)
                    let oy = (nodes[i].labelHeight + nodes[j].labelHeight) / 2 + gap - abs(nodes[i].y - nodes[j].y)
                    guard ox > 0, oy > 0 else { continue }
                    moved = true
                    if ox < oy {
                        let sign = nodes[i].x < nodes[j].x || (nodes[i].x == nodes[j].x && i < j) ? -1.0 : 1.0
                        nodes[i].x += sign * ox / 2
                        nodes[j].x -= sign * ox / 2
                    } else {
                        let sign = nodes[i].y < nodes[j].y || (nodes[i].y == nodes[j].y && i < j) ? -1.0 : 1.0
                        nodes[i].y += sign * oy / 2
                        nodes[j].y -= sign * oy / 2
                    }
                }
            }
            for i in nodes.indices {
                let halfW = nodes[i].labelWidth / 2
                let halfH = nodes[i].labelHeight / 2
                nodes[i].x = min(max(nodes[i].x, halfW), max(width - halfW, halfW))
                nodes[i].y = min(max(nodes[i].y, halfH), max(height - halfH, halfH))
            }
            if !moved { break }
        }
    }
}
