/// Activities, participants and quantity of a group (SPEC §6).
public struct Measures: Sendable, Equatable {
    public var activities: Int = 0
    public var participants: Int = 0
    public var quantity: Int = 0

    public init(activities: Int = 0, participants: Int = 0, quantity: Int = 0) {
        self.activities = activities; self.participants = participants; self.quantity = quantity
    }

    public static func += (a: inout Measures, b: Measures) {
        a.activities += b.activities; a.participants += b.participants; a.quantity += b.quantity
    }
}
