// WorkspaceDump — every row of every table as text, in a fixed order: compares two workspaces by content
// (their file bytes may differ in free pages) without the sqlite3 shell.
extension SQLiteDatabase {
    /// `table|quote(col1),quote(col2)…` lines for every table (FTS shadow tables included), by name then rowid.
    public func dumpText() throws -> String {
        var tables: [String] = []
        let list = try prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        while try list.next() { if let name = list.text(0) { tables.append(name) } }
        var out = ""
        for table in tables {
            var columns: [String] = []
            let info = try prepare("PRAGMA table_info(\"\(table)\")")
            while try info.next() { if let name = info.text(1) { columns.append(name) } }
            guard !columns.isEmpty else { continue }
            let select = columns.map { "quote(\"\($0)\")" }.joined(separator: " || ',' || ")
            let rows = try prepare("SELECT \(select) FROM \"\(table)\"")
            while try rows.next() { out += table + "|" + (rows.text(0) ?? "NULL") + "\n" }
        }
        return out
    }
}
