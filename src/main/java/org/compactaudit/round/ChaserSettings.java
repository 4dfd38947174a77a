package org.compactaudit.round;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.compactaudit.common.ApiError.FieldError;

/**
 * A round's chaser schedule as the manager sets it: the steps (days from the due date), the repeat interval and the
 * most chasers in all. When a chaser is due from these is chasing.ChaserSchedule.
 */
@ApplicationScoped
public class ChaserSettings {

    @Inject
    EntityManager em;

    @Inject
    RoundQueries queries;

    /** The round's steps; a round without any (made before schedules existed, or cleared) uses the default. */
    public List<Integer> offsetsOf(long roundId) {
        List<Integer> offsets = queries.chaserOffsets(roundId);
        return offsets.isEmpty() ? ChaserStep.DEFAULT_OFFSETS : offsets;
    }

    /** A new round's steps: {@link ChaserStep#DEFAULT_OFFSETS}. */
    void addDefaultSteps(long roundId) {
        ChaserStep.DEFAULT_OFFSETS.forEach(offset -> addStep(roundId, offset));
    }

    /** Edits the chaser schedule (before or during the round): offsets from the due date, repeat interval, maximum. */
    @Transactional
    public void updateSchedule(long roundId, List<Integer> offsets, int repeatDays, int max) {
        AuditRound round = queries.round(roundId);
        List<FieldError> errors = new ArrayList<>();
        if (offsets.stream().anyMatch(o -> o == null || o < -365 || o > 365)) {
            errors.add(new FieldError("offsets", "Each chaser day must be a whole number of days from the due date, between -365 and 365"));
        } else if (offsets.stream().distinct().count() != offsets.size()) {
            errors.add(new FieldError("offsets", "Each chaser day must appear once"));
        }
        if (repeatDays < 1 || repeatDays > 90) {
            errors.add(new FieldError("repeatDays", "Repeat chasers every 1 to 90 days"));
        }
        if (max < 1 || max > 20) {
            errors.add(new FieldError("max", "Send between 1 and 20 chasers in all"));
        }
        if (!errors.isEmpty()) {
            throw RoundService.invalid(errors);
        }
        queries.deleteChaserSteps(roundId);
        em.flush();
        offsets.stream().sorted().forEach(offset -> addStep(roundId, offset));
        round.chaserRepeatDays = repeatDays;
        round.chaserMax = max;
    }

    private static void addStep(long roundId, int offset) {
        ChaserStep step = new ChaserStep();
        step.roundId = roundId;
        step.offsetDays = offset;
        step.persist();
    }
}
