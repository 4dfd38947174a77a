-- Not applicable answers of the counted returns by round, question, sector and reason given, so the drill-down
-- reads its reasons from a tally instead of every answer of the round (1.2-2 s at 5,000 returns).
-- A reason is free text up to 2,000 characters, too long for a unique key on MariaDB: GradeTallies finds the row
-- by id and a concurrent first use of one reason may add a second row for it, which readers sum.
CREATE TABLE na_reason_tally (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    round_id     BIGINT        NOT NULL,
    standard_key VARCHAR(80)   NOT NULL,
    question_key VARCHAR(80)   NOT NULL,
    sector_code  VARCHAR(40)   NOT NULL,
    reason       VARCHAR(2000) NOT NULL,
    answers      INT           NOT NULL,
    CONSTRAINT fk_nrt_round FOREIGN KEY (round_id) REFERENCES audit_round (id)
);
CREATE INDEX ix_nrt_question ON na_reason_tally (round_id, standard_key, question_key, sector_code);

-- The returns counted before this migration; an empty reason stands for none given.
INSERT INTO na_reason_tally (round_id, standard_key, question_key, sector_code, reason, answers)
SELECT c.round_id, s.standard_key, q.question_key, c.sector_code, COALESCE(an.na_reason, ''), COUNT(*)
FROM answer an
JOIN report_counted_return c ON c.return_id = an.return_id
JOIN question q ON q.id = an.question_id
JOIN standard s ON s.id = q.standard_id
WHERE an.grade = 'not-applicable'
GROUP BY c.round_id, s.standard_key, q.question_key, c.sector_code, COALESCE(an.na_reason, '');
