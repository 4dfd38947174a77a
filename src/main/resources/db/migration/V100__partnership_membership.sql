-- Partnerships kept apart: staff belong to one or more partnerships, and a message and an uploaded tool version
-- belong to one. Staff without a partnership get the only partnership when there is exactly one; otherwise they
-- keep no access until an admin assigns one.
CREATE TABLE staff_partnership (
    staff_user_id  BIGINT NOT NULL,
    partnership_id BIGINT NOT NULL,
    PRIMARY KEY (staff_user_id, partnership_id),
    CONSTRAINT fk_sp_staff_user FOREIGN KEY (staff_user_id) REFERENCES staff_user (id),
    CONSTRAINT fk_sp_partnership FOREIGN KEY (partnership_id) REFERENCES partnership (id)
);
CREATE INDEX ix_sp_partnership ON staff_partnership (partnership_id);

INSERT INTO staff_partnership (staff_user_id, partnership_id)
SELECT id, partnership_id FROM staff_user WHERE partnership_id IS NOT NULL;

INSERT INTO staff_partnership (staff_user_id, partnership_id)
SELECT u.id, (SELECT MIN(p.id) FROM partnership p) FROM staff_user u
WHERE u.partnership_id IS NULL AND (SELECT COUNT(*) FROM partnership) = 1;

ALTER TABLE staff_user DROP FOREIGN KEY fk_staff_user_partnership;
ALTER TABLE staff_user DROP COLUMN partnership_id;

-- Null: available to every partnership (the shipped audit-tools/ and versions an admin publishes).
ALTER TABLE tool_version ADD COLUMN partnership_id BIGINT;
ALTER TABLE tool_version ADD CONSTRAINT fk_tool_version_partnership FOREIGN KEY (partnership_id) REFERENCES partnership (id);

ALTER TABLE outbox_message ADD COLUMN partnership_id BIGINT;
ALTER TABLE outbox_message ADD CONSTRAINT fk_outbox_partnership FOREIGN KEY (partnership_id) REFERENCES partnership (id);
UPDATE outbox_message SET partnership_id = (
    SELECT rd.partnership_id FROM audit_return r JOIN audit_round rd ON rd.id = r.round_id
    WHERE r.id = outbox_message.return_id)
WHERE return_id IS NOT NULL;
CREATE INDEX ix_outbox_partnership ON outbox_message (partnership_id, id);

-- An agency of the same name may exist in two partnerships that do not share it: names are unique within a
-- partnership's directory (checked by the application), not install-wide.
ALTER TABLE agency DROP INDEX uk_agency_name_sector;
CREATE INDEX ix_agency_name_sector ON agency (name, sector_code);
CREATE INDEX ix_ap_partnership ON agency_partnership (partnership_id, agency_id);
