"""Writes of the appointment workflow, each validated, atomic and audited.

plan: the campaign, its positions, timetable and conditions, and its states up to publication.
registration: applications, recommendations, attachments.
review: qualification review, exemptions and the leading group's list of candidates.
"""
