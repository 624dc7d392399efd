import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from cadre.ballots.services import count_board, discrepancies


class Command(BaseCommand):
    help = "Secret-ballot tools. `cadre ballots recount FILE` recounts a downloaded bulletin board."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["recount"])
        parser.add_argument("file")

    def handle(self, *args, action, file, **options):
        try:
            with open(file, encoding="utf-8") as fh:
                board = json.load(fh)
        except (OSError, json.JSONDecodeError) as exc:
            raise CommandError(f"无法读取公示板文件：{exc} / cannot read the board") from None
        if board.get("format") != "cadre-bulletin-board/1":
            raise CommandError("这不是本系统的公示板文件 / not a Cadre bulletin board")
        recounted = count_board(board)
        names = {c["id"]: c["name"] for c in board["evaluation"]["candidates"]}
        rec = board["reconciliation"]
        for key, t in recounted.items():
            if isinstance(t, dict):
                self.stdout.write(
                    f"{names.get(key, key)}\t{t['satisfied']}/{t['base']}\t{t['percent']}%\t"
                    f"{'达到' if t['passed'] else '未达到'}"
                )
        problems = []
        if recounted != board["tally"]:
            problems.append(
                "重新计票结果与公示板所载结果不一致 / the recount differs from the published tally"
            )
        if rec["electronic_ballots"] != len(board["ballots"]) or rec["codes_used"] != len(
            board["ballots"]
        ):
            problems.append("电子票数与投票码使用数不符 / ballots and used codes disagree")
        if len(board["trackers"]) != len(board["ballots"]):
            problems.append("回执数与电子票数不符 / trackers and ballots disagree")
        for message in discrepancies(rec):
            with translation.override("zh-hans"):
                chinese = str(message)
            with translation.override("en"):
                problems.append(f"{chinese} / {message}")
        if problems:
            raise CommandError("；".join(problems))
        n, paper = len(board["ballots"]), rec["paper_ballots"]
        message = f"重新计票一致：电子票 {n} 张，纸质票 {paper} 张。 / recount agrees."
        self.stdout.write(self.style.SUCCESS(message))
