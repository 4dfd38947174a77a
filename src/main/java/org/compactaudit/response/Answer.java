package org.compactaudit.response;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.compactaudit.common.IdentifiedEntity;
import org.compactaudit.round.Return;
import org.compactaudit.tool.Grade;
import org.compactaudit.tool.Question;
import org.compactaudit.tool.ToolVersion;

/** The agency's answer to one question: grade, evidence, and the reason or action the grade calls for. */
@Entity
@Table(name = "answer")
public class Answer extends IdentifiedEntity {

    public static final int MAX_EVIDENCE = 10_000;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "return_id", nullable = false)
    public Return agencyReturn;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "question_id", nullable = false)
    public Question question;

    @Column(length = 30)
    public Grade grade;

    @Column(length = ToolVersion.LONG_TEXT)
    public String evidence;

    @Column(name = "na_reason", length = 2000)
    public String naReason;

    @Column(name = "action_what", length = 4000)
    public String actionWhat;

    @Column(name = "action_owner", length = 200)
    public String actionOwner;

    @Column(name = "action_due")
    public LocalDate actionDue;

    /** Offered from the agency's previous return; counts as unanswered until confirmed or changed. */
    @Column(name = "carried_forward", nullable = false)
    public boolean carriedForward;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Sent back by the respondent's form and the API so a stale save is detected, not silently applied. */
    @Version
    @Column(nullable = false)
    public int version;

    /**
     * The version clients see and send back: one more than the stored one, so 0 always means "no answer yet"
     * and two people's first saves of the same question cannot both win.
     */
    public int seenVersion() {
        return version + 1;
    }
}
