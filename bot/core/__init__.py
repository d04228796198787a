"""What every feature shares: the clock, the process configuration, durations, quiet hours,
the messenger and the data carried by inline buttons."""
