"""The limits the scorecard's services enforce and its refusals quote.

Kept apart from the services so that bot/texts can quote them without importing the services
(which send those words). The reasons themselves are in bot/core/reasons.py.
"""

from __future__ import annotations

MAX_NOTE = 300  # a one-to-one's note
MAX_TESTIMONIAL = 1000
MAX_CEU_NOTE = 300
