package org.compactaudit.round;

import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.compactaudit.common.IdentifiedEntity;

/** A day, relative to the round's due date (negative: before it), on which non-returners are chased. */
@Entity
@Table(name = "chaser_step")
public class ChaserStep extends IdentifiedEntity {

    /** The schedule a new round starts with: two weeks and three days before the due date, and the day after. */
    public static final List<Integer> DEFAULT_OFFSETS = List.of(-14, -3, 1);

    @Column(name = "round_id", nullable = false)
    public Long roundId;

    @Column(name = "offset_days", nullable = false)
    public int offsetDays;
}
