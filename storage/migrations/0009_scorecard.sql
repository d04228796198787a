-- One-to-ones, testimonials, education credits, and the scorecard's settings and monthly send.

-- A one-to-one between two members of a chapter, logged by one and confirmed by the other.
-- The pair is also kept in a fixed order (low, high), so a meeting both of them log is one row.
CREATE TABLE one_to_ones (
    id           INTEGER PRIMARY KEY,
    chapter_id   INTEGER NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
    logged_by    INTEGER NOT NULL REFERENCES members (user_id),
    partner_id   INTEGER NOT NULL REFERENCES members (user_id),
    member_low   INTEGER NOT NULL,
    member_high  INTEGER NOT NULL,
    met_on       TEXT    NOT NULL,              -- the chapter's local date, YYYY-MM-DD
    note         TEXT,
    status       TEXT    NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'confirmed', 'declined')),
    created_at   TEXT    NOT NULL,
    decided_at   TEXT,
    remind_at    TEXT,                          -- UTC; the partner's one reminder, NULL when none is due
    reminded_at  TEXT,
    CHECK (logged_by != partner_id),
    UNIQUE (chapter_id, member_low, member_high, met_on)
);
CREATE INDEX one_to_ones_chapter ON one_to_ones (chapter_id, met_on);
CREATE INDEX one_to_ones_partner ON one_to_ones (partner_id, status);
-- The reminder sweep reads only rows whose reminder is due.
CREATE INDEX one_to_ones_remind_due ON one_to_ones (remind_at) WHERE remind_at IS NOT NULL;

CREATE TABLE testimonials (
    id                 INTEGER PRIMARY KEY,
    chapter_id         INTEGER NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
    writer_id          INTEGER NOT NULL REFERENCES members (user_id),
    subject_id         INTEGER NOT NULL REFERENCES members (user_id),
    text               TEXT    NOT NULL,
    created_at         TEXT    NOT NULL,
    source_message_id  INTEGER,
    CHECK (writer_id != subject_id)
);
CREATE INDEX testimonials_chapter ON testimonials (chapter_id, created_at);
CREATE UNIQUE INDEX testimonials_source_message ON testimonials (chapter_id, source_message_id)
    WHERE source_message_id IS NOT NULL;

-- Education credits: one per weekly tip read (tip_week set), or one logged with /ceu a day.
CREATE TABLE education_credits (
    id          INTEGER PRIMARY KEY,
    chapter_id  INTEGER NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES members (user_id),
    kind        TEXT    NOT NULL CHECK (kind IN ('tip', 'ceu')),
    tip_week    TEXT,                           -- kind tip: the week of the tip post, 2026-W48
    local_day   TEXT    NOT NULL,               -- the chapter's local date it was earned
    note        TEXT,
    earned_at   TEXT    NOT NULL
);
CREATE UNIQUE INDEX education_credits_one_per_tip ON education_credits (chapter_id, user_id, tip_week)
    WHERE kind = 'tip';
CREATE UNIQUE INDEX education_credits_one_ceu_a_day ON education_credits (user_id, local_day)
    WHERE kind = 'ceu';
CREATE INDEX education_credits_chapter ON education_credits (chapter_id, earned_at);

-- A chapter's scorecard: the period in months, thresholds that differ from the defaults,
-- and the next monthly send (UTC; NULL until the sweep first schedules it).
CREATE TABLE scorecard_settings (
    chapter_id    INTEGER PRIMARY KEY REFERENCES chapters (id) ON DELETE CASCADE,
    months        INTEGER,                      -- NULL: the default
    next_send_at  TEXT
);
CREATE INDEX scorecard_send_due ON scorecard_settings (next_send_at) WHERE next_send_at IS NOT NULL;

CREATE TABLE score_thresholds (
    chapter_id  INTEGER NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
    area        TEXT    NOT NULL,
    threshold   REAL    NOT NULL,
    PRIMARY KEY (chapter_id, area)
) WITHOUT ROWID;

-- The monthly send, member by member: a restart resumes it and repeats no one.
CREATE TABLE scorecard_sends (
    chapter_id  INTEGER NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
    month       TEXT    NOT NULL,               -- the chapter's local month, 2026-12
    user_id     INTEGER NOT NULL,
    outcome     TEXT    NOT NULL,               -- sent, unreachable, opted_out
    at          TEXT    NOT NULL,
    PRIMARY KEY (chapter_id, month, user_id)
) WITHOUT ROWID;

-- Members who asked not to get the monthly card (/scorecard off).
CREATE TABLE scorecard_opt_outs (
    user_id  INTEGER PRIMARY KEY REFERENCES members (user_id)
);
