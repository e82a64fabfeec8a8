import Foundation

/// Independent pieces of work run on every core; each result lands in its own slot, so
/// results come back in index order whatever order the cores finish in.
enum Concurrently {
    /// `body(k)` for every k in `0..<count`; a throw costs only its own slot.
    static func map<T>(_ count: Int, _ body: (Int) throws -> T) -> [Result<T, any Error>] {
        let slots = UnsafeMutableBufferPointer<Result<T, any Error>?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        // Each iteration writes its own slot and only reads the rest.
        withoutActuallyEscaping(body) { body in
            let shared = Unchecked((body, slots))
            DispatchQueue.concurrentPerform(iterations: count) { k in
                let (body, slots) = shared.value
                slots[k] = Result { try body(k) }
            }
        }
        return slots.map { $0! }
    }
}
