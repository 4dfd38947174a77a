package org.compactaudit.moderation;

import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.compactaudit.common.IdentifiedEntity;
import org.compactaudit.tool.Grade;

/**
 * A grade given on a visit, kept beside (never over) the agency's self-assessed grade. A standard-level grade
 * has an empty question key; question-level grades are optional.
 */
@Entity
@Table(name = "moderated_grade")
public class ModeratedGrade extends IdentifiedEntity {

    /** The question key of a standard-level grade. */
    public static final String STANDARD_LEVEL = "";

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "visit_id", nullable = false)
    public ModerationVisit visit;

    @Column(name = "standard_key", nullable = false, length = 80)
    public String standardKey;

    @Column(name = "question_key", nullable = false, length = 80)
    public String questionKey = STANDARD_LEVEL;

    @Column(nullable = false, length = 30)
    public Grade grade;

    @Column(length = 4000)
    public String notes;

    public static List<ModeratedGrade> forVisit(long visitId) {
        return list("visit.id", visitId);
    }
}
