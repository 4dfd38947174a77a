-- The drill-down's agency list (weakest first, then by name, 50 a page) read along one index, instead of joining
-- and sorting every counted return of the round on each page (what was left of a drill-down's cost at 5,000
-- returns). list_order: 1 Inadequate, 2 Requires Improvement, 3 Good, 4 Outstanding, 5 Not applicable;
-- agency_name is the name when the return was counted (GradeTallies), the page prints the current one.
ALTER TABLE return_standard_grade ADD COLUMN list_order INT NOT NULL DEFAULT 5;
ALTER TABLE return_standard_grade ADD COLUMN agency_name VARCHAR(200) NOT NULL DEFAULT '';
UPDATE return_standard_grade SET list_order = CASE grade WHEN 'inadequate' THEN 1 WHEN 'requires-improvement' THEN 2
    WHEN 'good' THEN 3 WHEN 'outstanding' THEN 4 ELSE 5 END;
UPDATE return_standard_grade SET agency_name = (SELECT ag.name FROM audit_return r JOIN agency ag ON ag.id = r.agency_id
    WHERE r.id = return_standard_grade.return_id);
CREATE INDEX ix_rsg_list ON return_standard_grade (round_id, standard_key, list_order, agency_name, return_id);
-- Its first two columns: with both, H2 chose this one and sorted every row of the standard again.
DROP INDEX ix_rsg_round_standard ON return_standard_grade;
