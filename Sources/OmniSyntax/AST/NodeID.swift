import OmniBase

/// Identifies one AST node within a file; later stages key their side tables by it.
/// IDs are assigned in source order by the parser, starting at 1 (0 means "none").
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let raw: UInt32
    public init(_ raw: UInt32) { self.raw = raw }
    public static let none = NodeID(0)
    public static func < (a: NodeID, b: NodeID) -> Bool { a.raw < b.raw }
    public var description: String { "n\(raw)" }
}

/// Hands out fresh node IDs for one file. Passed `inout` through the parsers of that file.
public struct NodeIDGenerator: Sendable {
    public private(set) var last: UInt32 = 0
    public init() {}
    public mutating func next() -> NodeID { last &+= 1; return NodeID(last) }
}

/// A name with its span, e.g. the `count` in `const count = …`.
public struct Identifier: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var span: Span
    public init(_ name: String, span: Span) { self.name = name; self.span = span }
    public var description: String { name }
}
