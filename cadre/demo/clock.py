"""The demo replays the seeds' history on their own dates and hours, in the school's time zone."""

from datetime import date, datetime, time

from django.utils import timezone


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))
