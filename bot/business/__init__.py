"""Closed business: amounts, closing a referral, the chapter's numbers and the weekly summary."""
