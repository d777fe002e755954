"""The words of a sample report: a short narrative that states some of its figures.

Each figure stated in words is also recorded as a claim {indicator, applicant, value, phrase}, so
the manifest can say which sentence a narrative-vs-table check should look at. Claims with
indicator None state a figure the table does not hold (2019+ proactive items, the 信息处理费 in 元).
"""

from __future__ import annotations

import random

from .. import catalog
from .model import SampleReport

OVERVIEW = (
    "坚持以人民为中心的发展思想，把政务公开作为建设法治政府、服务型政府的重要抓手",
    "严格落实《中华人民共和国政府信息公开条例》和上级关于政务公开工作的部署要求",
    "围绕中心工作，持续深化决策、执行、管理、服务、结果“五公开”",
    "健全政府信息公开工作机制，明确分管领导和承办科室，细化工作责任",
    "加强政府网站和政务新媒体的内容保障，做到信息发布及时、准确、规范",
    "落实信息发布前保密审查和“三审三校”制度，确保公开内容安全",
    "对照年度政务公开工作要点，逐项梳理任务清单，按季度调度推进",
    "强化政策解读和回应关切，及时回应社会公众关心的热点问题",
    "规范依申请公开办理流程，做到受理、登记、审核、答复全程留痕",
    "组织开展政务公开业务培训，提升工作人员的公开意识和业务能力",
    "推进基层政务公开标准化规范化建设，完善公开事项目录",
    "将政务公开工作纳入年度绩效考核，强化督促检查",
)
PROBLEMS = (
    "政策解读形式还比较单一，图解、视频等多样化解读偏少",
    "部分栏目信息更新不够及时，公开内容的系统性有待加强",
    "依申请公开答复文书的规范性仍需提升",
    "工作人员业务能力与新形势新要求相比还有差距",
    "政务新媒体运维管理还需加强，互动回应不够充分",
    "基层政务公开标准目录的动态调整还不够及时",
)
WORK = (
    "修订完善政府信息公开指南，更新公开目录和申请渠道",
    "完成政府网站集约化改版，优化信息公开专栏结构",
    "组织政务开放日活动，邀请群众代表走进机关",
    "开展政府信息公开专项自查，对发现的问题逐项整改",
    "推进重大行政决策预公开，公开征求意见并反馈采纳情况",
    "建立政策解读与文件同步起草、同步审签、同步发布机制",
    "规范政务新媒体账号管理，关停整合更新不及时的账号",
    "开展政府信息公开申请答复文书评查，统一答复格式",
    "清理历史公开信息，对失效文件作出标注",
    "在办事大厅设置政府信息公开查阅点，提供现场查询服务",
    "推行依申请公开办理台账管理，实行办理进度提醒",
    "编制政务公开事项标准目录，实行动态调整",
    "邀请法律顾问参与疑难申请会商，提高答复质量",
    "利用微信公众号开设政策问答栏目，回应常见咨询",
    "开展政务公开第三方评估，针对评估意见制定整改清单",
    "加强公开前保密审查培训，落实分级审核责任",
)
IMPROVEMENTS = (
    "进一步丰富解读形式，提高政策解读的针对性和可读性",
    "加强栏目巡查，完善信息发布审核机制",
    "加强典型案例研究，规范答复文书格式和法律依据",
    "定期组织业务培训，提升工作人员的业务水平",
    "健全政务新媒体管理制度，做好留言办理和回应",
    "动态更新公开事项目录，推动公开内容标准化",
)


def _pick(report: SampleReport, previous: SampleReport | None, rng: random.Random, bank: tuple[str, ...], n: int) -> str:
    """n sentences of the bank, none used in last year's report, so clean narratives of
    consecutive years do not read as copies."""
    used = previous.phrases if previous is not None else set()
    fresh = [b for b in bank if b not in used]
    chosen = rng.sample(fresh if len(fresh) >= n else list(bank), n)
    report.phrases.update(chosen)
    return "。".join(chosen) + "。"


