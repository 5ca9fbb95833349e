"""The text form: what a press officer pastes, in English and in Chinese, from hand-made figures."""

from __future__ import annotations

import pytest

from taizhang.bulletin.text import render_text
from tests.bulletin import samples


@pytest.fixture
def english() -> str:
    return render_text(samples.sce2021(), "en")


@pytest.fixture
def chinese() -> str:
    return render_text(samples.sce2021(), "zh")


def test_the_english_text_opens_with_the_event_the_total_and_the_dollar_figure(
    english: str,
) -> None:
    assert english.startswith(
        "At the Smart China Expo 2021 Key Projects Signing Ceremony on 23 August 2021, "
        "92 projects were signed with a total contract value of ¥252.4 billion "
        "(US$38.97 billion)."
    )


def test_the_english_text_splits_live_into_the_hall_and_online_then_off_site(
    english: str,
) -> None:
    assert (
        "66 projects worth ¥207.3 billion were signed live at the venue — 50 in the hall "
        "(¥167.5 billion) and 16 online (¥39.8 billion) — and 26 projects worth ¥45.1 billion "
        "were signed off-site." in english
    )


def test_the_english_text_states_the_minimum_size_and_the_bands_with_their_change(
    english: str,
) -> None:
    assert (
        "Every project was worth at least ¥0.5 billion; 81 were worth ¥1 billion or more, "
        "23 more than at the previous edition, and 19 were worth ¥5 billion or more, 2 more."
        in english
    )


def test_the_english_text_gives_each_sector_and_investor_type_its_share_of_value(
    english: str,
) -> None:
    for phrase in [
        "intelligent manufacturing, 32 projects worth ¥101.6 billion (40%)",
        "digital economy, 20 projects worth ¥42.8 billion (17%)",
        "science and technology, 17 projects worth ¥46.0 billion (18%)",
        "other, 23 projects worth ¥62.0 billion (25%)",
        "state-owned enterprises, 10 projects worth ¥46.3 billion (18%)",
        "private enterprises, 69 projects worth ¥167.0 billion (66%)",
        "5 projects worth ¥7.3 billion (3%)",
        "other investors, 8 projects worth ¥31.8 billion (13%)",
    ]:
        assert phrase in english
    assert "By sector (shares of total value):" in english


def test_the_english_text_labels_both_strategic_emerging_shares(english: str) -> None:
    assert (
        "61 projects worth ¥190.3 billion are in strategic emerging industries: 66% of the "
        "projects by number and 75% of the total value." in english
    )


def test_the_english_text_reports_projects_outside_the_host_apart(english: str) -> None:
    assert english.rstrip().endswith(
        "In addition, 3 projects worth ¥3.2 billion landing in Guizhou, Sichuan and Yunnan "
        "were signed at the ceremony; they are reported separately and not included in the "
        "figures above."
    )


def test_the_chinese_text_reads_as_the_bureau_writes(chinese: str) -> None:
    assert chinese.startswith(
        "2021中国国际智能产业博览会重大项目签约仪式于2021年8月23日举行，共签约项目92个，"
        "合同投资额2524亿元（约合389.7亿美元）。"
        "其中，现场签约项目66个、金额2073亿元（线下签约50个、1675亿元，线上签约16个、398亿元），"
        "场外签约项目26个、金额451亿元。"
        "签约项目均在5亿元以上，其中10亿元以上项目81个，较上届增加23个；"
        "50亿元以上项目19个，较上届增加2个。"
    )


def test_the_chinese_text_gives_sectors_and_investor_types_with_their_shares(
    chinese: str,
) -> None:
    assert (
        "从行业领域看，智能制造项目32个、1016亿元，占总额的40%；数字经济项目20个、428亿元，"
        "占17%；科技创新项目17个、460亿元，占18%；其他项目23个、620亿元，占25%。" in chinese
    )
    assert (
        "从投资主体看，国有企业项目10个、463亿元，占总额的18%；民营企业项目69个、1670亿元，"
        "占66%；外资企业项目5个、73亿元，占3%；其他投资主体项目8个、318亿元，占13%。" in chinese
    )


def test_the_chinese_text_labels_both_strategic_emerging_shares(chinese: str) -> None:
    assert "战略性新兴产业项目61个、金额1903亿元，分别占项目总数的66%和签约总额的75%。" in chinese


def test_the_chinese_text_reports_projects_outside_the_host_apart(chinese: str) -> None:
    assert chinese.rstrip().endswith(
        "此外，本次活动还签约落地贵州省、四川省、云南省的项目3个、金额32亿元，"
        "单独统计，不计入上述数据。"
    )


def test_the_chinese_text_uses_chinese_punctuation_only(chinese: str) -> None:
    for ascii_mark in [",", ";", ":", "(", ")"]:
        assert ascii_mark not in chinese


def test_without_a_dollar_rate_no_dollar_figure_is_stated() -> None:
    english = render_text(samples.small_event(), "en")
    chinese = render_text(samples.small_event(), "zh")
    assert "US$" not in english
    assert "美元" not in chinese
    assert "with a total contract value of ¥3.8 billion." in english
    assert "合同投资额38.3亿元。" in chinese


