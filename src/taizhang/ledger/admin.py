"""The Django admin for the bureau's administrator: every ledger model, ready for thousands of rows.

Every list, page, autocomplete and drop-down goes through :func:`taizhang.access.restrict.restrict`
(:mod:`taizhang.access.adminviews`); the site admits the bureau administrator only
(:mod:`taizhang.access.adminsite`). A project is changed through the project service, based on
the version the page showed: a stale edit is refused with who changed what since.

Foreign keys to big tables (regions, investors, projects, categories) use autocomplete widgets
rather than drop-downs listing every row, and change lists join what they show
(``list_select_related``) so a page costs the same few queries however long the ledger is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _

from taizhang.access.adminviews import RestrictedModelAdmin, RestrictedTabularInline
from taizhang.audit.recorder import record
from taizhang.ledger.adminaudit import AuditedAdminMixin
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
from taizhang.ledger.services.projects import (
    ProjectEdit,
    ProjectNotFound,
    StaleEdit,
    begin_edit,
    begin_edit_as_it_is,
    finish_edit,
    snapshot,
)
from taizhang.ledger.services.regions import recording_moves_under

# The ledger is the only app with an admin, so it names the site.
admin.site.site_header = _("taizhang 台账")
admin.site.site_title = _("taizhang 台账")
admin.site.index_title = _("Ledger administration")

BILINGUAL_SEARCH = ("name_zh", "name_en")


class AuditedModelAdmin(AuditedAdminMixin, RestrictedModelAdmin):
    """A restricted model admin whose every save and delete (inlines too) is recorded."""


# --- Regions and classifications -----------------------------------------------------------


@admin.register(Region)
class RegionAdmin(AuditedModelAdmin):
    list_display = ("code", "name_zh", "name_en", "level", "parent", "is_active")
    list_filter = ("level", "is_active")
    list_select_related = ("parent",)
    search_fields = ("code", *BILINGUAL_SEARCH)
    autocomplete_fields = ("parent",)
    # Kept by Region.save() from the parents; an edited path would break "within" queries.
    readonly_fields = ("path",)
    fields = ("code", "name_zh", "name_en", "level", "parent", "path", "aliases", "is_active")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # A new parent or code moves every region under it too: each is recorded.
        with recording_moves_under(obj):
            super().save_model(request, obj, form, change)


class CategoryInline(RestrictedTabularInline):
    model = Category
    fields = ("code", "name_zh", "name_en", "position", "is_other")
    extra = 0


@admin.register(ClassificationScheme)
class ClassificationSchemeAdmin(AuditedModelAdmin):
    list_display = ("code", "name_zh", "name_en")
    search_fields = ("code", *BILINGUAL_SEARCH)
    inlines = (CategoryInline,)


@admin.register(Category)
class CategoryAdmin(AuditedModelAdmin):
    list_display = ("name_zh", "name_en", "code", "scheme", "position", "is_other")
    list_filter = ("scheme", "is_other")
    list_select_related = ("scheme",)
    search_fields = ("code", *BILINGUAL_SEARCH, "scheme__code")


# --- Events --------------------------------------------------------------------------------


class ExchangeRateInline(RestrictedTabularInline):
    model = ExchangeRate
    fields = ("currency", "yuan_per_unit")
    extra = 0


@admin.register(Event)
class EventAdmin(AuditedModelAdmin):
    list_display = ("code", "name_zh", "series", "edition", "date", "host")
    list_filter = ("series",)
    list_select_related = ("host",)
    search_fields = ("code", *BILINGUAL_SEARCH, "series")
    date_hierarchy = "date"
    autocomplete_fields = ("host", "sector_scheme")
    inlines = (ExchangeRateInline,)


@admin.register(ExchangeRate)
class ExchangeRateAdmin(AuditedModelAdmin):
    list_display = ("event", "currency", "yuan_per_unit")
    list_filter = ("currency",)
    list_select_related = ("event",)
    search_fields = ("event__code", "currency")
    autocomplete_fields = ("event",)


# --- Investors, parks and chains ----------------------------------------------------------


@admin.register(Investor)
class InvestorAdmin(AuditedModelAdmin):
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
class ParkAdmin(AuditedModelAdmin):
    list_display = ("name_zh", "name_en", "region", "head_name", "head_title")
    list_select_related = ("region",)
    search_fields = (*BILINGUAL_SEARCH, "head_name", "region__name_zh")
    autocomplete_fields = ("region",)


class ChainOwnerInline(RestrictedTabularInline):
    model = ChainOwner
    fields = ("name", "organisation", "investor")
    autocomplete_fields = ("investor",)
    extra = 0


@admin.register(IndustryChain)
class IndustryChainAdmin(AuditedModelAdmin):
    list_display = ("code", "name_zh", "name_en", "chief_name", "chief_title")
    search_fields = ("code", *BILINGUAL_SEARCH, "chief_name")
    inlines = (ChainOwnerInline,)


@admin.register(ChainOwner)
class ChainOwnerAdmin(AuditedModelAdmin):
    list_display = ("name", "organisation", "chain", "investor")
    list_filter = ("chain",)
    list_select_related = ("chain", "investor")
    search_fields = ("name", "organisation", "chain__name_zh", "investor__name_zh")
    autocomplete_fields = ("chain", "investor")


# --- Projects --------------------------------------------------------------------------------


class ProjectInvestorInline(RestrictedTabularInline):
    model = ProjectInvestor
    fields = ("position", "investor")
    autocomplete_fields = ("investor",)
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("investor")  # named in each row


class AnnouncementInline(RestrictedTabularInline):
    model = Announcement
    # sector and mode: how this event classified and signed the project, where it differs.
    fields = ("event", "sector", "mode")
    autocomplete_fields = ("event", "sector")
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # named in each row
        return super().get_queryset(request).select_related("event", "sector__scheme")


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


class ProjectAdminForm(forms.ModelForm):
    """The project form, carrying the version it was opened at; a save based on an older one
    is refused (nothing overwritten) with who changed what since."""

    based_on_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    #: Set by :meth:`ProjectAdmin.get_form` for the request: who edits.
    acting_user: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.edit = None
        if self.instance.pk:
            self.fields["based_on_version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("withdrawn_at") and not (cleaned.get("withdrawal_reason") or "").strip():
            # A project is never deleted; withdrawing one says why, for whoever reads it later.
            self.add_error(
                "withdrawal_reason",
                _("Say why the project is withdrawn: a withdrawal is kept with its reason."),
            )
        if self.instance.pk:
            based_on = cleaned.get("based_on_version")
            if based_on is None:
                raise ValidationError(
                    _("This form does not say which version it edits: open the project again.")
                )
            try:
                # Locks the project until the admin's transaction ends: the check and the
                # save see the same version.
                self.edit = begin_edit(self.instance.pk, based_on, self.acting_user)
            except StaleEdit as stale:
                raise ValidationError(stale.message, code="stale") from None
            except ProjectNotFound:
                raise Http404(
                    _("No project has the id %(id)s.") % {"id": self.instance.pk}
                ) from None
        return cleaned


@admin.register(Project)
class ProjectAdmin(RestrictedModelAdmin):
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
    form = ProjectAdminForm

    def get_form(self, request: HttpRequest, obj: Project | None = None, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, **kwargs)
        form.acting_user = request.user  # a class made for this request
        return form

    def has_delete_permission(self, request: HttpRequest, obj: Project | None = None) -> bool:
        # Removing a project is a withdrawal with a reason (its "withdrawn at" and "reason for
        # withdrawal"), recorded as project.withdraw; a ledger row is never deleted.
        return False

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if change and form.edit is not None:
            # After the inlines: one version and one audit entry for the whole edit.
            finish_edit(form.edit, request.user)
        elif not change:
            # After the inlines, so that the entry names the project's investors and events.
            record("project.create", "project", form.instance.pk, None, snapshot(form.instance))


class ProjectPartForm(forms.ModelForm):
    """A row of a project (one of its investors, an event it is announced at) on its own
    page, carrying the version of its project the page was opened at: changing the row is an
    edit of the project, refused like the project's own form — nothing overwritten, and who
    changed what since — when the project has moved on.

    The projects the change touches are locked when the form is validated, in id order, and
    stay locked until the save: the project the row belonged to, based on the version the page
    showed; the project it is moved to (or added to), based on the version read under the
    lock. Nothing can change between the check and the save.
    """

    project_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    #: Set by :meth:`ProjectPartAdmin.get_form` for the request: who edits.
    acting_user: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.edits: list[ProjectEdit] = []
        if self.instance.pk:
            self.fields["project_version"].initial = self.instance.project.version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        stored = self.instance.project_id if self.instance.pk else None
        based_on = cleaned.get("project_version")
        if stored is not None and based_on is None:
            raise ValidationError(
                _("This form does not say which version of the project it edits: open it again.")
            )
        chosen = cleaned.get("project")
        for pk in sorted({pk for pk in (stored, getattr(chosen, "pk", None)) if pk is not None}):
            try:
                if pk == stored:
                    self.edits.append(begin_edit(pk, based_on, self.acting_user))
                else:
                    self.edits.append(begin_edit_as_it_is(pk, self.acting_user))
            except StaleEdit as stale:
                raise ValidationError(stale.message, code="stale") from None
            except ProjectNotFound:
                raise Http404(_("No project has the id %(id)s.") % {"id": pk}) from None
        return cleaned


class ProjectPartAdmin(AuditedModelAdmin):
    """A row that belongs to a project (an investor of it, an event it is announced at),
    changed on its own page: each change is also an edit of its project, which gets a new
    version and a ``project.update`` entry, so that no one editing the project meanwhile
    overwrites it unawares (:class:`ProjectPartForm`)."""

    form = ProjectPartForm

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, **kwargs)
        form.acting_user = request.user  # a class made for this request
        return form

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            for edit in form.edits:  # begun, and the projects locked, when the form was valid
                finish_edit(edit, request.user)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with _editing({obj.project_id}, request.user):
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        with _editing(set(queryset.values_list("project_id", flat=True)), request.user):
            super().delete_queryset(request, queryset)


@contextmanager
def _editing(project_ids: set[int], user: Any) -> Iterator[None]:
    """Edit the projects ``project_ids`` as ``user`` around what runs inside, in one
    transaction: locked first (their versions read under the lock, so that no change slips in
    between), each recorded with its new version after."""
    with transaction.atomic():
        edits = []
        for pk in sorted(project_ids):
            try:
                edits.append(begin_edit_as_it_is(pk, user))
            except ProjectNotFound:
                raise Http404(_("No project has the id %(id)s.") % {"id": pk}) from None
        yield
        for edit in edits:
            finish_edit(edit, user)


@admin.register(ProjectInvestor)
class ProjectInvestorAdmin(ProjectPartAdmin):
    list_display = ("project", "investor", "position")
    list_select_related = ("project", "investor")
    search_fields = ("project__name", "investor__name_zh", "investor__name_en")
    autocomplete_fields = ("project", "investor")


@admin.register(Announcement)
class AnnouncementAdmin(ProjectPartAdmin):
    list_display = ("project", "event", "sector", "mode")
    list_filter = ("event",)
    list_select_related = ("project", "event", "sector__scheme")
    search_fields = ("project__name", "event__code")
    autocomplete_fields = ("project", "event", "sector")
