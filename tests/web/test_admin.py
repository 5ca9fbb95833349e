"""The Django admin of the ledger, as the bureau's administrator uses it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.core import checks
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.ledger.models import (
    Announcement,
    Category,
    ChainOwner,
    ClassificationScheme,
    Event,
    ExchangeRate,
    IndustryChain,
    Investor,
    InvestorType,
    Park,
    Project,
    ProjectInvestor,
    Region,
    SigningMode,
)

LEDGER_MODELS = sorted(apps.get_app_config("ledger").get_models(), key=lambda m: m.__name__)


@dataclass
class Ledger:
    """A small ledger: one event in Yubei with a project, its investors, a park and a chain."""

    region: Region
    event: Event
    sector: Category
    investor: Investor
    partner: Investor
    park: Park
    chain: IndustryChain
    project: Project

    def add_project(self, number: int) -> Project:
        """Another project of the event, led by the investor, with both investors and an
        announcement, as the import writes them."""
        project = Project.objects.create(
            event=self.event,
            name=f"智能终端产业园项目 {number}",
            lead_investor=self.investor,
            value=Decimal("1500000000.00"),
            mode=SigningMode.OFFLINE,
            signing_date=self.event.date,
            region=self.region,
            sector=self.sector,
            industry_chain=self.chain,
            park=self.park,
        )
        ProjectInvestor.objects.create(project=project, investor=self.investor, position=0)
        ProjectInvestor.objects.create(project=project, investor=self.partner, position=1)
        Announcement.objects.create(project=project, event=self.event)
        return project


def region(code: str, name_zh: str, level: str, parent: Region | None = None) -> Region:
    # The shipped reference data may hold the region already.
    found, _ = Region.objects.get_or_create(
        code=code, defaults={"name_zh": name_zh, "level": level, "parent": parent}
    )
    return found


@pytest.fixture
def ledger(db) -> Ledger:
    china = region("CN", "中国", Region.Level.COUNTRY)
    chongqing = region("500000", "重庆市", Region.Level.PROVINCE, china)
    yubei = region("500112", "渝北区", Region.Level.DISTRICT, chongqing)
    usa = region("US", "美国", Region.Level.COUNTRY)
    scheme = ClassificationScheme.objects.create(code="TEST-SCE-2021", name_zh="智博会2021行业")
    sector = Category.objects.create(scheme=scheme, code="IM", name_zh="智能制造")
    Category.objects.create(scheme=scheme, code="OT", name_zh="其他", is_other=True, position=9)
    event = Event.objects.create(
        code="TEST-SCE2021",
        series="TEST-SCE",
        edition=2021,
        date=datetime.date(2021, 8, 23),
        name_zh="2021智博会重点项目签约仪式",
        host=chongqing,
        sector_scheme=scheme,
    )
    ExchangeRate.objects.create(event=event, currency="USD", yuan_per_unit=Decimal("6.4770"))
    investor = Investor.objects.create(name_zh="重庆某某科技有限公司", type=InvestorType.PRIVATE)
    partner = Investor.objects.create(
        name_zh="某某美国公司", name_en="Example Inc.", type=InvestorType.FOREIGN, origin=usa
    )
    park = Park.objects.create(region=yubei, name_zh="仙桃数据谷", head_name="张三")
    chain = IndustryChain.objects.create(code="TEST-EI", name_zh="电子信息", chief_name="李四")
    ChainOwner.objects.create(chain=chain, name="王五", organisation="某协会", investor=investor)
    ledger = Ledger(yubei, event, sector, investor, partner, park, chain, project=None)  # type: ignore[arg-type]
    ledger.project = ledger.add_project(1)
    return ledger


def admin_url(model: type[models.Model], view: str, *args: object) -> str:
    return reverse(f"admin:ledger_{model._meta.model_name}_{view}", args=args)


def test_every_ledger_model_is_in_the_admin() -> None:
    assert [m for m in LEDGER_MODELS if not admin.site.is_registered(m)] == []


def test_the_admin_configuration_passes_djangos_checks() -> None:
    assert [str(message) for message in checks.run_checks(tags=[checks.Tags.admin])] == []


@pytest.mark.parametrize("model", LEDGER_MODELS, ids=lambda m: m.__name__)
def test_every_change_list_loads(admin_client: Client, ledger: Ledger, model) -> None:
    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count > 0


@pytest.mark.parametrize("model", LEDGER_MODELS, ids=lambda m: m.__name__)
def test_every_change_list_can_be_searched(admin_client: Client, ledger: Ledger, model) -> None:
    response = admin_client.get(admin_url(model, "changelist"), {"q": "某"})
    assert response.status_code == 200


@pytest.mark.parametrize("model", LEDGER_MODELS, ids=lambda m: m.__name__)
def test_every_change_page_loads(admin_client: Client, ledger: Ledger, model) -> None:
    row = model.objects.order_by("pk").last()
    response = admin_client.get(admin_url(model, "change", row.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("model", LEDGER_MODELS, ids=lambda m: m.__name__)
def test_every_add_page_loads(admin_client: Client, ledger: Ledger, model) -> None:
    assert admin_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", LEDGER_MODELS, ids=lambda m: m.__name__)
def test_anonymous_users_are_sent_to_sign_in(client: Client, ledger: Ledger, model) -> None:
    url = admin_url(model, "changelist")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


def test_the_site_is_named_taizhang(admin_client: Client) -> None:
    response = admin_client.get(reverse("admin:index"))
    assert "taizhang 台账" in response.content.decode()


def test_the_project_page_shows_its_investors_and_announcements(
    admin_client: Client, ledger: Ledger
) -> None:
    response = admin_client.get(admin_url(Project, "change", ledger.project.pk))
    inlines = {formset.opts.model for formset in response.context["inline_admin_formsets"]}
    assert inlines == {ProjectInvestor, Announcement}
    assert (
        "Example Inc." in response.content.decode() or "某某美国公司" in response.content.decode()
    )


@pytest.mark.parametrize(
    ("model", "inline"),
    [
        (Event, ExchangeRate),
        (IndustryChain, ChainOwner),
        (ClassificationScheme, Category),
    ],
)
def test_parents_edit_their_rows_inline(
    admin_client: Client, ledger: Ledger, model, inline
) -> None:
    parent = model.objects.order_by("pk").last()
    response = admin_client.get(admin_url(model, "change", parent.pk))
    assert [f.opts.model for f in response.context["inline_admin_formsets"]] == [inline]


def test_a_region_path_is_shown_but_not_edited(admin_client: Client, ledger: Ledger) -> None:
    url = admin_url(Region, "change", ledger.region.pk)
    assert ledger.region.path in admin_client.get(url).content.decode()
    response = admin_client.post(
        url,
        {
            "code": ledger.region.code,
            "name_zh": "渝北区",
            "name_en": "Yubei",
            "level": Region.Level.DISTRICT,
            "parent": ledger.region.parent_id,
            "path": "/HACKED/",
            "aliases": '["渝北"]',
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    ledger.region.refresh_from_db()
    assert ledger.region.name_en == "Yubei"
    assert ledger.region.path.endswith("/500000/500112/")


def test_a_project_edited_here_gets_a_new_version(admin_client: Client, ledger: Ledger) -> None:
    url = admin_url(Project, "change", ledger.project.pk)
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "based_on_version": 1,
            "description": "用地已落实",
            "signing_date": "2021-08-23",
            "investor_links-TOTAL_FORMS": 0,
            "investor_links-INITIAL_FORMS": 0,
            "announcements-TOTAL_FORMS": 0,
            "announcements-INITIAL_FORMS": 0,
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    ledger.project.refresh_from_db()
    assert (ledger.project.description, ledger.project.version) == ("用地已落实", 2)


def test_foreign_keys_are_looked_up_by_typing(admin_client: Client, ledger: Ledger) -> None:
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "ledger", "model_name": "project", "field_name": "region", "term": "渝北"},
    )
    assert response.status_code == 200
    assert str(ledger.region.pk) in [r["id"] for r in response.json()["results"]]


def test_projects_can_be_filtered_by_withdrawal(admin_client: Client, ledger: Ledger) -> None:
    withdrawn = ledger.add_project(2)
    withdrawn.withdrawn_at = datetime.datetime(2022, 1, 1, tzinfo=datetime.UTC)
    withdrawn.save()
    url = admin_url(Project, "changelist")
    assert list(admin_client.get(url, {"withdrawn": "yes"}).context["cl"].result_list) == [
        withdrawn
    ]
    assert withdrawn not in admin_client.get(url, {"withdrawn": "no"}).context["cl"].result_list


def project_list_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(Project, "changelist"))
    assert response.status_code == 200
    return len(queries)


def test_the_project_list_costs_the_same_queries_for_5_or_50_projects(
    admin_client: Client, ledger: Ledger
) -> None:
    for number in range(2, 6):
        ledger.add_project(number)
    project_list_queries(admin_client)  # warm caches (content types, session) out of the count
    with_5 = project_list_queries(admin_client)
    for number in range(6, 51):
        ledger.add_project(number)
    assert Project.objects.count() == 50
    assert project_list_queries(admin_client) == with_5
