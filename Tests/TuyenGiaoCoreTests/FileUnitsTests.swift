import Testing
@testable import TuyenGiaoCore

/// A file's units: one inline, a set from the second on — the same answers either way.
@Suite struct FileUnitsTests {
    @Test func oneUnitTwoUnitsAndNone() {
        var units = FileUnits()
        #expect(units.isEmpty && units.count == 0 && Array(units).isEmpty && !units.contains(0))
        units.insert(7)
        units.insert(7)
        #expect(!units.isEmpty && units.count == 1 && Array(units) == [7] && units.contains(7) && !units.contains(0))
        units.insert(0)
        units.insert(7)
        #expect(units.count == 2 && units.sorted() == [0, 7] && units.contains(0) && units.contains(7))
        units.formUnion([3, 0])
        #expect(units.count == 3 && units.sorted() == [0, 3, 7])
    }

    @Test func equalWhateverTheOrderTheyCameIn() {
        var a = FileUnits(), b = FileUnits()
        for u in [4, 1, 9, 1] { a.insert(u) }
        for u in [9, 4, 1] { b.insert(u) }
        #expect(a == b && a == [1, 4, 9])
        let two: FileUnits = [2]
        #expect(two == [2] && two != [3] && two != [2, 3] && FileUnits() != [0])
    }
}
