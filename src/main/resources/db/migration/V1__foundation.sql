-- The whole Section 11 process: partnerships, agencies, audit tools, rounds, returns,
-- chasing, moderation and reporting. Written once for H2 (MODE=MariaDB) and MariaDB 10.11.

CREATE TABLE partnership (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    code          VARCHAR(40)  NOT NULL,
    name          VARCHAR(200) NOT NULL,
    contact_name  VARCHAR(200),
    contact_email VARCHAR(254),
    contact_phone VARCHAR(40),
    CONSTRAINT uk_partnership_code UNIQUE (code)
);

CREATE TABLE sector (
    code       VARCHAR(40)  NOT NULL PRIMARY KEY,
    name       VARCHAR(120) NOT NULL,
    sort_order INT          NOT NULL
);

INSERT INTO sector (code, name, sort_order) VALUES
    ('statutory', 'Statutory', 1),
    ('health', 'Health', 2),
    ('gp-practice', 'GP practice', 3),
    ('school', 'School', 4),
    ('further-education', 'Further education', 5),
    ('early-years', 'Early years and childcare', 6),
    ('voluntary-community', 'Voluntary and community', 7),
    ('sport-culture', 'Sport and culture', 8),
    ('faith', 'Faith', 9),
    ('commercial', 'Commercial', 10);

CREATE TABLE agency (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    sector_code  VARCHAR(40)  NOT NULL,
    sub_type     VARCHAR(120),
    cycle_group  VARCHAR(1)      NOT NULL,
    lead_name    VARCHAR(200),
    lead_email   VARCHAR(254),
    senior_name  VARCHAR(200),
    senior_email VARCHAR(254),
    active       BOOLEAN      NOT NULL,
    created_at   TIMESTAMP(6) NOT NULL,
    updated_at   TIMESTAMP(6) NOT NULL,
    version      INT          NOT NULL,
    CONSTRAINT fk_agency_sector FOREIGN KEY (sector_code) REFERENCES sector (code),
    CONSTRAINT uk_agency_name_sector UNIQUE (name, sector_code)
);
CREATE INDEX ix_agency_sector ON agency (sector_code);
CREATE INDEX ix_agency_group ON agency (cycle_group);

CREATE TABLE agency_partnership (
    agency_id      BIGINT NOT NULL,
    partnership_id BIGINT NOT NULL,
    PRIMARY KEY (agency_id, partnership_id),
    CONSTRAINT fk_ap_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
    CONSTRAINT fk_ap_partnership FOREIGN KEY (partnership_id) REFERENCES partnership (id)
);

CREATE TABLE staff_user (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    email          VARCHAR(254) NOT NULL,
    display_name   VARCHAR(200) NOT NULL,
    password_hash  VARCHAR(100) NOT NULL,
    roles          VARCHAR(100) NOT NULL,
    active         BOOLEAN      NOT NULL,
    partnership_id BIGINT,
    created_at     TIMESTAMP(6) NOT NULL,
    password_changed_at TIMESTAMP(6),
    CONSTRAINT uk_staff_user_email UNIQUE (email),
    CONSTRAINT fk_staff_user_partnership FOREIGN KEY (partnership_id) REFERENCES partnership (id)
);

-- Audit tools: one row per published version; the YAML it came from is kept so a changed file can be explained.
CREATE TABLE tool_version (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    tool_key     VARCHAR(80)  NOT NULL,
    version      VARCHAR(40)  NOT NULL,
    variant      VARCHAR(20)  NOT NULL,
    title        VARCHAR(200) NOT NULL,
    description  VARCHAR(4000),
    content_hash VARCHAR(64)     NOT NULL,
    source_name  VARCHAR(300) NOT NULL,
    source_yaml  LONGTEXT     NOT NULL,
    published_at TIMESTAMP(6) NOT NULL,
    published_by VARCHAR(254),
    CONSTRAINT uk_tool_version UNIQUE (tool_key, version)
);

CREATE TABLE tool_version_sector (
    tool_version_id BIGINT      NOT NULL,
    sector_code     VARCHAR(40) NOT NULL,
    PRIMARY KEY (tool_version_id, sector_code),
    CONSTRAINT fk_tvs_tool FOREIGN KEY (tool_version_id) REFERENCES tool_version (id),
    CONSTRAINT fk_tvs_sector FOREIGN KEY (sector_code) REFERENCES sector (code)
);