def test_decreases_and_unchanged_bands_are_said_as_such() -> None:
    english = render_text(samples.small_event(), "en")
    chinese = render_text(samples.small_event(), "zh")
    assert (
        "One project was worth ¥1 billion or more, 2 fewer than at the previous edition, and "
        "none was worth ¥5 billion or more, the same as before." in english
    )
    assert "签约项目中，10亿元以上项目1个，较上届减少2个；无50亿元以上项目，与上届持平。" in chinese


def test_without_a_minimum_band_no_minimum_size_is_claimed() -> None:
    # One project is under ¥0.5 billion: no band holds every project.
    assert "at least" not in render_text(samples.small_event(), "en")
    assert "均在" not in render_text(samples.small_event(), "zh")


def test_a_minimum_band_the_figures_state_wins_over_the_bands() -> None:
    figures = samples.sce2021()
    figures["min_band"] = None
    assert "Every project" not in render_text(figures, "en")
    figures["min_band"] = "1000000000.00"
    assert "Every project was worth at least ¥1 billion; 19 were worth ¥5 billion or more" in (
        render_text(figures, "en")
    )


def test_without_a_previous_edition_no_change_is_stated() -> None:
    figures = samples.sce2021()
    figures["previous_edition"] = None
    for band in figures["bands"]:
        band["previous"] = band["change"] = None
    english = render_text(figures, "en")
    chinese = render_text(figures, "zh")
    assert (
        "Every project was worth at least ¥0.5 billion; 81 were worth ¥1 billion or more and "
        "19 were worth ¥5 billion or more." in english
    )
    assert "previous edition" not in english
    assert "签约项目均在5亿元以上，其中10亿元以上项目81个；50亿元以上项目19个。" in chinese
    assert "上届" not in chinese


def test_empty_modes_sectors_and_investor_types_are_left_out() -> None:
    english = render_text(samples.small_event(), "en")
    chinese = render_text(samples.small_event(), "zh")
    assert "2 projects worth ¥3.3 billion were signed live in the hall and 3 projects" in english
    assert "online" not in english
    assert "modern services" not in english.lower()
    assert "foreign" not in english
    assert "（均为线下签约）" in chinese
    assert "线上" not in chinese
    assert "现代服务业" not in chinese
    assert "外资" not in chinese


def test_amounts_under_100_million_are_millions_and_wan() -> None:
    english = render_text(samples.small_event(), "en")
    chinese = render_text(samples.small_event(), "zh")
    assert "3 projects worth ¥530 million were signed off-site" in english
    assert "digital economy, 2 projects worth ¥830 million (22%)" in english
    assert (
        "In addition, 1 project worth ¥50 million landing in 四川省 was signed at the "
        "ceremony; it is reported separately" in english
    )
    assert "场外签约项目3个、金额5.3亿元" in chinese
    assert "此外，本次活动还签约落地四川省的项目1个、金额5000万元" in chinese


def test_one_project_is_a_project() -> None:
    english = render_text(samples.small_event(), "en")
    assert "other, 1 project worth ¥300 million (8%)" in english
    assert "One project worth ¥2.5 billion is in strategic emerging industries: 20%" in english
    assert "1 projects" not in english


@pytest.mark.parametrize(
    ("mode", "english", "chinese"),
    [
        ("offsite", "All of them were signed off-site.", "项目均为场外签约。"),
        ("offline", "All of them were signed live in the hall.", "项目均为线下现场签约。"),
        ("online", "All of them were signed live online.", "项目均为线上签约。"),
    ],
)
def test_a_ceremony_of_one_mode_says_so_once(mode: str, english: str, chinese: str) -> None:
    figures = samples.small_event()
    modes = figures["by_mode"]
    for name in modes:
        modes[name] = {"projects": 0, "value": "0.00"}
    modes[mode] = {"projects": 5, "value": "3830000000.00"}
    if mode != "offsite":
        modes["live"] = modes[mode]
    assert english in render_text(figures, "en")
    assert chinese in render_text(figures, "zh")


def test_a_ceremony_without_off_site_projects_splits_live_only() -> None:
    figures = samples.sce2021()
    figures["by_mode"]["offsite"] = {"projects": 0, "value": "0.00"}
    assert (
        "All of them were signed live at the venue: 50 in the hall (¥167.5 billion) and "
        "16 online (¥39.8 billion)." in render_text(figures, "en")
    )
    assert "项目均为现场签约，其中线下签约50个、1675亿元，线上签约16个、398亿元。" in (
        render_text(figures, "zh")
    )


