package org.compactaudit.chasing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A round's chaser dates: the steps (days from the due date), then one every repeatDays after the last step,
 * at most max in all; escalation follows one interval after the last chaser.
 */
public record ChaserSchedule(List<Scheduled> chasers, LocalDate escalationOn) {

    /** One scheduled chaser; its key is what makes it go once per return. */
    public record Scheduled(String key, int offsetDays, LocalDate on) {
    }

    public static ChaserSchedule of(LocalDate dueOn, List<Integer> offsets, int repeatDays, int max) {
        List<Integer> days = new ArrayList<>(offsets.stream().sorted().limit(max).toList());
        int last = days.isEmpty() ? 0 : days.get(days.size() - 1);
        while (days.size() < max) {
            last += repeatDays;
            days.add(last);
        }
        List<Scheduled> chasers = days.stream()
                .map(d -> new Scheduled("due" + (d >= 0 ? "+" : "") + d, d, dueOn.plusDays(d))).toList();
        LocalDate escalation = chasers.isEmpty() ? dueOn.plusDays(repeatDays)
                : chasers.get(chasers.size() - 1).on().plusDays(repeatDays);
        return new ChaserSchedule(chasers, escalation);
    }

    /** The latest chaser due on or before the day: the one to send if it has not gone (earlier missed ones are not sent late). */
    public Optional<Scheduled> latestDue(LocalDate today) {
        Scheduled latest = null;
        for (Scheduled s : chasers) {
            if (!s.on().isAfter(today)) {
                latest = s;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The next chaser date after the day, if any. */
    public Optional<LocalDate> nextAfter(LocalDate today) {
        return chasers.stream().map(Scheduled::on).filter(on -> on.isAfter(today)).findFirst();
    }
}
