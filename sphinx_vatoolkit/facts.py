"""The organization's facts as one directive sees them: model, preset, language."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

from sphinx_vatoolkit import content
from sphinx_vatoolkit.i18n import OrganizationTranslator, _, localize, pick_language
from sphinx_vatoolkit.presets import PlatformPreset, effective_platform, localized_url
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
        if key == "platform.name":
            return self.platform.name or None
        return self.model.get(key)

    def missing(self, *keys: str) -> None:
        """Warn once per directive that an answer fell back to generic text."""
        wanted = " or ".join(f"vatoolkit.{key}" for key in keys)
        if wanted in self.reported:
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
        return content.join_parts(parts, _(" or "))
