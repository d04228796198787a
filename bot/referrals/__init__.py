"""Passing a referral: the rules, the prospect parser, the private form and the members' lists."""
