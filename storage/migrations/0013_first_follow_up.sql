-- /stats reads each referral's first follow-up time from the referral itself: looking it up in
-- the history, one referral at a time, cost a chapter of 50,000 referrals (in a million) over a
-- second. Set when the receiver first moves the referral on (storage/referrals.py); filled in
-- here from the history for what came before. The chapter index covers it, so the numbers of a
-- period are read from the index alone.
ALTER TABLE referrals ADD COLUMN first_follow_up_at TEXT;

UPDATE referrals SET first_follow_up_at = (
    SELECT MIN(e.at) FROM referral_events e
    WHERE e.referral_id = referrals.id AND e.status != 'open'
) WHERE status != 'open';

DROP INDEX referrals_chapter;
CREATE INDEX referrals_chapter ON referrals
    (chapter_id, created_at, giver_id, receiver_id, follow_up_due_at, first_follow_up_at);