def _variant(report: SampleReport, previous: SampleReport | None, rng: random.Random, *variants: str) -> str:
    used = previous.phrases if previous is not None else set()
    fresh = [v for v in variants if v not in used] or list(variants)
    chosen = rng.choice(fresh)
    report.phrases.add(chosen)
    return chosen


def _short(name: str) -> str:
    if name.endswith("人民政府"):
        return "我区" if "区" in name else "我县"
    if name.endswith("人民政府办公室"):
        return "市政府办公室"
    if name.endswith(("委员会", "中心")):
        return "我委" if name.endswith("委员会") else "我中心"
    return "我局"


def compose(report: SampleReport, rng: random.Random, previous: SampleReport | None = None) -> None:
    """Fill report.narrative, report.closing and report.claims from report.facts.

    `previous` is the same agency's report of the year before: its wording is avoided.
    """
    if catalog.template(report.base_template).one_column:
        _compose_2014(report, rng, previous)
    else:
        _compose_2019(report, rng, previous)


def _claim(report: SampleReport, indicator: str | None, value, phrase: str, applicant: str = "total") -> str:
    report.claims.append({"indicator": indicator, "applicant": applicant, "value": value, "phrase": phrase})
    return phrase


def _fees_yuan(wan: float) -> int:
    return int(round(wan * 10000))


def _compose_2014(report: SampleReport, rng: random.Random, previous: SampleReport | None) -> None:
    f, y, name, me = report.facts, report.year, report.agency.name, _short(report.agency.name)
    v = lambda *options: _variant(report, previous, rng, *options)  # noqa: E731
    n = []
    n.append(
        f"本报告依据《中华人民共和国政府信息公开条例》（国务院令第492号）有关规定，由{name}编制。报告全文由概述，主动公开政府信息情况，"
        f"依申请公开政府信息情况，收费及减免情况，行政复议和行政诉讼情况，存在的主要问题和改进措施等部分组成。"
        f"本年度报告中所列数据的统计期限为{y}年1月1日至{y}年12月31日。"
    )
    n.append("一、概述")
    n.append(f"{y}年，{me}" + _pick(report, previous, rng, OVERVIEW, 3))
    n.append("本年度重点做了以下工作：" + _pick(report, previous, rng, WORK, 3))
    n.append("二、主动公开政府信息情况")
    active = f["active.total|total"]
    website = f["active.channel.website|total"]
    s = f"{y}年，{me}" + _claim(report, "active.total", active, f"主动公开政府信息{active}条") + "，其中"
    s += _claim(report, "active.channel.website", website, f"通过政府网站公开{website}条")
    s += f"，通过政务微博公开{f['active.channel.weibo|total']}条"
    if "active.channel.wechat|total" in f:
        s += f"，通过政务微信公开{f['active.channel.wechat|total']}条"
    s += f"；制发规范性文件{f['active.normative_issued|total']}件。"
    s += v(
        "公开内容主要包括机构职能、政策文件、规划计划、财政预决算和人事信息等。",
        "重点公开了权责清单、行政执法、财政资金和民生领域信息。",
        "各类信息均按照“谁制作、谁公开”的原则及时发布。",
    )
    n.append(s)
    n.append("三、依申请公开政府信息情况")
    received = f["requests.received|total"]
    if received:
        s = v("全年共", "本年度共", "全年累计") + _claim(report, "requests.received", received, f"收到政府信息公开申请{received}件")
        s += f"，其中当面申请{f['requests.received.in_person|total']}件、网络申请{f['requests.received.online|total']}件、信函申请{f['requests.received.letter|total']}件；"
        s += f"办结{f['requests.closed|total']}件，其中同意公开{f['requests.answered.granted|total']}件。"
        s += v(
            "申请内容主要涉及征地拆迁、社会保障和行政执法等方面。", "所有申请均在法定期限内答复。", "对不予公开的申请均说明了理由和依据。"
        )
    else:
        s = v("本年度", "全年", "报告期内") + _claim(report, "requests.received", 0, "未收到政府信息公开申请") + "。"
    n.append(s)
    n.append("四、政府信息公开的收费及减免情况")
    fee = _fees_yuan(f["requests.fees|total"])
    n.append(
        v("本年度", "报告期内", "全年")
        + _claim(report, "requests.fees", f["requests.fees|total"], f"收取信息检索、复制、邮寄等费用{fee}元")
        + "，未减免收费。"
    )
    n.append("五、因政府信息公开申请提起行政复议、行政诉讼的情况")
    review, litigation = f["review.total|total"], f["litigation.total|total"]
    n.append(
        v("本年度", "报告期内", "全年")
        + "因政府信息公开申请"
        + _claim(report, "review.total", review, f"被申请行政复议{review}件")
        + "，"
        + _claim(report, "litigation.total", litigation, f"被提起行政诉讼{litigation}件")
        + "。"
    )
    n.append("六、存在的主要问题及改进措施")
    n.append("主要问题：" + _pick(report, previous, rng, PROBLEMS, 2))
    n.append("下一步，我们将" + _pick(report, previous, rng, IMPROVEMENTS, 2))
    report.narrative = n
    report.closing = []


