/// The document as a tree of its numbered and bulleted lines: each line hangs under the
/// nearest line before it that nests less deeply (roman → 1. → 1.1. → Đợt → a) → * → - → +
/// → plain text). Sections are found by what their headings say, not where they are.
public struct DocumentOutline: Sendable {
    public struct Node: Sendable {
        public var line: DocumentLine
        public var children: [Int] = []
        public var parent: Int?
    }

    public private(set) var nodes: [Node] = []
    public private(set) var roots: [Int] = []

    public init(_ lines: [DocumentLine]) {
        var stack: [Int] = []
        for line in lines {
            let depth = line.marker.depth
            while let top = stack.last, nodes[top].line.marker.depth >= depth { stack.removeLast() }
            let index = nodes.count
            nodes.append(Node(line: line, parent: stack.last))
            if let parent = stack.last { nodes[parent].children.append(index) } else { roots.append(index) }
            // Plain paragraphs hold nothing: the next line goes back to the list it was in.
            if line.marker != .none { stack.append(index) }
        }
    }

    public subscript(i: Int) -> Node { nodes[i] }

    /// Every node under `i`, in document order.
    public func descendants(of i: Int) -> [Int] {
        var out: [Int] = []
        var todo = Array(nodes[i].children.reversed())
        while let n = todo.popLast() {
            out.append(n)
            todo.append(contentsOf: nodes[n].children.reversed())
        }
        return out
    }
}