CREATE TABLE standard (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    tool_version_id BIGINT        NOT NULL,
    standard_key    VARCHAR(80)   NOT NULL,
    title           VARCHAR(200)  NOT NULL,
    description     VARCHAR(4000) NOT NULL,
    position        INT           NOT NULL,
    CONSTRAINT fk_standard_tool FOREIGN KEY (tool_version_id) REFERENCES tool_version (id),
    CONSTRAINT uk_standard_key UNIQUE (tool_version_id, standard_key)
);

CREATE TABLE question (
    id                    BIGINT AUTO_INCREMENT PRIMARY KEY,
    standard_id           BIGINT        NOT NULL,
    question_key          VARCHAR(80)   NOT NULL,
    text                  TEXT          NOT NULL,
    na_allowed            BOOLEAN       NOT NULL,
    position              INT           NOT NULL,
    guidance_outstanding  TEXT          NOT NULL,
    guidance_good         TEXT          NOT NULL,
    guidance_requires_improvement TEXT  NOT NULL,
    guidance_inadequate   TEXT          NOT NULL,
    CONSTRAINT fk_question_standard FOREIGN KEY (standard_id) REFERENCES standard (id)
);
CREATE INDEX ix_question_standard ON question (standard_id);

-- Empty for a question means it applies to every sector of its tool version.
CREATE TABLE question_sector (
    question_id BIGINT      NOT NULL,
    sector_code VARCHAR(40) NOT NULL,
    PRIMARY KEY (question_id, sector_code),
    CONSTRAINT fk_qs_question FOREIGN KEY (question_id) REFERENCES question (id),
    CONSTRAINT fk_qs_sector FOREIGN KEY (sector_code) REFERENCES sector (code)
);

-- Rounds: one year's audit for one partnership.
CREATE TABLE audit_round (
    id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
    partnership_id     BIGINT       NOT NULL,
    name               VARCHAR(80)  NOT NULL,
    cycle_group        VARCHAR(1),
    opens_on           DATE         NOT NULL,
    due_on             DATE         NOT NULL,
    closes_on          DATE         NOT NULL,
    status             VARCHAR(20)  NOT NULL,
    sent_at            TIMESTAMP(6),
    chaser_repeat_days INT          NOT NULL,
    chaser_max         INT          NOT NULL,
    created_at         TIMESTAMP(6) NOT NULL,
    version            INT          NOT NULL,
    CONSTRAINT fk_round_partnership FOREIGN KEY (partnership_id) REFERENCES partnership (id),
    CONSTRAINT uk_round_name UNIQUE (partnership_id, name)
);

CREATE TABLE round_tool (
    round_id        BIGINT      NOT NULL,
    sector_code     VARCHAR(40) NOT NULL,
    tool_version_id BIGINT      NOT NULL,
    PRIMARY KEY (round_id, sector_code),
    CONSTRAINT fk_rt_round FOREIGN KEY (round_id) REFERENCES audit_round (id),
    CONSTRAINT fk_rt_sector FOREIGN KEY (sector_code) REFERENCES sector (code),
    CONSTRAINT fk_rt_tool FOREIGN KEY (tool_version_id) REFERENCES tool_version (id)
);

-- Days relative to the due date (negative: before it) on which a chaser goes to every agency that has not submitted.
CREATE TABLE chaser_step (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    round_id    BIGINT NOT NULL,
    offset_days INT    NOT NULL,
    CONSTRAINT fk_chaser_step_round FOREIGN KEY (round_id) REFERENCES audit_round (id),
    CONSTRAINT uk_chaser_step_offset UNIQUE (round_id, offset_days)
);

