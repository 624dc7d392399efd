"""Writes from the shortlist to the appointment: inspection, proposal, notice, approval."""
