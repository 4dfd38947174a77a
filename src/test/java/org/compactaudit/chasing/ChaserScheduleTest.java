package org.compactaudit.chasing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ChaserScheduleTest {

    static final LocalDate DUE = LocalDate.of(2027, 1, 29);

    @Test
    void stepsAreDaysFromTheDueDateInOrder() {
        ChaserSchedule schedule = ChaserSchedule.of(DUE, List.of(1, -14, -3), 7, 3);

        assertEquals(List.of(LocalDate.of(2027, 1, 15), LocalDate.of(2027, 1, 26), LocalDate.of(2027, 1, 30)),
                schedule.chasers().stream().map(ChaserSchedule.Scheduled::on).toList());
        assertEquals(List.of("due-14", "due-3", "due+1"),
                schedule.chasers().stream().map(ChaserSchedule.Scheduled::key).toList());
    }

    @Test
    void repeatsEveryIntervalAfterTheLastStepUpToTheMaximum() {
        ChaserSchedule schedule = ChaserSchedule.of(DUE, List.of(-3, 1), 7, 4);

        assertEquals(List.of(-3, 1, 8, 15), schedule.chasers().stream().map(ChaserSchedule.Scheduled::offsetDays).toList());
    }

    @Test
    void theMaximumCutsTheStepsToo() {
        assertEquals(2, ChaserSchedule.of(DUE, List.of(-14, -3, 1), 7, 2).chasers().size());
    }

    @Test
    void escalationFollowsOneIntervalAfterTheLastChaser() {
        assertEquals(DUE.plusDays(1 + 10), ChaserSchedule.of(DUE, List.of(-14, -3, 1), 10, 3).escalationOn());
    }

    @Test
    void theLatestDueChaserIsSentAndEarlierMissedOnesAreNot() {
        ChaserSchedule schedule = ChaserSchedule.of(DUE, List.of(-14, -3, 1), 7, 3);

        assertEquals(Optional.empty(), schedule.latestDue(DUE.minusDays(15)));
        assertEquals("due-14", schedule.latestDue(DUE.minusDays(14)).orElseThrow().key());
        assertEquals("due-3", schedule.latestDue(DUE).orElseThrow().key());
        assertEquals("due+1", schedule.latestDue(DUE.plusDays(30)).orElseThrow().key());
    }

    @Test
    void theNextChaserIsTheFirstAfterTheDay() {
        ChaserSchedule schedule = ChaserSchedule.of(DUE, List.of(-14, -3, 1), 7, 3);

        assertEquals(Optional.of(DUE.minusDays(3)), schedule.nextAfter(DUE.minusDays(14)));
        assertEquals(Optional.empty(), schedule.nextAfter(DUE.plusDays(1)));
    }
}
