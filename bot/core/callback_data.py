"""Every inline button's data, built and parsed here and nowhere else.

Data is short (Telegram allows 64 bytes), starts with a feature prefix, and is parsed strictly:
a client can send any bytes, so anything that doesn't match exactly is None ("this button no
longer works"). Handlers register with `matches(parser)`, so a pattern can't drift from its parser.

- `fu:<referral>:<c|m|n|s>`  follow-up: contacted, meeting set, not a fit, remind me tomorrow
- `sf:<referral>:<h1-5|i|o>` the giver's slip fields: how hot, inside or outside
- `rf:<step>[:<value>]`       the private referral form's steps
- `mt:<meeting>:<p|l|s>`      the check-in: present, late, substitute
- `va:<visitor>`              a visitor host: the visitor arrived
- `vf:<visitor>:<c|a|n>`      the visitor follow-up: called, applying, not interested
- `mn:<page>`                 /mine: turn to a page of the member's own referrals
- `oo:<one-to-one>:<y|n>`     the partner confirms a one-to-one took place, or not
- `cr:<chapter>:<week>`       "I read it": an education credit for the week's tip
- `lg:<code>`                 /language: the member chooses a language (es, pt_BR, ru, en)

The /start links the group hands out (t.me/<bot>?start=<payload>, `Messenger.deep_link`) are
built and parsed here too; a handler's filter reads them with `handlers.parts.start_with`:

- `ref_<referral>`            the slip, for its giver or receiver
- `oo_<one-to-one>`           the partner's question: did you meet?
- `visitor_<visitor>`         a visitor's details, for a host the bot couldn't write to
- `roster`, `export`, `scorecard`  the chat is open now: ask again
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.i18n import LANGUAGES
from storage.meetings import Mark
from storage.visitors import VisitorOutcome


def matches(parse: Callable[[str | None], Any]) -> Callable[[object], bool]:
    """A CallbackQueryHandler pattern: the data is ours exactly when `parse` reads it."""
    return lambda data: isinstance(data, str) and parse(data) is not None


# Follow-up -------------------------------------------------------------------------------------


class FollowUpAction(enum.Enum):
    CONTACTED = "c"
    MEETING = "m"
    NOT_A_FIT = "n"
    SNOOZE = "s"


_FOLLOW_UP = re.compile(r"^fu:(\d{1,12}):([cmns])$")


@dataclass(frozen=True, slots=True)
class FollowUpPress:
    referral_id: int
    action: FollowUpAction


def follow_up_data(referral_id: int, action: FollowUpAction) -> str:
    return f"fu:{referral_id}:{action.value}"


def parse_follow_up(data: str | None) -> FollowUpPress | None:
    match = _FOLLOW_UP.match(data or "")
    if not match:
        return None
    return FollowUpPress(int(match.group(1)), FollowUpAction(match.group(2)))


# Slip fields -----------------------------------------------------------------------------------

_SLIP_FIELD = re.compile(r"^sf:(\d{1,12}):(h[1-5]|i|o)$")


@dataclass(frozen=True, slots=True)
class SlipFieldPress:
    referral_id: int
    how_hot: int | None
    inside: bool | None


def how_hot_data(referral_id: int, level: int) -> str:
    return f"sf:{referral_id}:h{level}"


def inside_data(referral_id: int, inside: bool) -> str:
    return f"sf:{referral_id}:{'i' if inside else 'o'}"


def parse_slip_field(data: str | None) -> SlipFieldPress | None:
    match = _SLIP_FIELD.match(data or "")
    if not match:
        return None
    value = match.group(2)
    if value.startswith("h"):
        return SlipFieldPress(int(match.group(1)), int(value[1]), None)
    return SlipFieldPress(int(match.group(1)), None, value == "i")


# The private referral form ---------------------------------------------------------------------


class FormStep(enum.Enum):
    CHAPTER = "ch"  # value: chapter id
    MEMBER = "m"  # value: the receiver's user id
    PAGE = "pg"  # value: page number
    SKIP = "skip"
    HOW_HOT = "hot"  # value: 1-5
    INSIDE = "io"  # value: True inside, False outside
    CONFIRM = "ok"
    CANCEL = "x"


_FORM = re.compile(
    r"^rf:(?:(ch):(\d{1,12})|(m):(\d{1,15})|(pg):(\d{1,4})|(hot):([1-5])|(io):([io]))$"
)
_FORM_BARE = re.compile(r"^rf:(skip|ok|x)$")


@dataclass(frozen=True, slots=True)
class FormPress:
    step: FormStep
    value: int = 0  # the chapter, member, page or level; for INSIDE 1 (inside) or 0


def form_data(step: FormStep, value: int | bool | None = None) -> str:
    if value is None:
        return f"rf:{step.value}"
    if step is FormStep.INSIDE:
        return f"rf:{step.value}:{'i' if value else 'o'}"
    return f"rf:{step.value}:{int(value)}"


def parse_form(data: str | None) -> FormPress | None:
    if bare := _FORM_BARE.match(data or ""):
        return FormPress(FormStep(bare.group(1)))
    match = _FORM.match(data or "")
    if not match:
        return None
    step, value = (group for group in match.groups() if group is not None)
    if step == FormStep.INSIDE.value:
        return FormPress(FormStep.INSIDE, int(value == "i"))
    return FormPress(FormStep(step), int(value))


def form_step(step: FormStep) -> Callable[[str | None], FormPress | None]:
    """A parser that reads only presses of `step` (for one handler's pattern)."""

    def parse(data: str | None) -> FormPress | None:
        press = parse_form(data)
        return press if press is not None and press.step is step else None

    return parse


# The weekly meeting and visitors ----------------------------------------------------------------

_CHECK_IN = re.compile(r"^mt:(\d{1,12}):([pls])$")
_ARRIVED = re.compile(r"^va:(\d{1,12})$")
_VISITOR_FOLLOW_UP = re.compile(r"^vf:(\d{1,12}):([can])$")
_MARK_CODES = {Mark.PRESENT: "p", Mark.LATE: "l", Mark.SUBSTITUTE: "s"}
_OUTCOME_CODES = {
    VisitorOutcome.CALLED: "c",
    VisitorOutcome.APPLYING: "a",
    VisitorOutcome.NOT_INTERESTED: "n",
}


@dataclass(frozen=True, slots=True)
class CheckInPress:
    meeting_id: int
    mark: Mark


@dataclass(frozen=True, slots=True)
class VisitorFollowUpPress:
    visitor_id: int
    outcome: VisitorOutcome


def check_in_data(meeting_id: int, mark: Mark) -> str:
    return f"mt:{meeting_id}:{_MARK_CODES[mark]}"


def _prefixed(prefix: str) -> Callable[[object], bool]:
    """A CallbackQueryHandler pattern for every button of a feature, readable or not: a forged
    or outdated one is answered by the feature's handler, in the feature's words."""
    return lambda data: isinstance(data, str) and data.startswith(prefix)


is_check_in = _prefixed("mt:")


def parse_check_in(data: str | None) -> CheckInPress | None:
    match = _CHECK_IN.match(data or "")
    if not match:
        return None
    by_code = {code: mark for mark, code in _MARK_CODES.items()}
    return CheckInPress(int(match.group(1)), by_code[match.group(2)])


def arrived_data(visitor_id: int) -> str:
    return f"va:{visitor_id}"


def parse_arrived(data: str | None) -> int | None:
    match = _ARRIVED.match(data or "")
    return int(match.group(1)) if match else None


def visitor_follow_up_data(visitor_id: int, outcome: VisitorOutcome) -> str:
    return f"vf:{visitor_id}:{_OUTCOME_CODES[outcome]}"


def parse_visitor_follow_up(data: str | None) -> VisitorFollowUpPress | None:
    match = _VISITOR_FOLLOW_UP.match(data or "")
    if not match:
        return None
    by_code = {code: outcome for outcome, code in _OUTCOME_CODES.items()}
    return VisitorFollowUpPress(int(match.group(1)), by_code[match.group(2)])


# /mine pages -----------------------------------------------------------------------------------

_MINE_PAGE = re.compile(r"^mn:(\d{1,4})$")


def mine_page_data(page: int) -> str:
    return f"mn:{page}"


def parse_mine_page(data: str | None) -> int | None:
    match = _MINE_PAGE.match(data or "")
    return int(match.group(1)) if match else None


# The scorecard: a one-to-one confirmed (or not), an education minute read -------------------

_ONE_TO_ONE = re.compile(r"^oo:(\d{1,12}):([yn])$")
_TIP_READ = re.compile(r"^cr:(\d{1,12}):(\d{4}-W\d{2})$")


@dataclass(frozen=True, slots=True)
class OneToOnePress:
    one_to_one_id: int
    met: bool


@dataclass(frozen=True, slots=True)
class TipReadPress:
    chapter_id: int
    week: str


is_one_to_one = _prefixed("oo:")
is_tip_read = _prefixed("cr:")


def one_to_one_data(one_to_one_id: int, met: bool) -> str:
    return f"oo:{one_to_one_id}:{'y' if met else 'n'}"


def parse_one_to_one(data: str | None) -> OneToOnePress | None:
    match = _ONE_TO_ONE.match(data or "")
    return OneToOnePress(int(match.group(1)), match.group(2) == "y") if match else None


def tip_read_data(chapter_id: int, week: str) -> str:
    return f"cr:{chapter_id}:{week}"


def parse_tip_read(data: str | None) -> TipReadPress | None:
    match = _TIP_READ.match(data or "")
    return TipReadPress(int(match.group(1)), match.group(2)) if match else None


# /language: a member's language for private messages --------------------------------------------

_LANGUAGE = re.compile(r"^lg:([a-z]{2,3}(?:_[A-Z]{2})?)$")


def language_data(code: str) -> str:
    return f"lg:{code}"


def parse_language(data: str | None) -> str | None:
    """A shipped language's code, or None (an old button for a language no longer shipped)."""
    match = _LANGUAGE.match(data or "")
    return match.group(1) if match and match.group(1) in LANGUAGES else None


# /start links ------------------------------------------------------------------------------------

_SLIP_START = re.compile(r"^ref_(\d{1,18})$")
_ONE_TO_ONE_START = re.compile(r"^oo_(\d{1,12})$")
_VISITOR_START = re.compile(r"^visitor_(\d{1,18})$")


class AskAgain(enum.StrEnum):
    """A /start link that only opens the chat: the member asks for the list or file again."""

    ROSTER = "roster"
    EXPORT = "export"
    SCORECARD = "scorecard"


def _number(pattern: re.Pattern[str], payload: str | None) -> int | None:
    match = pattern.match(payload or "")
    return int(match.group(1)) if match else None


def slip_start(referral_id: int) -> str:
    return f"ref_{referral_id}"


def parse_slip_start(payload: str | None) -> int | None:
    return _number(_SLIP_START, payload)


def one_to_one_start(one_to_one_id: int) -> str:
    return f"oo_{one_to_one_id}"


def parse_one_to_one_start(payload: str | None) -> int | None:
    return _number(_ONE_TO_ONE_START, payload)


def visitor_start(visitor_id: int) -> str:
    return f"visitor_{visitor_id}"


def parse_visitor_start(payload: str | None) -> int | None:
    return _number(_VISITOR_START, payload)


def parse_ask_again(payload: str | None) -> AskAgain | None:
    """roster or export (the links that say "ask again"; /start scorecard only greets)."""
    wanted = {AskAgain.ROSTER, AskAgain.EXPORT}
    return next((item for item in wanted if item.value == payload), None)