-- A return: one agency's self-assessment in one round. The cohort of a round is its returns.
CREATE TABLE audit_return (
    id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
    round_id           BIGINT       NOT NULL,
    agency_id          BIGINT       NOT NULL,
    tool_version_id    BIGINT       NOT NULL,
    cohort_reason      VARCHAR(30)  NOT NULL,
    cohort_note        VARCHAR(1000),
    token_hash         VARCHAR(64),
    token_issued_at    TIMESTAMP(6),
    status             VARCHAR(20)  NOT NULL,
    exempt_reason      VARCHAR(1000),
    invited_at         TIMESTAMP(6),
    first_opened_at    TIMESTAMP(6),
    last_saved_at      TIMESTAMP(6),
    submitted_at       TIMESTAMP(6),
    late               BOOLEAN      NOT NULL,
    submitted_by_name  VARCHAR(200),
    submitted_by_role  VARCHAR(200),
    submitted_by_email VARCHAR(254),
    escalated_at       TIMESTAMP(6),
    version            INT          NOT NULL,
    CONSTRAINT fk_return_round FOREIGN KEY (round_id) REFERENCES audit_round (id),
    CONSTRAINT fk_return_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
    CONSTRAINT fk_return_tool FOREIGN KEY (tool_version_id) REFERENCES tool_version (id),
    CONSTRAINT uk_return_round_agency UNIQUE (round_id, agency_id),
    CONSTRAINT uk_return_token UNIQUE (token_hash)
);
CREATE INDEX ix_return_agency ON audit_return (agency_id);
CREATE INDEX ix_return_round_status ON audit_return (round_id, status);

CREATE TABLE cohort_change (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    round_id   BIGINT        NOT NULL,
    agency_id  BIGINT        NOT NULL,
    change_kind VARCHAR(20)  NOT NULL,
    reason     VARCHAR(1000) NOT NULL,
    changed_by VARCHAR(254)  NOT NULL,
    changed_at TIMESTAMP(6)  NOT NULL,
    CONSTRAINT fk_cc_round FOREIGN KEY (round_id) REFERENCES audit_round (id),
    CONSTRAINT fk_cc_agency FOREIGN KEY (agency_id) REFERENCES agency (id)
);

CREATE TABLE answer (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    return_id      BIGINT       NOT NULL,
    question_id    BIGINT       NOT NULL,
    grade          VARCHAR(30),
    evidence       LONGTEXT,
    na_reason      VARCHAR(2000),
    action_what    TEXT,
    action_owner   VARCHAR(200),
    action_due     DATE,
    carried_forward BOOLEAN     NOT NULL,
    updated_at     TIMESTAMP(6) NOT NULL,
    version        INT          NOT NULL,
    CONSTRAINT fk_answer_return FOREIGN KEY (return_id) REFERENCES audit_return (id),
    CONSTRAINT fk_answer_question FOREIGN KEY (question_id) REFERENCES question (id),
    CONSTRAINT uk_answer UNIQUE (return_id, question_id)
);

-- History of a return: saves, submission, reopenings, links replaced.
CREATE TABLE return_event (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    return_id   BIGINT        NOT NULL,
    kind        VARCHAR(30)   NOT NULL,
    detail      VARCHAR(2000),
    actor       VARCHAR(254),
    occurred_at TIMESTAMP(6)  NOT NULL,
    CONSTRAINT fk_re_return FOREIGN KEY (return_id) REFERENCES audit_return (id)
);
CREATE INDEX ix_return_event_return ON return_event (return_id);

-- Every email is written here in the transaction that caused it, then delivered by a background job.
CREATE TABLE outbox_message (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    kind            VARCHAR(30)  NOT NULL,
    to_address      VARCHAR(254) NOT NULL,
    reply_to        VARCHAR(254),
    subject         VARCHAR(300) NOT NULL,
    body_text       LONGTEXT     NOT NULL,
    body_html       LONGTEXT,
    attachment_name VARCHAR(200),
    attachment_type VARCHAR(100),
    attachment      LONGBLOB,
    return_id       BIGINT,
    status          VARCHAR(20)  NOT NULL,
    attempts        INT          NOT NULL,
    last_error      VARCHAR(2000),
    next_attempt_at TIMESTAMP(6) NOT NULL,
    claimed_by      VARCHAR(100),
    claimed_until   TIMESTAMP(6),
    created_at      TIMESTAMP(6) NOT NULL,
    sent_at         TIMESTAMP(6),
    CONSTRAINT fk_outbox_return FOREIGN KEY (return_id) REFERENCES audit_return (id)
);
CREATE INDEX ix_outbox_due ON outbox_message (status, next_attempt_at);

