"""The organization's facts as one directive sees them: model, preset, language."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

from sphinx_vatoolkit import content
from sphinx_vatoolkit.i18n import (
    OrganizationTranslator,
    _,
    localize,
    organization_sentence,
    pick_language,
)
from sphinx_vatoolkit.presets import (
    PLATFORM_FACTS,
    PlatformPreset,
    effective_platform,
    localized_url,
)
from sphinx_vatoolkit.state import BuildState, build_state

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from sphinx_vatoolkit.config import VaToolkitConfig

logger = logging.getLogger(__name__)

MODES = ("client", "guide")


def equipment_labels() -> dict[str, str]:
    """Equipment named by a keyword in the config, translated for the reader."""
    return {
        "webcam": _("a webcam"),
        "camera": _("a camera"),
        "microphone": _("a microphone"),
        "headset": _("a headset"),
        "headphones": _("headphones"),
        "speakers": _("speakers"),
        "computer": _("a computer"),
        "smartphone": _("a smartphone"),
        "tablet": _("a tablet"),
        "internet": _("a stable internet connection"),
    }


@dataclass
class Facts:
    model: VaToolkitConfig
    language: str
    project_name: str
    location: tuple[str, int] | None = None
    mode: str = "client"
    translator: OrganizationTranslator | None = None
    used_catalog: bool = False  # whether the page shows text from the vatoolkit catalog
    reported: set[str] = field(default_factory=set)
    # Every fallback to generic text, in order: guide mode shows them with each draft.
    fallbacks: list[tuple[str, ...]] = field(default_factory=list)

    @classmethod
    def for_env(
        cls, env: BuildEnvironment, location: tuple[str, int] | None, mode: str = "client"
    ) -> Facts:
        return cls.for_state(
            build_state(env), env.config.language, env.config.project, location, mode
        )

    @classmethod
    def for_state(
        cls,
        state: BuildState,
        language: str | None,
        project_name: str,
        location: tuple[str, int] | None = None,
        mode: str = "client",
    ) -> Facts:
        return cls(
            model=state.model,
            language=language or "en",
            project_name=project_name,
            location=location,
            mode=mode,
            translator=state.translator,
        )

    @cached_property
    def platform(self) -> PlatformPreset:
        return effective_platform(self.model.platform)

    def text(self, value: Any) -> str:
        """Organization text in the build language."""
        if isinstance(value, str):
            self.used_catalog = True
        return localize(value, self.language, self.translator)

    def url(self, value: str | dict[str, str]) -> str:
        """A URL in the build language's version: per-language value or vendor locale."""
        if isinstance(value, dict):
            return str(pick_language(value, self.language))
        return localized_url(value, self.language)

    def has(self, *keys: str) -> bool:
        """Whether any of these dotted keys has a value."""
        return any(self.value(key) not in (None, [], {}, "") for key in keys)

    def value(self, key: str) -> Any:
        """The value at a dotted key; platform facts as the preset and overrides give them."""
        group, _dot, name = key.partition(".")
        if group == "platform" and name in PLATFORM_FACTS:
            return getattr(self.platform, name)
        return self.model.get(key)

    def from_preset(self, key: str) -> bool:
        """Whether the platform preset, not the organization's config, gives this fact."""
        return self.has(key) and key.startswith("platform") and self.model.get(key) is None

    def missing(self, *keys: str) -> None:
        """Warn once per directive that an answer fell back to generic text.

        Guide mode does not warn: it shows every question, and says with each draft
        which facts would make it specific.
        """
        wanted = " or ".join(f"vatoolkit.{key}" for key in keys)
        self.fallbacks.append(keys)
        if wanted in self.reported or self.mode == "guide":
            return
        self.reported.add(wanted)
        logger.warning(
            "an answer uses generic text because %s is not set",
            wanted,
            type="vatoolkit",
            subtype="missing",
            location=self.location,
        )

    # -- facts used in many sentences ---------------------------------------

    @property
    def org_name(self) -> str:
        name = self.model.organization.name
        return self.text(name) if name is not None else self.project_name

    @property
    def audience(self) -> str:
        """The people the organization serves, in the plural: patients, customers..."""
        organization = self.model.organization
        if organization.audience is not None:
            return self.text(organization.audience)
        return {
            "healthcare": _("patients"),
            "financial": _("customers"),
            "retail": _("customers"),
            "general": _("clients"),
        }[organization.industry]

    @property
    def article(self) -> str | None:
        """The article of the organization's name in the build language, if it takes one."""
        articles = self.model.organization.article
        return str(pick_language(articles, self.language)) if articles else None

    def organization_forms(self) -> dict[str, str]:
        """The name as sentences need it: ``{org}``, ``{the_org}``, ``{of_org}``...

        With an article, Portuguese contracts it with the preposition (da, na, pela,
        à) and Spanish too where it does (del, al). Without one, the forms keep the
        bare name, which only neutral wordings use.
        """
        name = self.org_name
        article = self.article
        the = f"{article} {name}" if article else name
        language = self.language.split("_")[0]
        forms = {"of": name, "in": name, "by": name, "to": name}
        if language == "pt":
            contracted = {"a": "da na pela à", "o": "do no pelo ao"}
            contracted |= {"as": "das nas pelas às", "os": "dos nos pelos aos"}
            words = contracted[article].split() if article else ["de", "em", "por", "a"]
            forms = {key: f"{word} {name}" for key, word in zip(forms, words, strict=True)}
        elif language == "es":
            of = "del" if article == "el" else f"de {article}" if article else "de"
            to = "al" if article == "el" else f"a {article}" if article else "a"
            forms = {
                "of": f"{of} {name}",
                "in": f"en {the}",
                "by": f"por {the}",
                "to": f"{to} {name}",
            }
        return {
            "org": name,
            "the_org": the,
            "The_org": the[:1].upper() + the[1:],
            **{f"{key}_org": value for key, value in forms.items()},
        }

    def organization_sentence(self, message: str) -> str:
        """A sentence marked with ``N_`` in the build language, worded for the
        organization's article when it has one."""
        return organization_sentence(message, with_article=self.article is not None)

    @property
    def sms_reminders(self) -> bool:
        """SMS reminders, where the platform can send them (Teams needs Premium)."""
        platform = self.model.platform
        return bool(self.model.reminders.sms) and (platform.preset != "teams" or platform.premium)

    @property
    def platform_name(self) -> str:
        return self.platform.name or _("our video platform")

    def equipment(self, items: list[Any]) -> list[str]:
        labels = equipment_labels()
        return [
            labels[item.lower()]
            if isinstance(item, str) and item.lower() in labels
            else self.text(item)
            for item in items
        ]

    def booking_page(self, text: str | None = None) -> nodes.reference | None:
        url = self.model.booking.url
        return content.link(url, text or _("our booking page")) if url else None

    def contact_channels(self) -> list[nodes.Node | list[nodes.Node]]:
        """Phone, e-mail and social channels for booking, as inline parts."""
        booking = self.model.booking
        channels: list[nodes.Node | list[nodes.Node]] = []
        if booking.phone:
            channels.append(
                content.fill(_("by phone at {phone}"), phone=content.phone_link(booking.phone))
            )
        if booking.email:
            channels.append(
                content.fill(_("by e-mail at {email}"), email=content.email_link(booking.email))
            )
        for channel in booking.social:
            channels.append(
                content.fill(_("on {channel}"), channel=content.link(channel.url, channel.name))
            )
        return channels

    def support_contact(self) -> list[nodes.Node] | None:
        """The support contact as inline parts, or None when the config has none."""
        support = self.model.support
        parts: list[nodes.Node | list[nodes.Node]] = []
        if support.phone:
            parts.append(content.fill(_("call {phone}"), phone=content.phone_link(support.phone)))
        if support.email:
            parts.append(
                content.fill(_("write to {email}"), email=content.email_link(support.email))
            )
        if support.url:
            parts.append(
                content.fill(_("visit {page}"), page=content.link(support.url, _("our help page")))
            )
        if not parts:
            return None
        return content.join_parts(parts, ", ", last=_(" or "))
