-- Return figures per round and sector: the cohort (exempt returns apart), the returns submitted, those on time, and
-- the exempt returns. Kept up to date when the cohort is made or changed and when a return is submitted or reopened,
-- so the dashboard and the report read a row per sector instead of counting a round's returns on every view.
CREATE TABLE round_sector_returns (
    round_id    BIGINT      NOT NULL,
    sector_code VARCHAR(40) NOT NULL,
    cohort      INT         NOT NULL,
    returned    INT         NOT NULL,
    on_time     INT         NOT NULL,
    exempt      INT         NOT NULL,
    PRIMARY KEY (round_id, sector_code)
);

INSERT INTO round_sector_returns (round_id, sector_code, cohort, returned, on_time, exempt)
SELECT r.round_id, a.sector_code,
       SUM(CASE WHEN r.exempt_reason IS NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN r.exempt_reason IS NULL AND r.status = 'SUBMITTED' THEN 1 ELSE 0 END),
       SUM(CASE WHEN r.exempt_reason IS NULL AND r.status = 'SUBMITTED' AND r.late = FALSE THEN 1 ELSE 0 END),
       SUM(CASE WHEN r.exempt_reason IS NOT NULL THEN 1 ELSE 0 END)
FROM audit_return r JOIN agency a ON a.id = r.agency_id
GROUP BY r.round_id, a.sector_code;
