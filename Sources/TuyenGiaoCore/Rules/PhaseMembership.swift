/// Which phases an activity counts in, and which phases a period shows (SPEC §6, §7.1).
public enum PhaseMembership {
    /// The rule itself, plainly: the phase the row names, else every phase whose window
    /// (first and last day included) holds the activity's day — overlapping phases both
    /// count it. `PhaseDays` is its fast twin; tests run both.
    public static func phases(of a: Activity, in phases: [Phase]) -> [Int] {
        if let pinned = a.pinnedPhase { return [pinned] }
        return phases.indices.filter { phases[$0].contains(a.day) }
    }

    /// A phase gets its own coverage sheet in a period when their windows overlap.
    public static func isActive(_ phase: Phase, periodStart: Day, periodEnd: Day) -> Bool {
        phase.start <= periodEnd && phase.end >= periodStart
    }

    /// A phase has figures to show (cumulative from its start) once it has started by the
    /// period's last day, including phases that ended before the period.
    public static func hasStarted(_ phase: Phase, by periodEnd: Day) -> Bool { phase.start <= periodEnd }
}

/// `PhaseMembership.phases(of:in:)` as a bit set looked up by day: the windows are compared
/// once per day of the plan, not once per row. Plans of more than 64 phases, and rows
/// pinned past the 64th, go through the plain rule.
public struct PhaseDays: Sendable {
    private let phases: [Phase]
    private let firstOrdinal: Int
    private let masks: [UInt64]
    /// Always the plain rule (`TUYENGIAO_REFERENCE=1`): no bit sets at all.
    public let reference: Bool

    public init(_ phases: [Phase], reference: Bool = false) {
        self.phases = phases
        self.reference = reference
        let usable = phases.count <= 64 && !reference
        let first = phases.map(\.start.ordinal).min() ?? 0
        let last = phases.map(\.end.ordinal).max() ?? -1
        firstOrdinal = first
        var masks = [UInt64](repeating: 0, count: usable ? max(last - first + 1, 0) : 0)
        if usable {
            for (p, phase) in phases.enumerated() where phase.end >= phase.start {
                for d in phase.start.ordinal...phase.end.ordinal { masks[d - first] |= 1 << UInt64(p) }
            }
        }
        self.masks = masks
    }

    /// The phases the activity counts in as bits (bit p = phase p), or nil when the bits
    /// cannot say it (more than 64 phases, a row pinned past the 64th, the reference path):
    /// then use `forEachPhase`.
    @inline(__always)
    public func phaseMask(of a: Activity) -> UInt64? {
        if reference { return nil }
        if let pinned = a.pinnedPhase { return pinned < 64 ? 1 << UInt64(pinned) : nil }
        if phases.count > 64 { return nil }
        let i = a.day.ordinal - firstOrdinal
        guard i >= 0, i < masks.count else { return 0 }
        return masks[i]
    }

    /// Calls `body` with each phase index the activity counts in, in plan order.
    @inline(__always)
    public func forEachPhase(of a: Activity, _ body: (Int) -> Void) {
        if reference || phases.count > 64 || a.pinnedPhase != nil {
            for p in PhaseMembership.phases(of: a, in: phases) { body(p) }
            return
        }
        let i = a.day.ordinal - firstOrdinal
        guard i >= 0, i < masks.count else { return }
        var m = masks[i]
        while m != 0 {
            body(m.trailingZeroBitCount)
            m &= m - 1
        }
    }
}
