// DistrictMap — the 小学校区 polygons of the pipeline's `map:` (GeoJSON, lon/lat): read with Foundation's
// JSONSerialization within a size bound, Polygon and MultiPolygon features (holes, enclaves, 2-D or 3-D
// positions, either ring winding), grouped by the `name_property` value.
import Foundation
import KoeCore

/// One district's outline in lon/lat: polygons, each a list of rings (the first the outer one, then holes).
public struct MapDistrict: Sendable, Hashable {
    public var name: String
    /// Rings of (longitude, latitude), not closed (the last position is not the first repeated).
    public var rings: [[MapPoint]]
}

/// A position in degrees.
public struct MapPoint: Sendable, Hashable {
    public var lon: Double
    public var lat: Double
}

/// The districts of a GeoJSON file.
public struct DistrictMap: Sendable, Hashable {
    /// Refused above this size: a city's districts are a few hundred kilobytes, even unsimplified.
    public static let maxBytes = 32 << 20
    /// Refused above this many positions (bounded memory and time).
    public static let maxPositions = 2_000_000

    /// Districts in file order (features with the same name are one district).
    public var districts: [MapDistrict]
    /// The credit line shown under every map (the pipeline's `map.attribution`, else the file name).
    public var attribution: String
    /// Features left out (not a polygon, or without a name), for a warning.
    public var skippedFeatures = 0

    public init(districts: [MapDistrict], attribution: String) {
        self.districts = districts
        self.attribution = attribution
    }

    /// Reads `url`; `display` is the path as written in the pipeline.
    public init(url: URL, display: String, nameProperty: String, attribution: String?) throws {
        let location = SourceLocation(file: display)
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        guard let size = attributes?[.size] as? Int else {
            throw KoeError(
                code: "map-not-found", message: "地図ファイル（map:）が見つかりません: \(display)",
                hint: "小学校区の GeoJSON ファイルのパスを確認してください（パイプラインファイルからの相対パス）", location: location)
        }
        guard size <= Self.maxBytes else {
            throw KoeError(
                code: "map-too-large", message: "地図ファイルが大きすぎます（\(size / 1_048_576) MB、上限 \(Self.maxBytes >> 20) MB）: \(display)",
                hint: "市内の小学校区だけに絞るか、QGIS や mapshaper で境界を簡略化してから指定してください", location: location)
        }
        guard let data = FileManager.default.contents(atPath: url.path),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            throw KoeError(
                code: "map-not-geojson", message: "地図ファイルを GeoJSON として読めません: \(display)",
                hint: "GeoJSON（FeatureCollection、経度・緯度）で保存してください", location: location)
        }
        var reader = GeoJSONReader(display: display, nameProperty: nameProperty)
        try reader.read(root)
        guard !reader.districts.isEmpty else {
            throw KoeError(
                code: "map-no-districts",
                message: "地図ファイルに、プロパティ「\(nameProperty)」を持つ多角形（Polygon / MultiPolygon）がありません: \(display)",
                hint: "map: の name_property に校区名の入ったプロパティ名を指定してください（例: {path: 校区.geojson, name_property: name}）",
                location: location)
        }
        districts = reader.districts
        skippedFeatures = reader.skipped
        self.attribution = attribution ?? url.lastPathComponent
    }
}

/// Walks a parsed GeoJSON object.
struct GeoJSONReader {
    let display: String
    let nameProperty: String
    var districts: [MapDistrict] = []
    var skipped = 0
    private var index: [String: Int] = [:]
    private var positions = 0

    init(display: String, nameProperty: String) {
        self.display = display
        self.nameProperty = nameProperty
    }

    mutating func read(_ root: [String: Any]) throws {
        let features: [Any]
        switch root["type"] as? String {
        case "FeatureCollection": features = root["features"] as? [Any] ?? []
        case "Feature": features = [root]
        default: throw error("GeoJSON の最上位が FeatureCollection ではありません")
        }
        for case let feature as [String: Any] in features {
            let properties = feature["properties"] as? [String: Any] ?? [:]
            let name: String? =
                (properties[nameProperty] as? String) ?? (properties[nameProperty] as? NSNumber).map { "\($0)" }
            guard let name = name?.trimmingCharacters(in: .whitespaces), !name.isEmpty,
                let geometry = feature["geometry"] as? [String: Any]
            else {
                skipped += 1
                continue
            }
            let polygons: [Any]
            switch geometry["type"] as? String {
            case "Polygon": polygons = [geometry["coordinates"] as Any]
            case "MultiPolygon": polygons = geometry["coordinates"] as? [Any] ?? []
            default:
                skipped += 1
                continue
            }
            var rings: [[MapPoint]] = []
            for case let polygon as [Any] in polygons {
                for case let ring as [Any] in polygon { rings.append(try self.ring(ring, name)) }
            }
            if let i = index[name] {
                districts[i].rings += rings
            } else {
                index[name] = districts.count
                districts.append(MapDistrict(name: name, rings: rings))
            }
        }
    }

    private mutating func ring(_ raw: [Any], _ name: String) throws -> [MapPoint] {
        positions += raw.count
        guard positions <= DistrictMap.maxPositions else {
            throw error("座標の数が多すぎます（上限 \(DistrictMap.maxPositions)）", hint: "QGIS や mapshaper で境界を簡略化してから指定してください")
        }
        var out: [MapPoint] = []
        out.reserveCapacity(raw.count)
        for case let position as [Any] in raw {
            // 2-D or 3-D (an altitude is ignored).
            guard position.count >= 2, let lon = (position[0] as? NSNumber)?.doubleValue,
                let lat = (position[1] as? NSNumber)?.doubleValue, lon.isFinite, lat.isFinite
            else { throw error("校区「\(name)」に数値でない座標があります") }
            guard abs(lon) <= 180, abs(lat) <= 90 else {
                throw error(
                    "校区「\(name)」の座標（\(lon), \(lat)）が経度・緯度ではありません（平面直角座標系などの投影座標のようです）",
                    hint: "QGIS などで座標参照系を経度・緯度（EPSG:4326 / JGD2011 EPSG:6668）に変換して保存してください")
            }
            let p = MapPoint(lon: lon, lat: lat)
            if out.last != p { out.append(p) }
        }
        if out.count > 1, out.first == out.last { out.removeLast() }
        guard out.count >= 3 else { throw error("校区「\(name)」に3点未満の輪郭（リング）があります") }
        return out
    }

    private func error(_ message: String, hint: String = "GeoJSON（経度・緯度の Polygon / MultiPolygon）を確かめてください") -> KoeError {
        KoeError(code: "map-bad-geometry", message: message + ": \(display)", hint: hint, location: SourceLocation(file: display))
    }
}
