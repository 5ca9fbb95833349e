"""The demo ledger's SCE 2021 and SCE 2022 bulletins state every figure of seed-facts.md.

The figures come from the ledger through the bulletin's own statistics (``event_figures``),
then go through the renderers, in English and in Chinese.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from taizhang.bulletin.figures import event_figures
from taizhang.bulletin.text import render_text
from taizhang.ledger.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def texts(demo_ledger, django_db_blocker) -> dict[tuple[str, str], str]:
    """Each event's text in each language, rendered once for the module."""
    found = {}
    with django_db_blocker.unblock():
        for code in ("SCE2021", "SCE2022"):
            event = Event.objects.select_related("host").get(code=code)
            for language, django_language in (("en", "en"), ("zh", "zh-hans")):
                with translation.override(django_language):
                    found[code, language] = render_text(event_figures(event), language)
    return found


@pytest.mark.parametrize(
    "phrase",
    [
        "92 projects were signed with a total contract value of ¥252.4 billion (US$38.97 billion)",
        "66 projects worth ¥207.3 billion were signed live at the venue",
        "50 in the hall (¥167.5 billion) and 16 online (¥39.8 billion)",
        "26 projects worth ¥45.1 billion were signed off-site",
        "Every project was worth at least ¥0.5 billion",
        "81 were worth ¥1 billion or more, 23 more than at the previous edition",
        "19 were worth ¥5 billion or more, 2 more",
        "intelligent manufacturing, 32 projects worth ¥101.6 billion (40%)",
        "digital economy, 20 projects worth ¥42.8 billion (17%)",
        "science and technology, 17 projects worth ¥46.0 billion (18%)",
        "other, 23 projects worth ¥62.0 billion (25%)",
        "state-owned enterprises, 10 projects worth ¥46.3 billion (18%)",
        "private enterprises, 69 projects worth ¥167.0 billion (66%)",
        "(including Hong Kong, Macao and Taiwan), 5 projects worth ¥7.3 billion (3%)",
        "other investors, 8 projects worth ¥31.8 billion (13%)",
        "worth ¥3.2 billion landing in Guizhou, Sichuan",
        "they are reported separately",
    ],
)
def test_sce2021_in_english_states_each_published_figure(texts, phrase: str) -> None:
    assert phrase in texts["SCE2021", "en"]


@pytest.mark.parametrize(
    "phrase",
    [
        "共签约项目92个，合同投资额2524亿元（约合389.7亿美元）",
        "现场签约项目66个、金额2073亿元",
        "线下签约50个、1675亿元，线上签约16个、398亿元",
        "场外签约项目26个、金额451亿元",
        "签约项目均在5亿元以上",
        "10亿元以上项目81个，较上届增加23个",
        "50亿元以上项目19个，较上届增加2个",
        "智能制造项目32个、1016亿元，占总额的40%",
        "数字经济项目20个、428亿元，占17%",
        "科技创新项目17个、460亿元，占18%",
        "其他项目23个、620亿元，占25%",
        "国有企业项目10个、463亿元，占总额的18%",
        "民营企业项目69个、1670亿元，占66%",
        "外资企业项目5个、73亿元，占3%",
        "其他投资主体项目8个、318亿元，占13%",
        "签约落地贵州省、四川省",
        "金额32亿元，单独统计，不计入上述数据",
    ],
)
def test_sce2021_in_chinese_states_each_published_figure(texts, phrase: str) -> None:
    assert phrase in texts["SCE2021", "zh"]


@pytest.mark.parametrize(
    "phrase",
    [
        "70 projects were signed with a total contract value of ¥212.1 billion.",
        "54 were worth ¥1 billion or more",
        "smart and connected new-energy vehicles, 18 projects worth ¥83.3 billion",
        "software, information and technological innovation, 14 projects worth ¥33.0 billion",
        "electronics and equipment (smart manufacturing), 13 projects worth ¥22.4 billion",
        "biomedicine, 6 projects worth ¥12.8 billion",
        "other (new energy, new materials, private equity and others), 19 projects worth "
        "¥60.6 billion",
        "56 projects worth",
        "are in strategic emerging industries: 80% of the projects by number and",
    ],
)
def test_sce2022_in_english_states_each_published_figure(texts, phrase: str) -> None:
    assert phrase in texts["SCE2022", "en"]


@pytest.mark.parametrize(
    "phrase",
    [
        "共签约项目70个，合同投资额2121亿元。",
        "10亿元以上项目54个",
        "智能网联新能源汽车项目18个、833亿元",
        "软件信息和科技创新项目14个、330亿元",
        "电子及装备（智能制造）项目13个、224亿元",
        "生物医药项目6个、128亿元",
        "其他（新能源、新材料、股权投资等）项目19个、606亿元",
        "战略性新兴产业项目56个",
        "分别占项目总数的80%和签约总额的",
    ],
)
def test_sce2022_in_chinese_states_each_published_figure(texts, phrase: str) -> None:
    assert phrase in texts["SCE2022", "zh"]


def test_sce2022_states_no_dollar_figure_it_never_published(texts) -> None:
    assert "US$" not in texts["SCE2022", "en"]
    assert "美元" not in texts["SCE2022", "zh"]
