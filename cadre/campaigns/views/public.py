"""The published plan: open to anyone on the intranet, no login."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from cadre.orgs.models import Organisation

from .. import selectors
from ..models import Campaign

# Once published, the plan stays public to the end of the campaign.
PUBLIC = tuple(
    s for s in Campaign.Status if s not in (Campaign.Status.DRAFT, Campaign.Status.FILED)
)


def published_plan(request, code, pk):
    org = get_object_or_404(Organisation, code=code)
    campaign = Campaign.objects.filter(organisation=org, pk=pk, status__in=PUBLIC).first()
    if campaign is None:
        raise Http404
    campaign = selectors.campaign_detail(campaign)
    url = request.build_absolute_uri(reverse("public_plan", args=[org.code, campaign.pk]))
    return render(
        request,
        "campaigns/public.html",
        {
            "campaign": campaign,
            "public_org": org,
            "wechat": wechat_text(campaign, url),
            "apply_url": request.build_absolute_uri(
                reverse("campaigns:application", args=[org.code, campaign.pk])
            ),
        },
    )


def wechat_text(campaign: Campaign, url: str) -> str:
    """A short notice to paste into the staff WeChat group."""
    positions = "、".join(f"{p.title}{p.quota_text}名" for p in campaign.positions.all())
    deadline = campaign.registration_deadline
    local = timezone.localtime(deadline)
    return (
        f"【{campaign.organisation.name}】{campaign.title}已公布。竞聘岗位：{positions}。"
        f"报名截止：{local.year}年{local.month}月{local.day}日{local:%H:%M}。"
        f"竞聘条件、程序和岗位职责详见：{url} 。"
        "请有意者登录系统填写个人自荐表，也可举荐合适的同事。"
    )
