/// Whether a unit's report for a period arrived by the due date (SPEC §5, as the receipts
/// issue restates it).
public enum Timeliness: Sendable, Equatable {
    case onTime
    case late(days: Int)
    /// The receipt date is not known (the file was already there when the register began,
    /// or its register line could not be read): "chưa xác định", never late.
    case unknown

    /// The rule. `receipts` holds the receipt date of every file version that carries the
    /// unit's rows (or nil report) for the period; nil where that date is unknown.
    ///
    /// What counts is the **first** receipt: on or before `due` is on time, whatever came
    /// later (a correction sent after the due date never makes a unit late). A first
    /// receipt after `due` is late by the difference in days — unless an unknown receipt
    /// might have been earlier, in which case nothing can be said.
    public static func judge(receipts: [Day?], due: Day) -> (timeliness: Timeliness, first: Day?) {
        let known = receipts.compactMap { $0 }
        let first = known.min()
        if let first, first <= due { return (.onTime, first) }
        if receipts.isEmpty || known.count < receipts.count { return (.unknown, first) }
        return (.late(days: first! - due), first)
    }
}
