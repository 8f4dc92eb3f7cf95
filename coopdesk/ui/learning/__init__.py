"""The Learning section: the survey's waves and its anonymous results, as a chart and as a table."""