def test_an_event_without_projects_says_none_were_signed() -> None:
    figures = samples.small_event()
    figures["totals"] = {"projects": 0, "value": "0.00", "value_usd": None}
    for name in figures["by_mode"]:
        figures["by_mode"][name] = {"projects": 0, "value": "0.00"}
    for row in [*figures["bands"], *figures["by_sector"], *figures["by_investor_type"]]:
        row["projects"], row["value"] = 0, "0.00"
    figures["by_region"], figures["strategic_emerging"] = [], None
    english = render_text(figures, "en")
    assert english.startswith(
        "No projects were signed at the Western China Investment Fair 2023 Signing Ceremony on "
        "9 May 2023."
    )
    assert "By sector" not in english
    assert render_text(figures, "zh").startswith(
        "2023西部投资贸易洽谈会重点项目签约仪式于2023年5月9日举行，无签约项目。"
    )


def test_a_published_bulletin_ends_with_when_and_by_whom() -> None:
    figures = samples.sce2021()
    figures["published"] = {
        "published_at": "2021-08-25T02:30:00+00:00",
        "published_by": "cli:clerk",
        "reason": "",
    }
    english = render_text(figures, "en")
    chinese = render_text(figures, "zh")
    # 02:30 UTC is 10:30 in Chongqing, the time the bureau's clock showed.
    assert english.rstrip().endswith("Figures as published on 25 August 2021, 10:30 by cli:clerk.")
    assert chinese.rstrip().endswith("以上数据于2021年8月25日10:30由cli:clerk发布。")


def test_a_correction_says_why() -> None:
    figures = samples.sce2021()
    figures["published"] = {
        "published_at": "2021-08-26T02:30:00+00:00",
        "published_by": "cli:clerk",
        "reason": "one project was counted twice",
    }
    assert "Correction: one project was counted twice" in render_text(figures, "en")


def test_figures_never_published_carry_no_publication_note() -> None:
    figures = samples.sce2021()
    figures["published"] = None
    assert "published" not in render_text(figures, "en").lower()


def test_the_text_ends_with_one_newline_between_paragraphs_of_one_blank_line(english: str) -> None:
    assert english.endswith(".\n")
    assert "\n\n\n" not in english
    assert len(english.split("\n\n")) == 3


def test_the_text_leaves_changes_since_publication_to_the_command() -> None:
    # taizhang bulletin adds its own note after the text form; stating them here would repeat it.
    figures = samples.sce2021()
    figures["published"] = {
        "published_at": "2021-08-25T02:30:00+00:00",
        "published_by": "cli:clerk",
        "differences": {"withdrawn": [{"id": 7, "name": "X"}]},
    }
    assert "changed" not in render_text(figures, "en")


def test_many_outside_regions_are_named_up_to_four() -> None:
    figures = samples.sce2021()
    regions = [
        ("520000", "贵州省", "Guizhou"),
        ("510000", "四川省", "Sichuan"),
        ("530000", "云南省", "Yunnan"),
        ("610000", "陕西省", "Shaanxi"),
        ("450000", "广西壮族自治区", "Guangxi"),
    ]
    figures["outside_host"] = {
        "projects": 5,
        "value": "5000000000.00",
        "regions": [
            {"code": code, "name_zh": zh, "name_en": en, "projects": 1, "value": "1000000000.00"}
            for code, zh, en in regions
        ],
    }
    assert "landing in Guizhou, Sichuan, Yunnan and 2 other regions were signed" in (
        render_text(figures, "en")
    )
    assert "签约落地贵州省、四川省、云南省、陕西省等地的项目5个、金额50亿元" in (
        render_text(figures, "zh")
    )


def test_fortune_global_500_investors_are_counted_when_the_figures_carry_them() -> None:
    figures = samples.with_extras(samples.sce2021())
    assert "5 Fortune Global 500 companies invested in 6 projects worth ¥30.8 billion." in (
        render_text(figures, "en")
    )
    assert "5家世界500强企业投资项目6个、金额307.8亿元。" in render_text(figures, "zh")
    figures["fortune_global_500"] = {"projects": 1, "value": "300000000.00", "investors": 1}
    assert "1 Fortune Global 500 company invested in 1 project worth ¥300 million." in (
        render_text(figures, "en")
    )
    figures["fortune_global_500"] = {"projects": 0, "value": "0.00", "investors": 0}
    assert "Fortune Global 500" not in render_text(figures, "en")
    assert "500强" not in render_text(figures, "zh")


def test_a_ceremony_of_one_project_speaks_of_it() -> None:
    figures = samples.small_event()
    figures["totals"] = {"projects": 1, "value": "10200000000.00", "value_usd": None}
    one = {"projects": 1, "value": "10200000000.00"}
    figures["by_mode"] = {
        "offline": one,
        "online": {"projects": 0, "value": "0.00"},
        "offsite": {"projects": 0, "value": "0.00"},
        "live": one,
    }
    figures["bands"] = [
        {"min": minimum, "projects": 1, "previous": None, "change": None}
        for minimum in ("500000000.00", "1000000000.00", "5000000000.00", "10000000000.00")
    ]
    english = render_text(figures, "en")
    assert "1 project was signed with a total contract value of ¥10.2 billion." in english
    assert "It was signed live in the hall. The project was worth at least ¥10 billion." in english
    assert "该项目为线下现场签约。签约项目均在100亿元以上。" in render_text(figures, "zh")
