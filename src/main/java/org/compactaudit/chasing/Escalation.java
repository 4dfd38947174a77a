package org.compactaudit.chasing;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.compactaudit.common.IdentifiedEntity;
import org.compactaudit.tool.ToolVersion;

/** A return still missing after the last chaser: the Independent Chair's letter, the meeting and its outcome. */
@Entity
@Table(name = "escalation")
public class Escalation extends IdentifiedEntity {

    @Column(name = "return_id", nullable = false)
    public Long returnId;

    @Column(name = "escalated_at", nullable = false)
    public Instant escalatedAt;

    @Column(name = "letter_text", nullable = false, length = ToolVersion.LONG_TEXT)
    public String letterText;

    @Column(name = "meeting_on")
    public LocalDate meetingOn;

    @Column(length = 4000)
    public String outcome;
}