-- One row per chaser sent; the unique key is what makes a scheduled chaser go once, however many replicas run.
CREATE TABLE chaser (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    return_id         BIGINT       NOT NULL,
    step_key          VARCHAR(60)  NOT NULL,
    manual            BOOLEAN      NOT NULL,
    template          VARCHAR(40)  NOT NULL,
    recipient         VARCHAR(254) NOT NULL,
    outbox_message_id BIGINT,
    sent_by           VARCHAR(254),
    created_at        TIMESTAMP(6) NOT NULL,
    CONSTRAINT fk_chaser_return FOREIGN KEY (return_id) REFERENCES audit_return (id),
    CONSTRAINT fk_chaser_outbox FOREIGN KEY (outbox_message_id) REFERENCES outbox_message (id),
    CONSTRAINT uk_chaser_return_step UNIQUE (return_id, step_key)
);

CREATE TABLE escalation (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    return_id      BIGINT       NOT NULL,
    escalated_at   TIMESTAMP(6) NOT NULL,
    letter_text    LONGTEXT     NOT NULL,
    meeting_on     DATE,
    outcome        VARCHAR(4000),
    CONSTRAINT fk_escalation_return FOREIGN KEY (return_id) REFERENCES audit_return (id),
    CONSTRAINT uk_escalation_return UNIQUE (return_id)
);

-- Moderation: a reproducible sample per round, visits, and moderated grades kept beside the self-assessed ones.
CREATE TABLE moderation_sample (
    id        BIGINT AUTO_INCREMENT PRIMARY KEY,
    round_id  BIGINT       NOT NULL,
    policy    VARCHAR(20)  NOT NULL,
    size      INT,
    percent   DECIMAL(5,2),
    minimum   INT          NOT NULL,
    seed      BIGINT       NOT NULL,
    drawn_at  TIMESTAMP(6) NOT NULL,
    drawn_by  VARCHAR(254) NOT NULL,
    CONSTRAINT fk_ms_round FOREIGN KEY (round_id) REFERENCES audit_round (id),
    CONSTRAINT uk_ms_round UNIQUE (round_id)
);

CREATE TABLE moderation_visit (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    round_id         BIGINT        NOT NULL,
    return_id        BIGINT        NOT NULL,
    selection        VARCHAR(20)   NOT NULL,
    selection_reason VARCHAR(1000),
    replaced_by_id   BIGINT,
    visit_date       DATE,
    place            VARCHAR(300),
    status           VARCHAR(20)   NOT NULL,
    cancel_reason    VARCHAR(1000),
    summary          TEXT,
    completed_at     TIMESTAMP(6),
    version          INT           NOT NULL,
    CONSTRAINT fk_mv_round FOREIGN KEY (round_id) REFERENCES audit_round (id),
    CONSTRAINT fk_mv_return FOREIGN KEY (return_id) REFERENCES audit_return (id),
    CONSTRAINT uk_mv_return UNIQUE (return_id)
);

CREATE TABLE visit_attendee (
    visit_id BIGINT NOT NULL,
    user_id  BIGINT NOT NULL,
    PRIMARY KEY (visit_id, user_id),
    CONSTRAINT fk_va_visit FOREIGN KEY (visit_id) REFERENCES moderation_visit (id),
    CONSTRAINT fk_va_user FOREIGN KEY (user_id) REFERENCES staff_user (id)
);

CREATE TABLE moderated_grade (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    visit_id     BIGINT        NOT NULL,
    standard_key VARCHAR(80)   NOT NULL,
    question_key VARCHAR(80)   NOT NULL,
    grade        VARCHAR(30)   NOT NULL,
    notes        VARCHAR(4000),
    CONSTRAINT fk_mg_visit FOREIGN KEY (visit_id) REFERENCES moderation_visit (id),
    CONSTRAINT uk_mg UNIQUE (visit_id, standard_key, question_key)
);

-- Report tallies kept up to date when a return is submitted or reopened, so a round report does not scan answers.
CREATE TABLE grade_tally (
    round_id     BIGINT      NOT NULL,
    standard_key VARCHAR(80) NOT NULL,
    question_key VARCHAR(80) NOT NULL,
    sector_code  VARCHAR(40) NOT NULL,
    grade        VARCHAR(30) NOT NULL,
    answers      INT         NOT NULL,
    PRIMARY KEY (round_id, standard_key, question_key, sector_code, grade),
    CONSTRAINT fk_gt_round FOREIGN KEY (round_id) REFERENCES audit_round (id)
);
