"""The Django admin for the bureau's administrator: every ledger model, ready for thousands of rows.

Foreign keys to big tables (regions, investors, projects, categories) use autocomplete widgets
rather than drop-downs listing every row, and change lists join what they show
(``list_select_related``) so a page costs the same few queries however long the ledger is.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from taizhang.ledger.models import (
    Announcement,
    Category,
    ChainOwner,
    ClassificationScheme,
    Event,
    ExchangeRate,
    IndustryChain,
    Investor,
    Park,
    Project,
    ProjectInvestor,
    Region,
)

# The ledger is the only app with an admin, so it names the site.
admin.site.site_header = _("taizhang 台账")
admin.site.site_title = _("taizhang 台账")
admin.site.index_title = _("Ledger administration")

BILINGUAL_SEARCH = ("name_zh", "name_en")


# --- Regions and classifications -----------------------------------------------------------


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name_zh", "name_en", "level", "parent", "is_active")
    list_filter = ("level", "is_active")
    list_select_related = ("parent",)
    search_fields = ("code", *BILINGUAL_SEARCH)
    autocomplete_fields = ("parent",)
    # Kept by Region.save() from the parents; an edited path would break "within" queries.
    readonly_fields = ("path",)
    fields = ("code", "name_zh", "name_en", "level", "parent", "path", "aliases", "is_active")


class CategoryInline(admin.TabularInline):
    model = Category
    fields = ("code", "name_zh", "name_en", "position", "is_other")
    extra = 0


@admin.register(ClassificationScheme)
class ClassificationSchemeAdmin(admin.ModelAdmin):
    list_display = ("code", "name_zh", "name_en")
    search_fields = ("code", *BILINGUAL_SEARCH)
    inlines = (CategoryInline,)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "code", "scheme", "position", "is_other")
    list_filter = ("scheme", "is_other")
    list_select_related = ("scheme",)
    search_fields = ("code", *BILINGUAL_SEARCH, "scheme__code")


# --- Events --------------------------------------------------------------------------------


class ExchangeRateInline(admin.TabularInline):
    model = ExchangeRate
    fields = ("currency", "yuan_per_unit")
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("code", "name_zh", "series", "edition", "date", "host")
    list_filter = ("series",)
    list_select_related = ("host",)
    search_fields = ("code", *BILINGUAL_SEARCH, "series")
    date_hierarchy = "date"
    autocomplete_fields = ("host", "sector_scheme")
    inlines = (ExchangeRateInline,)


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ("event", "currency", "yuan_per_unit")
    list_filter = ("currency",)
    list_select_related = ("event",)
    search_fields = ("event__code", "currency")
    autocomplete_fields = ("event",)


# --- Investors, parks and chains ----------------------------------------------------------


@admin.register(Investor)
class InvestorAdmin(admin.ModelAdmin):
    list_display = (
        "name_zh",
        "name_en",
        "type",
        "credit_code",
        "origin",
        "fortune_global_500",
        "china_top_500",
    )
    list_filter = ("type", "fortune_global_500", "china_top_500")
    list_select_related = ("origin",)
    search_fields = (*BILINGUAL_SEARCH, "name_key", "credit_code")
    autocomplete_fields = ("origin", "parent")
    readonly_fields = ("name_key",)


@admin.register(Park)
class ParkAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "region", "head_name", "head_title")
    list_select_related = ("region",)
    search_fields = (*BILINGUAL_SEARCH, "head_name", "region__name_zh")
    autocomplete_fields = ("region",)


class ChainOwnerInline(admin.TabularInline):
    model = ChainOwner
    fields = ("name", "organisation", "investor")
    autocomplete_fields = ("investor",)
    extra = 0


@admin.register(IndustryChain)
class IndustryChainAdmin(admin.ModelAdmin):
    list_display = ("code", "name_zh", "name_en", "chief_name", "chief_title")
    search_fields = ("code", *BILINGUAL_SEARCH, "chief_name")
    inlines = (ChainOwnerInline,)


@admin.register(ChainOwner)
class ChainOwnerAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "chain", "investor")
    list_filter = ("chain",)
    list_select_related = ("chain", "investor")
    search_fields = ("name", "organisation", "chain__name_zh", "investor__name_zh")
    autocomplete_fields = ("chain", "investor")


# --- Projects --------------------------------------------------------------------------------


class ProjectInvestorInline(admin.TabularInline):
    model = ProjectInvestor
    fields = ("position", "investor")
    autocomplete_fields = ("investor",)
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("investor")  # named in each row


class AnnouncementInline(admin.TabularInline):
    model = Announcement
    fields = ("event",)
    autocomplete_fields = ("event",)
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("event")  # named in each row


class WithdrawnFilter(admin.SimpleListFilter):
    """Current projects or withdrawn ones: withdrawal keeps the row, so both are worth seeing."""

    title = _("status")
    parameter_name = "withdrawn"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [("no", _("current")), ("yes", _("withdrawn"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "no":
            return queryset.filter(withdrawn_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(withdrawn_at__isnull=False)
        return queryset


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "event",
        "region",
        "lead_investor",
        "value",
        "mode",
        "signing_date",
        "sector",
    )
    list_filter = (WithdrawnFilter, "event", "mode", "project_type", "strategic_emerging")
    list_select_related = ("event", "region", "lead_investor", "sector__scheme")
    search_fields = (
        "name",
        "name_key",
        "project_code",
        "lead_investor__name_zh",
        "lead_investor__name_en",
        "region__name_zh",
        "responsible_unit",
    )
    date_hierarchy = "signing_date"
    autocomplete_fields = (
        "lead_investor",
        "region",
        "sector",
        "strategic_emerging_category",
        "industry_chain",
        "park",
    )
    readonly_fields = ("name_key", "version", "created_at", "updated_at")
    inlines = (ProjectInvestorInline, AnnouncementInline)

    def save_model(self, request: HttpRequest, obj: Project, form, change: bool) -> None:
        if change:
            obj.version += 1  # every change raises the version, edits made here included
        super().save_model(request, obj, form, change)


@admin.register(ProjectInvestor)
class ProjectInvestorAdmin(admin.ModelAdmin):
    list_display = ("project", "investor", "position")
    list_select_related = ("project", "investor")
    search_fields = ("project__name", "investor__name_zh", "investor__name_en")
    autocomplete_fields = ("project", "investor")


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ("project", "event")
    list_filter = ("event",)
    list_select_related = ("project", "event")
    search_fields = ("project__name", "event__code")
    autocomplete_fields = ("project", "event")
