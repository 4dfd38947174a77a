package org.compactaudit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class DatePartsTest {

    @Test
    void aRealDateIsReadAndABadOneGivesItsErrorUnderTheField() {
        FormErrors errors = FormErrors.none();
        assertEquals(LocalDate.of(2027, 6, 30), new DateParts("30", "6", "2027").toDate("dueOn", "the due date", errors));
        assertNull(new DateParts("31", "2", "2027").toDate("dueOn", "the due date", errors));
        assertEquals("The due date must be a real date, for example 30 6 2027", errors.get("dueOn"));
        assertNull(DateParts.BLANK.toDate("opensOn", "the opening date", errors));
        assertEquals("Enter the opening date", errors.get("opensOn"));
        assertNull(new DateParts("1", "", "2027").toDate("closesOn", "the closing date", errors));
        assertEquals("The closing date must include a day, a month and a year", errors.get("closesOn"));
        assertNull(new DateParts("1", "7", "27").toDate("meetingOn", "the meeting date", errors));
        assertEquals("The meeting date must be a real date, for example 30 6 2027", errors.get("meetingOn"));
        assertEquals(new DateParts("3", "12", "2026"), DateParts.of(LocalDate.of(2026, 12, 3)));
    }
}
