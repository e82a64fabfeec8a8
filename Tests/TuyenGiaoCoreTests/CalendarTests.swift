import Testing
@testable import TuyenGiaoCore

@Suite struct CalendarTests {
    @Test func dayRoundTrip() {
        for s in ["1970-01-01", "2000-02-29", "2019-12-30", "2021-02-28", "1900-03-01"] {
            #expect(Day.parseISO(s)!.iso == s)
        }
        #expect(Day.parseISO("2021-02-29") == nil)
        #expect(day("2020-03-01") - day("2020-02-28") == 2)
    }

    @Test func calendarMonths() {
        let cal = ReportingCalendar(periodEndDay: 31, dueDay: 20)
        let june = MonthKey(year: 2020, month: 6)
        #expect(cal.period(of: day("2020-06-30")) == june)
        #expect(cal.start(of: june) == day("2020-06-01"))
        #expect(cal.end(of: june) == day("2020-06-30"))
        #expect(cal.due(of: june) == day("2020-07-20"))
        #expect(cal.due(of: MonthKey(year: 2020, month: 12)) == day("2021-01-20"))
    }

    @Test func stateConventionFifteenthToFourteenth() {
        let cal = ReportingCalendar(periodEndDay: 14, dueDay: 20)
        let june = MonthKey(year: 2020, month: 6)
        #expect(cal.start(of: june) == day("2020-05-15"))
        #expect(cal.end(of: june) == day("2020-06-14"))
        #expect(cal.due(of: june) == day("2020-06-20"))
        #expect(cal.period(of: day("2020-06-14")) == june)
        #expect(cal.period(of: day("2020-06-15")) == MonthKey(year: 2020, month: 7))
        #expect(cal.period(of: day("2020-12-20")) == MonthKey(year: 2021, month: 1))
    }

    @Test func dueDayBeforePeriodEndFallsNextMonth() {
        let cal = ReportingCalendar(periodEndDay: 25, dueDay: 5)
        #expect(cal.due(of: MonthKey(year: 2020, month: 6)) == day("2020-07-05"))
    }

    /// The due date is the first due day strictly after the period's last day: a period that
    /// ends on the 20th with reports due on the 20th is due a month later, not the same day.
    @Test func aDueDayOnThePeriodsLastDayIsNextMonths() {
        let cal = ReportingCalendar(periodEndDay: 20, dueDay: 20)
        #expect(cal.end(of: MonthKey(year: 2020, month: 6)) == day("2020-06-20"))
        #expect(cal.due(of: MonthKey(year: 2020, month: 6)) == day("2020-07-20"))
        #expect(ReportingCalendar(periodEndDay: 20, dueDay: 21).due(of: MonthKey(year: 2020, month: 6)) == day("2020-06-21"))
    }
}

@Suite struct VietnameseFormatTests {
    @Test func numbersAndRates() {
        #expect(VietnameseFormat.integer(56636) == "56.636")
        #expect(VietnameseFormat.integer(999) == "999")
        #expect(VietnameseFormat.integer(1_234_567) == "1.234.567")
        #expect(VietnameseFormat.percent(0.975) == "97,5%")
        #expect(VietnameseFormat.percent(0.9755, decimals: 2) == "97,55%")
        #expect(VietnameseFormat.percent(1) == "100%")
        #expect(VietnameseFormat.percent(21.0 / 25.0) == "84%")
    }

    @Test func longDatesTakeLeadingZerosWhereTheRuleSays() {
        #expect(VietnameseFormat.longDate(day("2021-01-05")) == "ngày 05 tháng 01 năm 2021")
        #expect(VietnameseFormat.longDate(day("2020-07-20")) == "ngày 20 tháng 7 năm 2020")
        #expect(VietnameseFormat.longDate(day("2020-02-09")) == "ngày 09 tháng 02 năm 2020")
        #expect(VietnameseFormat.longDate(day("2020-12-10")) == "ngày 10 tháng 12 năm 2020")
    }

    @Test func displayWidthCountsLettersNotBytes() {
        #expect(TextLayout.width("ĐẢNG CỘNG SẢN VIỆT NAM") == 22)
        #expect(TextLayout.center("Số", in: 6) == "  Số  ")
    }
}
