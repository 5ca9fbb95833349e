"""Projects: what the ledger is made of, one row per signed project."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from taizhang.ledger.normalise import normalise_name


class SigningMode(models.TextChoices):
    """How a project was signed. "Live" in a bulletin is offline + online."""

    OFFLINE = "offline", _("offline (in the hall)")
    ONLINE = "online", _("online (live video link)")
    OFFSITE = "offsite", _("off-site")


class ProjectType(models.TextChoices):
    NEW = "new", _("new")
    EXPANSION = "expansion", _("expansion")
    HEADQUARTERS = "headquarters", _("headquarters")
    RD = "r&d", _("R&D")
    FUND = "fund", _("fund")
    OTHER = "other", _("other")


class ProjectQuerySet(models.QuerySet):
    def announced_at(self, event) -> ProjectQuerySet:
        """Every project signed or announced at ``event``: what that event's own figures count."""
        return self.filter(announcements__event=event)

    def owned_by(self, events) -> ProjectQuerySet:
        """Projects owned by any of ``events``: each counted once, at the event that owns it."""
        return self.filter(event__in=events)

    def current(self) -> ProjectQuerySet:
        """Projects not withdrawn from the ledger."""
        return self.filter(withdrawn_at__isnull=True)


class Project(models.Model):
    """A signed investment project: one row of the ledger.

    ``event`` owns the project: it is counted there in any total over several events. The same
    project may have been announced at other events too (a district's cloud signing days before
    the city's ceremony); each such event has an :class:`Announcement`, as does the owner, so an
    event's own figures are one join and a multi-event total never counts a project twice.

    ``value`` is the contract value in yuan, exact to 0.01. When it was signed in another
    currency, ``original_value`` and ``currency`` keep what the contract says.
    """

    # No index of its own: project_event_name_key (event, name_key) serves event_id lookups as
    # its leading column, and one index less makes every bulk insert cheaper.
    event = models.ForeignKey(
        "ledger.Event",
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        related_name="owned_projects",
        db_index=False,
    )
    name = models.CharField(_("project name"), max_length=300)
    name_key = models.CharField(_("matching key"), max_length=300, editable=False, db_index=True)
    # NULL, not "", for "no code": the unique constraint must ignore projects without one.
    project_code = models.CharField(
        _("project code"),
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        help_text=_("The code issued by the national investment project approval platform."),
    )
    investors = models.ManyToManyField(
        "ledger.Investor",
        verbose_name=_("investors"),
        through="ProjectInvestor",
        related_name="projects",
    )
    lead_investor = models.ForeignKey(
        "ledger.Investor",
        verbose_name=_("lead investor"),
        on_delete=models.PROTECT,
        related_name="led_projects",
        # Served by project_lead_event (lead investor, event): the import's question "which
        # projects of other events does this investor lead" is then answered from the index.
        db_index=False,
    )
    value = models.DecimalField(_("contract value (yuan)"), max_digits=20, decimal_places=2)
    original_value = models.DecimalField(
        _("original amount"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    mode = models.CharField(_("signing mode"), max_length=16, choices=SigningMode.choices)
    signing_date = models.DateField(_("signing date"))
    # Served by project_region_value (region, value), as ``event`` is by its composite index.
    region = models.ForeignKey(
        "ledger.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="projects",
        db_index=False,
    )
    sector = models.ForeignKey(
        "ledger.Category",
        verbose_name=_("sector"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    strategic_emerging = models.BooleanField(
        _("strategic emerging industry"), null=True, blank=True
    )
    strategic_emerging_category = models.ForeignKey(
        "ledger.Category",
        verbose_name=_("strategic emerging industry category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="strategic_projects",
        # Indexed by project_strategic_category only where set: most ledger files leave it
        # empty, and a bulk import then writes no index entry for those rows.
        db_index=False,
    )
    industry_chain = models.ForeignKey(
        "ledger.IndustryChain",
        verbose_name=_("industry chain"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
        # Indexed by project_industry_chain only where set, as strategic_emerging_category.
        db_index=False,
    )
    park = models.ForeignKey(
        "ledger.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
        # Indexed by project_park only where set, as strategic_emerging_category.
        db_index=False,
    )
    project_type = models.CharField(
        _("project type"), max_length=16, choices=ProjectType.choices, blank=True
    )
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    responsible_person = models.CharField(_("responsible person"), max_length=100, blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_production = models.DateField(_("planned production"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Raised by every change; an edit names the one it read."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["event", "id"]
        indexes = [
            models.Index(fields=["event", "name_key"], name="project_event_name_key"),
            models.Index(fields=["region", "value"], name="project_region_value"),
            models.Index(fields=["lead_investor", "event"], name="project_lead_event"),
            # Partial: an import's rows without a park, chain or category cost no index entry,
            # and "= x" or "IN (...)", which no NULL can match, is still answered from them.
            models.Index(
                fields=["park"], condition=models.Q(park__isnull=False), name="project_park"
            ),
            models.Index(
                fields=["industry_chain"],
                condition=models.Q(industry_chain__isnull=False),
                name="project_industry_chain",
            ),
            models.Index(
                fields=["strategic_emerging_category"],
                condition=models.Q(strategic_emerging_category__isnull=False),
                name="project_strategic_category",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(value__gt=0), name="project_value_positive"),
            models.CheckConstraint(
                condition=models.Q(currency="CNY", original_value__isnull=True)
                | (~models.Q(currency="CNY") & models.Q(original_value__gt=0)),
                name="project_original_amount_with_currency",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_key = normalise_name(self.name)
        super().save(*args, **kwargs)


class ProjectInvestor(models.Model):
    """An investor of a project, in the order the ledger names them (position 0 leads)."""

    # Served by investor_unique_position (project, position).
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="investor_links", db_index=False
    )
    investor = models.ForeignKey(
        "ledger.Investor", on_delete=models.PROTECT, related_name="project_links"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("project investor")
        verbose_name_plural = _("project investors")
        ordering = ["project", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "position"], name="investor_unique_position"
            ),
            models.UniqueConstraint(
                fields=["project", "investor"], name="investor_once_per_project"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.investor} ({self.position + 1})"


class Announcement(models.Model):
    """A project signed or announced at an event. Every project has one at the event owning it.

    ``sector`` and ``mode`` are how this event classified and signed the project when that
    differs from the project's own (a project signed online at a district's cloud signing, then
    off-site at the city's ceremony, in the city's classification): empty means the project's
    own. The owner's announcement always leaves them empty, since ``Project.sector`` and
    ``Project.mode`` are the owner's. A linked announcement's sector belongs to its event's
    sector scheme; the services check that, as no database constraint can look across tables.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="announcements")
    # Served by announcement_unique (event, project).
    event = models.ForeignKey(
        "ledger.Event", on_delete=models.PROTECT, related_name="announcements", db_index=False
    )
    sector = models.ForeignKey(
        "ledger.Category",
        verbose_name=_("sector at this event"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="announced_projects",
        help_text=_("Empty when this event classified the project as the project itself is."),
        # Indexed by announcement_sector only where set: it is empty on almost every
        # announcement, and a bulk import then writes no index entry for those rows.
        db_index=False,
    )
    mode = models.CharField(
        _("signing mode at this event"),
        max_length=16,
        choices=SigningMode.choices,
        blank=True,
        default="",
        # Imports write announcements with a few named columns: the database fills this one.
        db_default="",
        help_text=_("Empty when the project was signed here as the project itself was."),
    )

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        indexes = [
            models.Index(
                fields=["sector"],
                condition=models.Q(sector__isnull=False),
                name="announcement_sector",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["event", "project"], name="announcement_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project} @ {self.event.code}"

    def clean(self) -> None:
        """A sector or mode of its own only at another event than the owner, and a sector of
        this event's own classification (a form's check; imports ensure both as they match).
        """
        super().clean()
        if self.project_id is None or self.event_id is None:
            return
        if self.event_id == self.project.event_id and (self.sector_id or self.mode):
            raise ValidationError(
                _(
                    "%(project)s is %(event)s's own project: its sector and signing mode there are "
                    "the project's. Leave them empty here and change the project instead."
                )
                % {"project": self.project, "event": self.event.code}
            )
        if self.sector_id and self.sector.scheme_id != self.event.sector_scheme_id:
            raise ValidationError(
                {
                    "sector": _(
                        "%(sector)s is not a sector of %(event)s's classification: choose one of "
                        "its own categories, or leave the sector empty."
                    )
                    % {"sector": self.sector, "event": self.event.code}
                }
            )
