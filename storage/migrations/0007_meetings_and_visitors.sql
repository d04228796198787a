-- The weekly meeting (check-in, attendance marks, substitutes), the roster, and visitors.
-- Everything due later is a column with a due time behind a partial index: the automatic close
-- (meetings.closes_at), the check-in message's batched edits (marks_version > shown_version) and
-- the visitor follow-up nudge (visitors.follow_up_due_at).

CREATE TABLE meeting_settings (
    chapter_id      INTEGER PRIMARY KEY REFERENCES chapters (id) ON DELETE CASCADE,
    absence_limit   INTEGER NOT NULL CHECK (absence_limit BETWEEN 1 AND 52),
    absence_months  INTEGER NOT NULL CHECK (absence_months BETWEEN 1 AND 24)
);

CREATE TABLE visitor_hosts (
    chapter_id  INTEGER NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES members (user_id),
    PRIMARY KEY (chapter_id, user_id)
) WITHOUT ROWID;

-- Members who left the group, or whom an admin took off the roster (their history stays).
CREATE TABLE roster_exits (
    chapter_id  INTEGER NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES members (user_id),
    reason      TEXT    NOT NULL CHECK (reason IN ('left', 'removed')),
    at          TEXT    NOT NULL,
    PRIMARY KEY (chapter_id, user_id)
) WITHOUT ROWID;

CREATE TABLE meetings (
    id                 INTEGER PRIMARY KEY,
    chapter_id         INTEGER NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
    opened_by          INTEGER,
    opened_at          TEXT    NOT NULL,
    closes_at          TEXT    NOT NULL,          -- the automatic close
    closed_at          TEXT,
    closed_by          INTEGER,                   -- NULL once closed: closed automatically
    message_id         INTEGER,                   -- the check-in message in the group
    thread_id          INTEGER,
    marks_version      INTEGER NOT NULL DEFAULT 0, -- bumped by every change of a mark
    shown_version      INTEGER NOT NULL DEFAULT 0, -- the version the check-in message shows
    shown_at           TEXT,                       -- when that message was last edited
    summary_posted_at  TEXT,
    announced_at       TEXT,                       -- the summary and every absence notice went out
    source_message_id  INTEGER
);
CREATE UNIQUE INDEX meetings_one_open ON meetings (chapter_id) WHERE closed_at IS NULL;
CREATE INDEX meetings_open_due ON meetings (closes_at) WHERE closed_at IS NULL;
CREATE INDEX meetings_unannounced ON meetings (closed_at)
    WHERE closed_at IS NOT NULL AND announced_at IS NULL;
CREATE INDEX meetings_chapter ON meetings (chapter_id, opened_at);
CREATE UNIQUE INDEX meetings_source_message ON meetings (chapter_id, source_message_id)
    WHERE source_message_id IS NOT NULL;

CREATE TABLE attendance (
    meeting_id   INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES members (user_id),
    mark         TEXT    NOT NULL
                 CHECK (mark IN ('present', 'late', 'substitute', 'absent', 'medical')),
    by_user_id   INTEGER,
    at           TEXT    NOT NULL,
    notified_at  TEXT,                            -- the member heard of an absence
    PRIMARY KEY (meeting_id, user_id)
) WITHOUT ROWID;
CREATE INDEX attendance_member ON attendance (user_id, meeting_id);

-- A substitute a member sends; meeting_id NULL: for the chapter's next meeting.
CREATE TABLE substitutes (
    id          INTEGER PRIMARY KEY,
    chapter_id  INTEGER NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
    member_id   INTEGER NOT NULL REFERENCES members (user_id),
    meeting_id  INTEGER REFERENCES meetings (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    details     TEXT    NOT NULL,                 -- as the member wrote it
    phone       TEXT,
    email       TEXT,
    created_at  TEXT    NOT NULL
);
CREATE UNIQUE INDEX substitutes_waiting ON substitutes (chapter_id, member_id)
    WHERE meeting_id IS NULL;
CREATE UNIQUE INDEX substitutes_at_meeting ON substitutes (meeting_id, member_id)
    WHERE meeting_id IS NOT NULL;

CREATE TABLE visitors (
    id                 INTEGER PRIMARY KEY,
    chapter_id         INTEGER NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
    inviter_id         INTEGER NOT NULL REFERENCES members (user_id),
    name               TEXT    NOT NULL,
    business           TEXT    NOT NULL,          -- what is left once name and contact are out
    details            TEXT    NOT NULL,          -- as the inviter wrote it
    phone              TEXT,
    email              TEXT,
    invited_at         TEXT    NOT NULL,
    came_at            TEXT,
    meeting_id         INTEGER REFERENCES meetings (id),  -- the meeting they came to
    follow_up_due_at   TEXT,                      -- the 48-hour nudge, once they came
    nudge_done_at      TEXT,
    nudge_outcome      TEXT,                      -- sent, cancelled, undeliverable
    outcome            TEXT CHECK (outcome IN ('called', 'applying', 'not_interested')),
    outcome_by         INTEGER,
    outcome_at         TEXT,
    joined_at          TEXT,
    source_message_id  INTEGER
);
CREATE INDEX visitors_chapter ON visitors (chapter_id, invited_at);
CREATE INDEX visitors_nudge_due ON visitors (follow_up_due_at)
    WHERE follow_up_due_at IS NOT NULL AND nudge_done_at IS NULL;
CREATE UNIQUE INDEX visitors_source_message ON visitors (chapter_id, source_message_id)
    WHERE source_message_id IS NOT NULL;
