-- The Telegram message a referral came from: redelivered after a crash, it records nothing twice.

ALTER TABLE referrals ADD COLUMN source_message_id INTEGER;
CREATE UNIQUE INDEX referrals_source_message ON referrals (chapter_id, source_message_id)
    WHERE source_message_id IS NOT NULL;
