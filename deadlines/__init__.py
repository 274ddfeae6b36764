"""deadlines: tender-offer timetables under US SEC and French AMF rules, to the minute, in every zone."""

__version__ = "0.1.0"
