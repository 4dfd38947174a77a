-- Returns whose answers are in the tallies now, with the sector they were counted under, so a reopen
-- takes away exactly what the submission added (even if the agency has since moved sector).
CREATE TABLE report_counted_return (
    return_id   BIGINT      NOT NULL PRIMARY KEY,
    round_id    BIGINT      NOT NULL,
    sector_code VARCHAR(40) NOT NULL,
    CONSTRAINT fk_rcr_return FOREIGN KEY (return_id) REFERENCES audit_return (id),
    CONSTRAINT fk_rcr_round FOREIGN KEY (round_id) REFERENCES audit_round (id)
);

-- A counted return's grade for each standard, derived from its question grades (tool.StandardGrade):
-- the drill-down's agency list and the self-assessed side of the moderation comparison.
CREATE TABLE return_standard_grade (
    return_id    BIGINT      NOT NULL,
    standard_key VARCHAR(80) NOT NULL,
    round_id     BIGINT      NOT NULL,
    grade        VARCHAR(30) NOT NULL,
    PRIMARY KEY (return_id, standard_key),
    CONSTRAINT fk_rsg_return FOREIGN KEY (return_id) REFERENCES audit_return (id),
    CONSTRAINT fk_rsg_round FOREIGN KEY (round_id) REFERENCES audit_round (id)
);
CREATE INDEX ix_rcr_round ON report_counted_return (round_id);
CREATE INDEX ix_rsg_round_standard ON return_standard_grade (round_id, standard_key);

-- Agencies per derived standard grade, by sector: the round overview reads only this and grade_tally.
CREATE TABLE standard_grade_tally (
    round_id     BIGINT      NOT NULL,
    standard_key VARCHAR(80) NOT NULL,
    sector_code  VARCHAR(40) NOT NULL,
    grade        VARCHAR(30) NOT NULL,
    agencies     INT         NOT NULL,
    PRIMARY KEY (round_id, standard_key, sector_code, grade),
    CONSTRAINT fk_sgt_round FOREIGN KEY (round_id) REFERENCES audit_round (id)
);
