"""Rows in every table of the schema, as plain SQL either engine runs (for `db copy`'s tests).

Telegram ids past 2**31, text beyond ASCII, NULLs, reals and several rows per table (so small
batches are exercised) — what a copy between engines could get wrong.
"""

from __future__ import annotations

AT = "'2026-11-20 09:00:00'"
BIG = 7_123_456_789  # a user id past 2**31
GROUP = -1_002_233_445_566

SEED = [
    f"INSERT INTO chapters (id, chat_id, title, timezone, created_at, next_tip_at, currency,"
    f" language) VALUES (1, {GROUP}, 'Roe Bakery & Friends', 'Europe/Berlin', {AT}, {AT}, 'EUR',"
    f" 'de'), (2, {GROUP - 1}, 'Société Générale ünd Co', 'UTC', {AT}, NULL, NULL, NULL)",
    f"INSERT INTO members (user_id, username, first_name, last_name, can_dm, updated_at)"
    f" VALUES (101, 'alice', 'Alice', NULL, 1, {AT}), (102, 'Bob', 'Bob', 'Builder', 0, {AT}),"
    f" ({BIG}, NULL, 'Ἀφροδίτη', 'O''Neil', NULL, {AT})",
    f"INSERT INTO chapter_members (chapter_id, user_id, first_seen_at) VALUES (1, 101, {AT}),"
    f" (1, 102, {AT}), (1, {BIG}, {AT}), (2, 101, {AT})",
    f"INSERT INTO referrals (id, chapter_id, giver_id, receiver_id, receiver_username, prospect,"
    f" prospect_name, phone, email, status, created_at, follow_up_due_at, amount_cents, currency,"
    f" closed_at, how_hot, inside, source_message_id) VALUES"
    f" (1, 1, 101, 102, NULL, 'Jane Roe, 555-0100', 'Jane Roe', '555-0100', NULL, 'open', {AT},"
    f" {AT}, NULL, NULL, NULL, 4, 1, 77),"
    f" (2, 1, 102, 101, NULL, 'Ann, ann@example.com', 'Ann', NULL, 'ann@example.com', 'closed',"
    f" {AT}, {AT}, 250000, 'EUR', {AT}, NULL, 0, NULL),"
    f" (5, 1, 101, NULL, 'carol', 'Zoë', 'Zoë', NULL, NULL, 'open', {AT}, {AT}, NULL, NULL,"
    f" NULL, NULL, NULL, 78)",
    f"INSERT INTO referral_events (id, referral_id, status, note, by_user_id, at) VALUES"
    f" (1, 1, 'open', NULL, 101, {AT}), (2, 2, 'open', NULL, 102, {AT}),"
    f" (3, 2, 'closed', 'signed: 2,500 €', 101, {AT})",
    f"INSERT INTO reminders (id, referral_id, kind, due_at, snoozes, attempts, done_at, outcome)"
    f" VALUES (1, 1, 'nudge', {AT}, 1, 2, NULL, NULL), (2, 2, 'nudge', {AT}, 0, 1, {AT}, 'sent'),"
    f" (3, 1, 'escalation', {AT}, 0, 0, NULL, NULL)",
    f"INSERT INTO tip_posts (id, chapter_id, title, week, scheduled_for, posted_at) VALUES"
    f" (1, 1, 'Ask for one thing', '2026-W47', {AT}, {AT}),"
    f" (2, 1, 'Say thank you', '2026-W48', {AT}, {AT})",
    "INSERT INTO tip_catalog (title, position) VALUES ('Ask for one thing', 1),"
    " ('Say thank you', 2), ('Be specific', 3)",
    "INSERT INTO meeting_settings (chapter_id, absence_limit, absence_months) VALUES (1, 3, 6)",
    "INSERT INTO visitor_hosts (chapter_id, user_id) VALUES (1, 101), (1, 102)",
    f"INSERT INTO roster_exits (chapter_id, user_id, reason, at) VALUES (2, 101, 'left', {AT})",
    f"INSERT INTO meetings (id, chapter_id, opened_by, opened_at, closes_at, closed_at,"
    f" closed_by, message_id, marks_version, shown_version) VALUES"
    f" (1, 1, 101, {AT}, {AT}, {AT}, NULL, 9001, 3, 3), (2, 1, 102, {AT}, {AT}, NULL, NULL,"
    f" 9002, 0, 0)",
    f"INSERT INTO attendance (meeting_id, user_id, mark, by_user_id, at, notified_at) VALUES"
    f" (1, 101, 'present', NULL, {AT}, NULL), (1, 102, 'absent', 101, {AT}, {AT}),"
    f" (1, {BIG}, 'medical', 101, {AT}, NULL)",
    f"INSERT INTO substitutes (id, chapter_id, member_id, meeting_id, name, details, phone,"
    f" email, created_at) VALUES (1, 1, 102, 1, 'Jane Smith', 'Jane Smith, Smith Plumbing',"
    f" NULL, NULL, {AT}), (2, 1, 101, NULL, 'Tom', 'Tom, 555-0101', '555-0101', NULL, {AT})",
    f"INSERT INTO visitors (id, chapter_id, inviter_id, name, business, details, phone, email,"
    f" invited_at, came_at, meeting_id, outcome) VALUES (1, 1, 101, 'Jane Smith',"
    f" 'Smith Plumbing', 'Jane Smith, Smith Plumbing', '555-0101', 'jane@smith.example', {AT},"
    f" {AT}, 1, 'called'), (2, 1, 102, 'Max', 'Max & Co', 'Max, Max & Co', NULL, NULL, {AT},"
    f" NULL, NULL, NULL)",
    "INSERT INTO ops_state (key, value) VALUES ('webhook_secret', 's3cr3t'),"
    " ('last_start', '2026-11-20')",
    f"INSERT INTO one_to_ones (id, chapter_id, logged_by, partner_id, member_low, member_high,"
    f" met_on, note, status, created_at) VALUES (1, 1, 101, 102, 101, 102, '2026-11-19',"
    f" 'coffee', 'confirmed', {AT}), (2, 1, 102, {BIG}, 102, {BIG}, '2026-11-20', NULL,"
    f" 'pending', {AT})",
    f"INSERT INTO testimonials (id, chapter_id, writer_id, subject_id, text, created_at) VALUES"
    f" (1, 1, 101, 102, 'Bob rebuilt our shopfront <fast>', {AT}),"
    f" (2, 1, 102, 101, 'Alice: «great»', {AT})",
    f"INSERT INTO education_credits (id, chapter_id, user_id, kind, tip_week, local_day, note,"
    f" earned_at) VALUES (1, 1, 101, 'tip', '2026-W47', '2026-11-20', NULL, {AT}),"
    f" (2, 1, 102, 'ceu', NULL, '2026-11-20', 'read a book', {AT})",
    f"INSERT INTO scorecard_settings (chapter_id, months, next_send_at) VALUES (1, 6, {AT}),"
    " (2, NULL, NULL)",
    "INSERT INTO score_thresholds (chapter_id, area, threshold) VALUES (1, 'referrals', 0.75),"
    " (1, 'attendance', 12.5)",
    f"INSERT INTO scorecard_sends (chapter_id, month, user_id, outcome, at) VALUES"
    f" (1, '2026-10', 101, 'sent', {AT}), (1, '2026-10', 102, 'opted_out', {AT})",
    "INSERT INTO scorecard_opt_outs (user_id) VALUES (102)",
    f"INSERT INTO outbox (id, priority, kind, user_id, chapter_id, referral_id, text, buttons,"
    f" due_at, attempts, created_at) VALUES (1, 1, 'slip', 102, NULL, 1, '<b>Referral #1</b>',"
    f" '[[{{\"text\": \"Done\"}}]]', {AT}, 0, {AT}), (2, 0, 'confirmation', NULL, 1, 1,"
    f" 'Referral #1 recorded', NULL, {AT}, 3, {AT})",
    f"INSERT INTO referral_forms (user_id, step, chapter_id, receiver_id, prospect, contact,"
    f" how_hot, inside, from_command, updated_at) VALUES (101, 'contact', 1, 102, 'Jane',"
    f" NULL, 3, 1, 1, {AT})",
]
