"""One-to-ones, testimonials, education credits, and the live scorecard built from them."""
