-- The outbox: every message that must follow a stored fact (the group's confirmation, the slip,
-- the giver's copy and notes, the thank-you, a nudge's group fallback) is written here in the
-- same transaction as the fact, and delivered from here; a delivered row is deleted.
CREATE TABLE outbox (
    id             INTEGER PRIMARY KEY,
    priority       INTEGER NOT NULL,    -- 0 the group's answer to a command, 1 private notes, 2 scheduled posts
    kind           TEXT    NOT NULL,    -- what the message is, for the log
    user_id        INTEGER,             -- a private message to this member ...
    chapter_id     INTEGER REFERENCES chapters (id) ON DELETE CASCADE,  -- ... or a post in this chapter
    referral_id    INTEGER REFERENCES referrals (id) ON DELETE CASCADE,
    text           TEXT    NOT NULL,    -- HTML, rendered when the fact was stored
    buttons        TEXT,                -- inline keyboard, as Bot API JSON
    reply_to       INTEGER,             -- a group post: the message it answers
    thread_id      INTEGER,             -- a group post: the forum topic
    fallback       TEXT,                -- a private message: posted in the chapter if the member can't be written to
    quiet          INTEGER NOT NULL DEFAULT 0,  -- waits out the chapter's quiet hours
    copy_chat_id   INTEGER,             -- a private copy of this message (a photo sent with a
    copy_message_id INTEGER,            -- referral); `text` is then its caption
    due_at         TEXT    NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    claimed_by     TEXT,                -- the sending process, while it sends (a lease, renewed)
    claimed_until  TEXT,
    failed_at      TEXT,                -- given up: Telegram refused the message itself
    error          TEXT,
    created_at     TEXT    NOT NULL,
    CHECK (user_id IS NOT NULL OR chapter_id IS NOT NULL)
);
-- A lane is one destination chat, sent in order: the next row of a member, or of a chapter's group.
CREATE INDEX outbox_private_lane ON outbox (user_id, priority, id)
    WHERE user_id IS NOT NULL AND failed_at IS NULL;
CREATE INDEX outbox_group_lane ON outbox (chapter_id, priority, id)
    WHERE user_id IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_due ON outbox (due_at) WHERE failed_at IS NULL;

-- The private /refer form of each member, one step at a time: survives restarts, and any
-- process sharing the database continues it (each step moves it on only from the step it read).
CREATE TABLE referral_forms (
    user_id      INTEGER PRIMARY KEY,
    step         TEXT    NOT NULL,
    chapter_id   INTEGER REFERENCES chapters (id) ON DELETE CASCADE,
    receiver_id  INTEGER,
    prospect     TEXT,
    contact      TEXT,
    how_hot      INTEGER,
    inside       INTEGER,
    from_command INTEGER NOT NULL DEFAULT 0,  -- filled in from `/refer @name prospect`
    updated_at   TEXT    NOT NULL
);
