"""``taizhang regions load`` and ``taizhang regions list``."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.utils import translation

from taizhang.ledger.models import Region

pytestmark = pytest.mark.django_db

#: Chengdu's districts, counties and county-level cities (GB/T 2260, 2020 and later), the city
#: itself listed after them, and two functional areas: what another host city would load.
CHENGDU = """\
code,name_zh,name_en,level,parent_code,aliases
510104,锦江区,Jinjiang District,district,510100,锦江|Jinjiang
510105,青羊区,Qingyang District,district,510100,青羊|Qingyang
510106,金牛区,Jinniu District,district,510100,金牛|Jinniu
510107,武侯区,Wuhou District,district,510100,武侯|Wuhou
510108,成华区,Chenghua District,district,510100,成华|Chenghua
510112,龙泉驿区,Longquanyi District,district,510100,龙泉驿|Longquanyi
510113,青白江区,Qingbaijiang District,district,510100,青白江|Qingbaijiang
510114,新都区,Xindu District,district,510100,新都|Xindu
510115,温江区,Wenjiang District,district,510100,温江|Wenjiang
510116,双流区,Shuangliu District,district,510100,双流|Shuangliu
510117,郫都区,Pidu District,district,510100,郫都|郫县|Pidu
510118,新津区,Xinjin District,district,510100,新津|新津县|Xinjin
510121,金堂县,Jintang County,county,510100,金堂|Jintang
510129,大邑县,Dayi County,county,510100,大邑|Dayi
510131,蒲江县,Pujiang County,county,510100,蒲江|Pujiang
510181,都江堰市,Dujiangyan,county,510100,都江堰|Dujiangyan
510182,彭州市,Pengzhou,county,510100,彭州|Pengzhou
510183,邛崃市,Qionglai,county,510100,邛崃|Qionglai
510184,崇州市,Chongzhou,county,510100,崇州|Chongzhou
510185,简阳市,Jianyang,county,510100,简阳|Jianyang
510100,成都市,Chengdu,prefecture,510000,成都
CD-GXQ,成都高新技术产业开发区,Chengdu Hi-tech Zone,area,510100,成都高新区|高新区
SC-TF,四川天府新区,Sichuan Tianfu New Area,area,510000,天府新区|Tianfu New Area
"""


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def chengdu_file(tmp_path: Path) -> Path:
    path = tmp_path / "chengdu.csv"
    path.write_text(CHENGDU, encoding="utf-8")
    return path


def run(*args: str) -> str:
    out = StringIO()
    call_command("regions", *args, stdout=out)
    return out.getvalue()


def test_loading_chengdu_creates_its_regions_and_a_second_run_changes_nothing(
    chengdu_file: Path,
) -> None:
    assert run("load", str(chengdu_file)).strip() == ("23 regions created, 0 updated, 0 unchanged.")
    chengdu = Region.objects.get(code="510100")
    assert chengdu.path == "/CN/510000/510100/"
    assert Region.objects.within(chengdu).count() == 22
    assert Region.objects.get(code="510104").path == "/CN/510000/510100/510104/"

    assert run("load", str(chengdu_file)).strip() == ("0 regions created, 0 updated, 23 unchanged.")
    assert Region.objects.within(chengdu).count() == 22


def test_a_dry_run_says_what_would_change_and_writes_nothing(chengdu_file: Path) -> None:
    output = run("load", str(chengdu_file), "--dry-run")
    assert "23 regions created" in output
    assert not Region.objects.filter(code="510100").exists()


def test_a_bad_file_lists_every_problem_with_its_row_and_loads_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "code,name_zh,name_en,level,parent_code,aliases\n"
        "510100,成都市,Chengdu,prefecture,510000,\n"
        "510104,锦江区,Jinjiang District,district,510199,\n"
        "510100,成都,Chengdu,prefecture,510000,\n"
        "510105,青羊区,Qingyang District,borough,510100,\n",
        encoding="utf-8",
    )
    count = Region.objects.count()
    with pytest.raises(CommandError) as raised:
        run("load", str(bad))
    lines = str(raised.value).splitlines()
    assert lines[0] == f"{bad} has 3 problems; nothing was loaded:"
    assert lines[1].startswith("  - bad.csv, row 3, column parent_code: the parent 510199")
    assert lines[2].startswith("  - bad.csv, row 4, column code: the code 510100 appears again")
    assert lines[3].startswith("  - bad.csv, row 5, column level: “borough” is not a level")
    assert len(lines) == 4
    assert Region.objects.count() == count


def test_on_the_command_line_a_bad_file_exits_with_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name_zh,name_en,level,parent_code\nX1,某区,,district,NOPE\n")
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["taizhang", "regions", "load", str(bad)])
    assert exited.value.code == 1
    assert "row 2, column parent_code: the parent NOPE" in capsys.readouterr().err


def test_listing_within_a_region_shows_it_and_everything_under_it_in_tree_order() -> None:
    lines = run("list", "--within", "CQ-LJ").splitlines()
    assert lines[0].split()[:1] == ["CQ-LJ"]
    assert "两江新区" in lines[0]
    assert lines[1:] == ["1 region."]

    chongqing = run("list", "--within", "500000").splitlines()
    assert chongqing[0].startswith("500000")
    assert chongqing[-1] == "44 regions."


def test_listing_within_accepts_a_name_as_well_as_a_code() -> None:
    assert run("list", "--within", "渝北").splitlines()[0].startswith("500112")


def test_listing_by_level_shows_only_that_level() -> None:
    lines = run("list", "--within", "500000", "--level", "county").splitlines()
    assert lines[-1] == "12 regions."
    assert all("county" in line for line in lines[:-1])


def test_listing_within_an_unknown_code_says_so_with_close_names() -> None:
    with pytest.raises(CommandError) as raised:
        run("list", "--within", "渝北去")
    assert "“渝北去” is not a known region; did you mean 渝北区 (500112)?" in str(raised.value)
