"""Every reason a request can be refused for, across the bot (details named beside each)."""

from __future__ import annotations

import enum


class Reason(enum.Enum):
    # passing a referral
    NO_RECEIVER = "no_receiver"
    SEVERAL_RECEIVERS = "several_receivers"  # details: names (as written)
    SELF = "self"
    BOT = "bot"
    NO_PROSPECT = "no_prospect"
    TOO_LONG = "too_long"  # details: length, limit
    NOT_IN_CHAPTER = "not_in_chapter"  # the receiver is known only elsewhere; details: username
    # acting on a referral
    NOT_FOUND = "not_found"  # details: referral_id
    NOT_RECEIVER = "not_receiver"  # details: referral_id, closing (True for /closed)
    SLIP_NOT_FOUND = "slip_not_found"  # details: referral_id
    NOT_PARTY = "not_party"  # only its giver and receiver see a slip; details: referral_id
    NOT_GIVER = "not_giver"
    ALREADY_PAST = "already_past"  # details: referral_id, status
    SNOOZE_LIMIT = "snooze_limit"  # details: referral_id
    TOO_LATE_TO_EDIT = "too_late_to_edit"  # the receiver acted already; details: referral_id
    NOT_DUE_YET = "not_due_yet"  # a snooze before any nudge was sent; details: referral_id
    CANNOT_CLOSE = "cannot_close"  # marked not a fit; details: referral_id
    BAD_AMOUNT = "bad_amount"  # details: problem (a Refused), referral_id
    WRONG_CURRENCY = "wrong_currency"  # details: written, currency
    EXPORT_UNDELIVERABLE = "export_undeliverable"  # no private chat yet; details: link
    # reading what a member typed
    UNREADABLE_AMOUNT = "unreadable_amount"  # details: text
    AMOUNT_NOT_POSITIVE = "amount_not_positive"
    AMOUNT_TOO_LARGE = "amount_too_large"
    AMOUNT_BELOW_A_CENT = "amount_below_a_cent"
    AMBIGUOUS_AMOUNT = "ambiguous_amount"  # details: joined, first, rest
    UNCLEAR_DECIMAL_MARK = "unclear_decimal_mark"  # details: text, readings ((shown, written),)
    TOO_MANY_DECIMALS = "too_many_decimals"
    AMOUNT_MISSING = "amount_missing"
    NOT_A_DURATION = "not_a_duration"  # details: text
    ZERO_DURATION = "zero_duration"
    NOT_A_WEEKDAY = "not_a_weekday"  # details: text
    NOT_A_TIME = "not_a_time"  # details: text
    # a chapter's settings
    BAD_SETTING = "bad_setting"  # details: setting, problem (a Refused)
    UNKNOWN_TIMEZONE = "unknown_timezone"  # details: name
    NOT_A_CURRENCY = "not_a_currency"  # details: text
    NOT_A_LANGUAGE = "not_a_language"  # details: text, codes
    WINDOW_OUT_OF_RANGE = "window_out_of_range"
    NEEDS_VALUE = "needs_value"  # details: setting
    # the weekly meeting and its visitors
    MEETING_ALREADY_OPEN = "meeting_already_open"
    NO_OPEN_MEETING = "no_open_meeting"
    NO_MEETING_YET = "no_meeting_yet"
    NOT_ON_ROSTER = "not_on_roster"  # details: name
    CHECK_IN_CLOSED = "check_in_closed"
    NO_SUBSTITUTE = "no_substitute"
    NO_VISITOR_NAME = "no_visitor_name"
    MEETING_TEXT_TOO_LONG = "meeting_text_too_long"  # details: length, limit
    VISITOR_NOT_FOUND = "visitor_not_found"  # details: visitor_id
    NOT_VISITOR_HOST = "not_visitor_host"
    VISITOR_JOINED_BY_ADMINS = "visitor_joined_by_admins"
    VISITOR_ALREADY_CAME = "visitor_already_came"  # details: visitor
    VISITOR_ALREADY_JOINED = "visitor_already_joined"  # details: visitor
    VISITOR_ALREADY_LOGGED = "visitor_already_logged"  # details: visitor
    VISITOR_ALREADY_INVITED = "visitor_already_invited"  # details: visitor
    VISITOR_NOT_CAME_YET = "visitor_not_came_yet"  # details: visitor
    SUBSTITUTE_IS_MEMBER = "substitute_is_member"  # details: name
    ABSENCE_RULE_UNREADABLE = "absence_rule_unreadable"  # /settings absences
    ABSENCE_LIMIT_OUT_OF_RANGE = "absence_limit_out_of_range"  # details: most
    ABSENCE_MONTHS_OUT_OF_RANGE = "absence_months_out_of_range"  # details: most
    # the scorecard: one-to-ones, testimonials, education credits
    NO_PARTNER = "no_partner"
    PARTNER_SELF = "partner_self"
    PARTNER_BOT = "partner_bot"
    PARTNER_NOT_MEMBER = "partner_not_member"  # details: name
    ONE_TO_ONE_FUTURE = "one_to_one_future"
    ONE_TO_ONE_TOO_OLD = "one_to_one_too_old"
    NOTE_TOO_LONG = "note_too_long"  # details: length
    ONE_TO_ONE_LOGGED = "one_to_one_logged"  # details: day (ISO)
    NO_TESTIMONIAL_SUBJECT = "no_testimonial_subject"
    TESTIMONIAL_SELF = "testimonial_self"
    TESTIMONIAL_BOT = "testimonial_bot"
    TESTIMONIAL_NOT_MEMBER = "testimonial_not_member"  # details: name
    TESTIMONIAL_EMPTY = "testimonial_empty"
    TESTIMONIAL_TOO_LONG = "testimonial_too_long"  # details: length
    CEU_EMPTY = "ceu_empty"
    CEU_TOO_LONG = "ceu_too_long"  # details: length
    CEU_TODAY_ALREADY = "ceu_today_already"
    TIP_NOT_FOUND = "tip_not_found"  # "I read it" under no tip of this chapter's chat
    TIP_CREDIT_ALREADY = "tip_credit_already"
    ONE_TO_ONE_GONE = "one_to_one_gone"  # no such one-to-one (or, by link, not the partner's)
    ONE_TO_ONE_NOT_YOURS = "one_to_one_not_yours"
    ONE_TO_ONE_ANSWERED = "one_to_one_answered"
    SCORE_MONTHS = "score_months"  # /settings score months; details: text
    SCORE_AREA = "score_area"  # details: text
    SCORE_GOAL = "score_goal"  # details: text
    SCORE_GOAL_UNCLEAR = "score_goal_unclear"  # 1,500: details: text, decimal, whole
