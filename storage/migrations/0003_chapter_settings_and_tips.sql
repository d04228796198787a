-- Per-chapter settings (follow-up window, the weekly tip's schedule) and the tip rotation.

ALTER TABLE chapters ADD COLUMN follow_up_window_s INTEGER;          -- NULL: the bot's default
ALTER TABLE chapters ADD COLUMN tips_enabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE chapters ADD COLUMN tip_weekday INTEGER NOT NULL DEFAULT 0;  -- 0 Monday .. 6 Sunday
ALTER TABLE chapters ADD COLUMN tip_time TEXT NOT NULL DEFAULT '08:00';  -- local time, HH:MM
ALTER TABLE chapters ADD COLUMN tip_thread_id INTEGER;               -- forum topic, if chosen
ALTER TABLE chapters ADD COLUMN next_tip_at TEXT;                    -- UTC; NULL: not scheduled yet

-- The tip sweep reads only chapters whose tip is due.
CREATE INDEX chapters_tip_due ON chapters (next_tip_at)
    WHERE tips_enabled = 1 AND active = 1;

-- Each chapter's own stable order of tips, by title; new titles join at the end.
CREATE TABLE tip_rotation (
    chapter_id  INTEGER NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
    title       TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (chapter_id, title)
) WITHOUT ROWID;

-- What was posted, per chapter and local ISO week: never two tips in one week.
CREATE TABLE tip_posts (
    id             INTEGER PRIMARY KEY,
    chapter_id     INTEGER NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
    title          TEXT    NOT NULL,
    week           TEXT    NOT NULL,     -- e.g. 2026-W48, in the chapter's time zone
    scheduled_for  TEXT    NOT NULL,
    posted_at      TEXT    NOT NULL,
    UNIQUE (chapter_id, week)
);
CREATE INDEX tip_posts_chapter ON tip_posts (chapter_id, posted_at);
