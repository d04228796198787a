-- The chapter's numbers (/stats) read only these indexes, never the referral rows themselves:
-- in a chapter of 50,000 referrals among a million, row look-ups scattered over the table were
-- most of the time. Each new index starts with the old one's columns, which it replaces.
DROP INDEX referrals_chapter;
CREATE INDEX referrals_chapter ON referrals
    (chapter_id, created_at, giver_id, receiver_id, follow_up_due_at);

DROP INDEX referrals_closed;
CREATE INDEX referrals_closed ON referrals
    (chapter_id, closed_at, receiver_id, giver_id, amount_cents) WHERE status = 'closed';

DROP INDEX referral_events_referral;
CREATE INDEX referral_events_referral ON referral_events (referral_id, at, status);
