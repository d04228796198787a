-- Closed business and the slip's remaining fields; chapter currency and summary; stats privacy.

ALTER TABLE referrals ADD COLUMN amount_cents INTEGER;     -- value of business closed, minor units
ALTER TABLE referrals ADD COLUMN currency TEXT;            -- the chapter's currency when closed
ALTER TABLE referrals ADD COLUMN closed_at TEXT;
ALTER TABLE referrals ADD COLUMN how_hot INTEGER CHECK (how_hot BETWEEN 1 AND 5);
ALTER TABLE referrals ADD COLUMN inside INTEGER;           -- 1 inside, 0 outside, NULL not said
CREATE INDEX referrals_closed ON referrals (chapter_id, closed_at) WHERE status = 'closed';

ALTER TABLE chapters ADD COLUMN currency TEXT;             -- NULL: the bot's default
ALTER TABLE chapters ADD COLUMN amounts_hidden INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chapters ADD COLUMN summary_weekday INTEGER;   -- NULL: no weekly summary
ALTER TABLE chapters ADD COLUMN summary_time TEXT;
ALTER TABLE chapters ADD COLUMN next_summary_at TEXT;
CREATE INDEX chapters_summary_due ON chapters (next_summary_at)
    WHERE next_summary_at IS NOT NULL AND active = 1;

ALTER TABLE members ADD COLUMN stats_hidden INTEGER NOT NULL DEFAULT 0;