def _compose_2019(report: SampleReport, rng: random.Random, previous: SampleReport | None) -> None:
    f, y, name, me = report.facts, report.year, report.agency.name, _short(report.agency.name)
    v = lambda *options: _variant(report, previous, rng, *options)  # noqa: E731
    n = []
    n.append(
        f"本报告由{name}根据《中华人民共和国政府信息公开条例》（国令第711号，以下简称《条例》）要求编制。"
        f"报告中所列数据统计期限自{y}年1月1日起至{y}年12月31日止。"
    )
    n.append("一、总体情况")
    n.append(f"{y}年，{me}" + _pick(report, previous, rng, OVERVIEW, 3))
    active = report.active_items
    n.append(
        "（一）主动公开。"
        + v("全年", "本年度", "报告期内")
        + _claim(report, None, active, f"主动公开政府信息{active}条")
        + "。"
        + v(
            "涵盖政策文件、通知公告、财政资金、重点领域信息等。",
            "重点做好规划计划、财政预决算和民生信息的公开。",
            "信息均经审核后通过门户网站和政务新媒体发布。",
        )
    )
    received = f["requests.received|total"]
    if received is None:
        n.append("（二）依申请公开。严格按照《条例》规定的程序和时限办理政府信息公开申请。")
    elif received:
        s = (
            "（二）依申请公开。"
            + v("全年", "本年度", "报告期内")
            + _claim(report, "requests.received", received, f"收到政府信息公开申请{received}件")
        )
        carried = f.get("requests.carried_forward|total")
        if carried is not None:
            s += "，" + _claim(report, "requests.carried_forward", carried, f"结转下年度继续办理{carried}件")
        n.append(s + "。" + v("均在法定期限内予以答复。", "答复文书均载明救济途径。", "申请主要涉及规划建设、社会保障和行政执法。"))
    else:
        n.append(
            "（二）依申请公开。" + v("本年度", "全年", "报告期内") + _claim(report, "requests.received", 0, "未收到政府信息公开申请") + "。"
        )
    review = f.get("review.total|total")
    if review is not None:
        n.append(
            "（三）复议诉讼。"
            + v("全年", "本年度", "报告期内")
            + _claim(report, "review.total", review, f"因政府信息公开被申请行政复议{review}件")
            + "。"
        )
    n.append("（四）平台和保障。" + _pick(report, previous, rng, WORK, 3))
    closing = ["五、存在的主要问题及改进情况"]
    closing.append("主要问题：" + _pick(report, previous, rng, PROBLEMS, 2))
    closing.append("改进措施：" + _pick(report, previous, rng, IMPROVEMENTS, 2))
    closing.append("六、其他需要报告的事项")
    closing.append(
        f"{y}年，{me}"
        + _claim(report, None, 0, "收取信息处理费0元")
        + "。"
        + v("无其他需要报告的事项。", "本年度无其他需要报告的事项。", "其他事项已在相关栏目公开。")
    )
    report.narrative = n
    report.closing = closing
