-- Follow-up history, and reminders: every nudge or escalation is a row with a due time.

CREATE TABLE referral_events (
    id           INTEGER PRIMARY KEY,
    referral_id  INTEGER NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    status       TEXT    NOT NULL,
    note         TEXT,
    by_user_id   INTEGER,
    at           TEXT    NOT NULL
);
CREATE INDEX referral_events_referral ON referral_events (referral_id, at);

-- Every referral stored so far starts its history as it was passed.
INSERT INTO referral_events (referral_id, status, by_user_id, at)
    SELECT id, 'open', giver_id, created_at FROM referrals;

CREATE TABLE reminders (
    id           INTEGER PRIMARY KEY,
    referral_id  INTEGER NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('nudge', 'escalation')),
    due_at       TEXT    NOT NULL,
    snoozes      INTEGER NOT NULL DEFAULT 0,
    attempts     INTEGER NOT NULL DEFAULT 0,
    done_at      TEXT,              -- NULL while pending
    outcome      TEXT,              -- sent, group_fallback, cancelled, undeliverable
    UNIQUE (referral_id, kind)
);
-- The sweep reads only pending rows by due time: its cost follows what is due, not what is stored.
CREATE INDEX reminders_due ON reminders (due_at) WHERE done_at IS NULL;

INSERT INTO reminders (referral_id, kind, due_at)
    SELECT id, 'nudge', follow_up_due_at FROM referrals WHERE status = 'open';
INSERT INTO reminders (referral_id, kind, due_at)
    SELECT id, 'escalation', strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+7 days')
    FROM referrals WHERE status = 'open';

CREATE INDEX referrals_open_due ON referrals (chapter_id, follow_up_due_at) WHERE status = 'open';
