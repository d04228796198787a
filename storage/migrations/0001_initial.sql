-- Chapters, the members the bot has seen, and the referrals they pass.

CREATE TABLE chapters (
    id              INTEGER PRIMARY KEY,
    chat_id         INTEGER NOT NULL UNIQUE,
    title           TEXT    NOT NULL,
    timezone        TEXT    NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1,
    delete_hint_sent INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT    NOT NULL
);

CREATE TABLE members (
    user_id     INTEGER PRIMARY KEY,
    username    TEXT COLLATE NOCASE,
    first_name  TEXT    NOT NULL,
    last_name   TEXT,
    is_bot      INTEGER NOT NULL DEFAULT 0,
    can_dm      INTEGER,            -- NULL: never tried; 1: yes; 0: forbidden until /start
    updated_at  TEXT    NOT NULL
);
CREATE UNIQUE INDEX members_username ON members (username) WHERE username IS NOT NULL;

CREATE TABLE chapter_members (
    chapter_id  INTEGER NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES members (user_id),
    first_seen_at TEXT  NOT NULL,
    PRIMARY KEY (chapter_id, user_id)
) WITHOUT ROWID;
CREATE INDEX chapter_members_user ON chapter_members (user_id);

CREATE TABLE referrals (
    id                INTEGER PRIMARY KEY,
    chapter_id        INTEGER NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
    giver_id          INTEGER NOT NULL REFERENCES members (user_id),
    receiver_id       INTEGER REFERENCES members (user_id),
    receiver_username TEXT COLLATE NOCASE,   -- set while the receiver is only known by @username
    prospect          TEXT    NOT NULL,      -- the whole text the giver wrote
    prospect_name     TEXT    NOT NULL,
    phone             TEXT,
    email             TEXT,
    status            TEXT    NOT NULL DEFAULT 'open',
    created_at        TEXT    NOT NULL,
    follow_up_due_at  TEXT    NOT NULL,
    CHECK (receiver_id IS NOT NULL OR receiver_username IS NOT NULL)
);
CREATE INDEX referrals_chapter ON referrals (chapter_id, created_at);
CREATE INDEX referrals_receiver ON referrals (receiver_id);
CREATE INDEX referrals_giver ON referrals (giver_id);
CREATE INDEX referrals_pending_username ON referrals (receiver_username)
    WHERE receiver_username IS NOT NULL;
