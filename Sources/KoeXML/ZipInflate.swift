// ZipInflate — reads a zip entry's stored bytes itself (central directory → local header → data) and inflates
// them with zlib within the entry's compressed size and an output limit: a damaged deflate stream ends in an
// error instead of the endless loop ZIPFoundation 0.9's Linux inflate falls into at end of file.
import CKoeZlib
import Foundation

/// Where each entry's data lies, from the zip's central directory.
struct ZipDirectory {
    struct Item {
        var method: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    let items: [String: Item]

    /// Parses the central directory of `data`'s file; nil for a zip64 or unreadable directory (the caller then
    /// refuses the file).
    init?(handle: FileHandle, fileSize: Int) {
        let tail = min(fileSize, 65_557)
        guard tail >= 22, (try? handle.seek(toOffset: UInt64(fileSize - tail))) != nil,
            let end = try? handle.read(upToCount: tail), end.count == tail
        else { return nil }
        let bytes = [UInt8](end)
        var eocd: Int?
        var i = bytes.count - 22
        while i >= 0 {
            if bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x05 && bytes[i + 3] == 0x06 {
                eocd = i
                break
            }
            i -= 1
        }
        guard let e = eocd else { return nil }
        let count = Int(Self.u16(bytes, e + 10))
        let size = Int(Self.u32(bytes, e + 12))
        let offset = Int(Self.u32(bytes, e + 16))
        // 0xFFFF / 0xFFFFFFFF mean zip64, which no Office file of a sane size needs.
        guard count != 0xFFFF, size != 0xFFFF_FFFF, offset != 0xFFFF_FFFF, offset + size <= fileSize,
            (try? handle.seek(toOffset: UInt64(offset))) != nil, let cd = try? handle.read(upToCount: size), cd.count == size
        else { return nil }
        let dir = [UInt8](cd)
        var items: [String: Item] = [:]
        var p = 0
        for _ in 0..<count {
            guard p + 46 <= dir.count, Self.u32(dir, p) == 0x0201_4B50 else { return nil }
            let nameLength = Int(Self.u16(dir, p + 28))
            let extra = Int(Self.u16(dir, p + 30))
            let comment = Int(Self.u16(dir, p + 32))
            guard p + 46 + nameLength <= dir.count else { return nil }
            let name = String(decoding: dir[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            items[name] = Item(
                method: Self.u16(dir, p + 10), crc32: Self.u32(dir, p + 16), compressedSize: Int(Self.u32(dir, p + 20)),
                uncompressedSize: Int(Self.u32(dir, p + 24)), localHeaderOffset: Int(Self.u32(dir, p + 42)))
            p += 46 + nameLength + extra + comment
        }
        self.items = items
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}

/// Why an entry could not be read.
enum ZipReadFailure: Error {
    case tooLarge
    case corrupt(String)
}

enum ZipInflate {
    /// The entry's bytes: stored or deflated, never more than `limit` bytes, checked against its CRC-32.
    static func read(_ item: ZipDirectory.Item, handle: FileHandle, fileSize: Int, limit: Int) throws -> Data {
        guard (try? handle.seek(toOffset: UInt64(item.localHeaderOffset))) != nil,
            let header = try? handle.read(upToCount: 30), header.count == 30
        else { throw ZipReadFailure.corrupt("ローカルヘッダを読めません") }
        let h = [UInt8](header)
        guard ZipDirectory.u32(h, 0) == 0x0403_4B50 else { throw ZipReadFailure.corrupt("ローカルヘッダが壊れています") }
        let start = item.localHeaderOffset + 30 + Int(ZipDirectory.u16(h, 26)) + Int(ZipDirectory.u16(h, 28))
        guard start + item.compressedSize <= fileSize else { throw ZipReadFailure.corrupt("データがファイルの外にあります") }
        try handle.seek(toOffset: UInt64(start))
        let compressed = [UInt8](try handle.read(upToCount: item.compressedSize) ?? Data())
        guard compressed.count == item.compressedSize else { throw ZipReadFailure.corrupt("データが途中で切れています") }
        var out: Data
        switch item.method {
        case 0:
            guard compressed.count <= limit else { throw ZipReadFailure.tooLarge }
            out = Data(compressed)
        case 8:
            out = try inflate(compressed, limit: limit)
        default:
            throw ZipReadFailure.corrupt("対応していない圧縮方式です（\(item.method)）")
        }
        let crc = out.withUnsafeBytes { raw -> UInt32 in
            guard let base = raw.bindMemory(to: Bytef.self).baseAddress else { return UInt32(crc32(0, nil, 0)) }
            return UInt32(crc32(0, base, uInt(raw.count)))
        }
        guard crc == item.crc32 else { throw ZipReadFailure.corrupt("CRC が一致しません") }
        return out
    }

    /// Raw deflate of exactly `input`: the stream must end inside it; the output stops at `limit`.
    static func inflate(_ input: [UInt8], limit: Int) throws -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZipReadFailure.corrupt("展開を始められません")
        }
        defer { inflateEnd(&stream) }
        var out = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var input = input
        return try input.withUnsafeMutableBufferPointer { source -> Data in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            while true {
                let (status, produced) = buffer.withUnsafeMutableBufferPointer { target -> (Int32, Int) in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    let status = CKoeZlib.inflate(&stream, Z_NO_FLUSH)
                    return (status, target.count - Int(stream.avail_out))
                }
                if produced > 0 {
                    guard out.count + produced <= limit else { throw ZipReadFailure.tooLarge }
                    out.append(contentsOf: buffer[0..<produced])
                }
                switch status {
                case Z_STREAM_END: return out
                case Z_OK: continue
                case Z_BUF_ERROR:
                    // No progress possible: the input ended before the stream did.
                    throw ZipReadFailure.corrupt("圧縮データが途中で終わっています")
                default:
                    throw ZipReadFailure.corrupt("圧縮データが壊れています（zlib \(status)）")
                }
            }
        }
    }
}
