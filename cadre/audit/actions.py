"""The audit trail's action codes in words.

Every `action` written to the trail (audit_record, transition, Change, …) has a label here;
tests/audit/test_action_labels.py fails for a code used in the source without one. A code
not named here (an entry older than its label, say) is shown by the code itself.
"""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    # Organisations, departments, posts and accounts
    "organisation.create": _("Organisation created"),
    "department.create": _("Department added"),
    "department.update": _("Department edited"),
    "department.delete": _("Department deleted"),
    "position.create": _("Post added"),
    "position.update": _("Post edited"),
    "position.delete": _("Post deleted"),
    "account.create": _("Account created"),
    "membership.grant": _("Role granted"),
    "membership.revoke": _("Role revoked"),
    # The staff roster and each person's records
    "person.create": _("Staff member added"),
    "person.update": _("Staff member edited"),
    "person.delete": _("Staff member deleted"),
    "roster.import": _("Roster imported"),
    "person.import_create": _("Staff member added by import"),
    "person.import_update": _("Staff member updated by import"),
    "posthistory.create": _("Post held added"),
    "posthistory.update": _("Post held edited"),
    "posthistory.delete": _("Post held deleted"),
    "appraisal.create": _("Annual appraisal added"),
    "appraisal.update": _("Annual appraisal edited"),
    "appraisal.delete": _("Annual appraisal deleted"),
    "honour.create": _("Honour added"),
    "honour.update": _("Honour edited"),
    "honour.delete": _("Honour deleted"),
    "discipline.create": _("Disciplinary record added"),
    "discipline.update": _("Disciplinary record edited"),
    "discipline.delete": _("Disciplinary record deleted"),
    # Settings: document templates and the holiday calendar
    "document_template.upload": _("Document template uploaded"),
    "document_template.reset": _("Built-in document template restored"),
    "holidays.enter": _("Holidays entered"),
    # Collective decisions (leading group, joint meeting, party committee)
    "decision.record": _("Decision recorded"),
    # Campaign: the plan
    "campaign.create": _("Campaign created"),
    "campaign.update": _("Campaign edited"),
    "campaign.copy": _("Campaign copied from a past one"),
    "campaign.position.create": _("Campaign post added"),
    "campaign.position.update": _("Campaign post edited"),
    "campaign.position.delete": _("Campaign post deleted"),
    "campaign.stage.create": _("Campaign stage added"),
    "campaign.stage.update": _("Campaign stage edited"),
    "campaign.stage.delete": _("Campaign stage deleted"),
    "campaign.rule.create": _("Condition added"),
    "campaign.rule.update": _("Condition edited"),
    "campaign.rule.delete": _("Condition deleted"),
    "campaign.leading_group.set": _("Leading group set"),
    "campaign.file": _("Plan approved and filed"),
    "campaign.publish": _("Campaign published"),
    "campaign.close_registration": _("Registration ended"),
    # Campaign: registration
    "application.create": _("Application filled in"),
    "application.update": _("Application edited"),
    "application.submit": _("Application submitted"),
    "application.withdraw": _("Application withdrawn"),
    "application.attachment.add": _("Application attachment uploaded"),
    "application.attachment.delete": _("Application attachment deleted"),
    "nomination.create": _("Nomination made"),
    "nomination.accept": _("Nomination accepted"),
    "nomination.decline": _("Nomination declined"),
    # Campaign: qualification review
    "candidacy.review": _("Qualification reviewed"),
    "exemption.grant": _("Exemption granted"),
    "campaign.confirm_candidates": _("Candidates confirmed"),
    # Democratic evaluation (also the reserve's recommendation ballots)
    "evaluation.create": _("Evaluation created"),
    "evaluation.codes_issue": _("Voting codes issued"),
    "evaluation.codes_reissue": _("Voting codes reissued"),
    "evaluation.check_in": _("Voter checked in"),
    "evaluation.check_out": _("Voter check-in undone"),
    "evaluation.open": _("Voting opened"),
    "evaluation.close": _("Evaluation closed"),
    "paper.enter": _("Paper ballots entered"),
    "paper.confirm": _("Paper ballots matched"),
    # Campaign: oral defence before the expert panel
    "panel.create": _("Expert panel set up"),
    "panel.positions": _("Defence questions and places set"),
    "panel.open": _("Defence opened"),
    "panel.close": _("Defence closed"),
    "expert.add": _("Expert added"),
    "expert.conflict": _("Expert declared a conflict"),
    "expert.conflict_withdrawn": _("Expert withdrew a conflict"),
    "sheet.submit": _("Score sheet submitted"),
    "sheet.reopen": _("Score sheet reopened"),
    "sheet.paper_enter": _("Paper score sheet entered"),
    "shortlist.confirm": _("Shortlist confirmed"),
    # Campaign: inspection and the proposed appointees
    "campaign.inspection_begin": _("Inspection begun"),
    "inspection.open": _("Placed under inspection"),
    "inspection.update": _("Inspection recorded"),
    "inspection.conclude": _("Inspection concluded"),
    "inspection.attachment.add": _("Inspection material uploaded"),
    "proposal.decide": _("Appointee considered"),
    "campaign.proposals_decide": _("Proposed appointees confirmed"),
    # Campaign: public notice and concerns
    "notice.publish": _("Notice published"),
    "objection.file": _("Concern filed"),
    "objection.conclude": _("Concern concluded"),
    "proposal.withdraw": _("Appointee withdrawn"),
    # Campaign: approval and appointment
    "campaign.joint_meeting.set": _("Joint meeting members set"),
    "approval.record": _("Appointment decided by the joint meeting"),
    "campaign.approve": _("Appointments approved"),
    "approval.report": _("Reported to the bureau"),
    "proposal.division": _("Division of work set"),
    "proposal.appoint": _("Appointment made"),
    "campaign.close": _("Campaign closed"),
    # Reserve cadres: the programme
    "reserve.programme.create": _("Programme created"),
    "reserve.programme.update": _("Programme edited"),
    "reserve.tier.create": _("Tier added"),
    "reserve.tier.update": _("Tier edited"),
    "reserve.tier.delete": _("Tier deleted"),
    "reserve.stage.create": _("Programme stage added"),
    "reserve.stage.update": _("Programme stage edited"),
    "reserve.stage.delete": _("Programme stage deleted"),
    "reserve.leading_group.set": _("Reserve leading group set"),
    "reserve.committee.set": _("Party committee set"),
    "reserve.programme.publish": _("Programme published"),
    # Reserve cadres: recommendation and selection
    "reserve.recommendation.add": _("Recommendation made"),
    "reserve.recommendation.withdraw": _("Recommendation withdrawn"),
    "reserve.ballot.create": _("Recommendation ballot prepared"),
    "reserve.recommendation.close": _("Recommendation period closed"),
    "reserve.sheet.update": _("Evaluation sheet edited"),
    "reserve.list.submit": _("Preliminary list sent to the committee"),
    "reserve.list.return": _("Preliminary list taken back"),
    "reserve.list.rejected": _("List not approved"),
    "reserve.list.decide": _("List decided"),
    "reserve.cadre.select": _("Reserve cadre selected"),
    "reserve.result.publish": _("Reserve list published"),
    # Reserve cadres: cultivation
    "reserve.rotation.create": _("Job rotation arranged"),
    "reserve.rotation.update": _("Job rotation edited"),
    "reserve.mentorship.create": _("Mentor paired"),
    "reserve.mentorship.update": _("Mentoring edited"),
    "reserve.mentorship.summary": _("Mentoring summary written"),
    "reserve.activity.create": _("Cultivation activity recorded"),
    "reserve.activity.delete": _("Cultivation activity deleted"),
    "reserve.material.upload": _("Cultivation material uploaded"),
    "reserve.material.delete": _("Cultivation material deleted"),
    "reserve.assessment.create": _("Annual assessment decided"),
    # Reserve cadres: changes during and at the end of the cycle
    "reserve.cadre.disqualify": _("Reserve cadre disqualified"),
    "reserve.backfill.propose": _("Back-fill proposed"),
    "reserve.backfill.approve": _("Back-fill approved"),
    "reserve.backfill.reject": _("Back-fill rejected"),
    "reserve.cadre.promote": _("Promoted at cycle end"),
    "reserve.cadre.move_up": _("Moved up a tier"),
    "reserve.cadre.extend": _("Cycle extended"),
    "reserve.cadre.terminate": _("Terminated at cycle end"),
}


def action_label(code: str) -> str:
    """The label of `code` in the active language; the code itself when it has none."""
    label = ACTIONS.get(code)
    return code if label is None else str(label)


def action_choices(codes) -> list[tuple[str, str]]:
    """(code, label) for each of `codes`: labelled ones in the order above, which groups them
    by domain, then any unknown codes by themselves."""
    codes = set(codes)
    known = [(c, str(label)) for c, label in ACTIONS.items() if c in codes]
    return known + [(c, c) for c in sorted(codes - ACTIONS.keys())]
