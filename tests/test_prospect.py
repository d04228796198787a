import pytest

from bot.referrals.prospect import parse_prospect


@pytest.mark.parametrize(
    ("text", "name", "phone", "email", "notes"),
    [
        (
            "Jane Roe, Roe Bakery, 555-0100, jane@roebakery.com",
            "Jane Roe",
            "555-0100",
            "jane@roebakery.com",
            "Roe Bakery",
        ),
        ("Jane Roe", "Jane Roe", None, None, ""),
        (
            "Jane Roe +44 20 7946 0958 wants a roof",
            "Jane Roe",
            "+44 20 7946 0958",
            None,
            "wants a roof",
        ),
        ("jane@roe.co.uk", "jane@roe.co.uk", None, "jane@roe.co.uk", ""),
        (
            "Jane Roe; (555) 010-0199; new shopfront",
            "Jane Roe",
            "(555) 010-0199",
            None,
            "new shopfront",
        ),
        ("Jane Roe, 2 kids, budget 5000", "Jane Roe", None, None, "2 kids, budget 5000"),
    ],
)
def test_prospect_fields(text, name, phone, email, notes):
    prospect = parse_prospect(text)
    assert (prospect.name, prospect.phone, prospect.email, prospect.notes) == (
        name,
        phone,
        email,
        notes,
    )
    assert prospect.text == text


def test_a_very_long_name_is_shortened_for_display_but_the_text_is_kept():
    prospect = parse_prospect("J" * 200)
    assert len(prospect.name) == 80 and prospect.name.endswith("…")
    assert prospect.text == "J" * 200
