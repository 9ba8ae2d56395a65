"""Per-build state in one place: a Sphinx domain, as ``sphinx.ext.todo`` keeps its data.

* :class:`BuildState` is what one build knows about the organization: the validated
  config, where it was written, the organization's translations and the theme's page
  data. It is made once, at ``builder-inited``: the first event at which both the
  final config and the environment (which holds the domain) exist. ``config-inited``
  comes before the environment, and a domain made then would still read the
  previous build's config.
* ``VaToolkitDomain.data`` is kept with the environment between builds: the pages that
  use the toolkit or show organization text, and the fingerprints of the config and
  the catalog they were read with. Purged and merged here, nowhere else.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, get_args

from sphinx.domains import Domain
from sphinx.util import logging

from sphinx_vatoolkit.config import (
    CONFIG_NAME,
    PresetName,
    VaToolkitConfig,
    catalog_strings,
    read_raw_config,
    validate_config,
)
from sphinx_vatoolkit.i18n import (
    ORGANIZATION_CATALOG,
    OrganizationTranslator,
    load_organization_translator,
)

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_vatoolkit.theme import SiteContext

logger = logging.getLogger(__name__)

DOMAIN_NAME = "vatoolkit"


@dataclass
class BuildState:
    """The organization as this build sees it, worked out once."""

    model: VaToolkitConfig
    config_source: str  # where the facts were written, relative to the conf dir
    confdir: Path  # file paths in the config are relative to it
    translator: OrganizationTranslator
    # The theme's page-independent data, made on the first page it draws.
    site: SiteContext | None = field(default=None, repr=False)
    # Every page gets the site-wide additions (sphinx_vatoolkit.pages.enhances_site).
    site_wide: bool = False

    @classmethod
    def load(cls, app: Sphinx) -> BuildState:
        """Read and validate ``vatoolkit`` once, reporting every problem by key."""
        raw, where, read_errors = read_raw_config(app.config[CONFIG_NAME], app.confdir, app.srcdir)
        for message in read_errors:
            logger.error(message, type="vatoolkit", subtype="config")
        model, problems = validate_config(raw, where)
        for level, message in problems:
            log = logger.error if level == "error" else logger.warning
            log(message, type="vatoolkit", subtype="config")
        for subtype, message in gaps(model, app.config.project):
            logger.warning(message, type="vatoolkit", subtype=subtype)
        translator = load_organization_translator(app.config, app.srcdir, write_compiled=True)
        if app.builder.name != "gettext":
            report_untranslated(model, translator, app.config.language or "en")
        return cls(
            model=model,
            config_source=where or "conf.py",
            confdir=Path(app.confdir),
            translator=translator,
        )


UNTRANSLATED_SHOWN = 5
# Texts a catalog may translate, but that read the same in every language when it does not.
NAMES_KEPT_AS_WRITTEN = {"organization.name"}


def report_untranslated(
    model: VaToolkitConfig, translator: OrganizationTranslator, language: str
) -> None:
    """One warning a build: the organization texts the build language's catalog lacks."""
    if language == "en" or language.startswith("en_"):
        return
    missing = [
        (path, text)
        for path, text in catalog_strings(model)
        if text not in translator.translated and path not in NAMES_KEPT_AS_WRITTEN
    ]
    if not missing:
        return
    shown = "; ".join(f"{path}: {text[:60]!r}" for path, text in missing[:UNTRANSLATED_SHOWN])
    more = (
        f"; and {len(missing) - UNTRANSLATED_SHOWN} more"
        if len(missing) > UNTRANSLATED_SHOWN
        else ""
    )
    logger.warning(
        "%d organization text(s) have no %s translation in the project's vatoolkit.po, so "
        "the pages show them as written: %s%s (sphinx-build -b gettext, then sphinx-intl "
        "update, then translate them)",
        len(missing),
        language,
        shown,
        more,
        type="vatoolkit",
        subtype="untranslated",
    )


def platform_not_chosen(model: VaToolkitConfig) -> str | None:
    """What the pages say when the config never chose a platform, or None when it did.

    Without one, the pages describe the default preset (Microsoft Teams): the build and
    ``sphinx-vatoolkit check`` both say so.
    """
    if "preset" in model.platform.model_fields_set:
        return None
    from sphinx_vatoolkit.presets import PRESETS

    default = model.platform.preset
    preset = PRESETS[default]
    described = f"{preset.name} with {preset.booking_app}" if preset.booking_app else preset.name
    key = "platform.preset" if "platform" in model.model_fields_set else "platform"
    choices = [repr(name) for name in get_args(PresetName)]
    return (
        f"{CONFIG_NAME}.{key} is not set: the pages describe {described} (the default "
        f"preset {default!r}); set it to {', '.join(choices[:-1])} or {choices[-1]}"
    )


def gaps(model: VaToolkitConfig, project: str) -> list[tuple[str, str]]:
    """``(subtype, message)`` for facts whose absence would make a page silently wrong."""
    found = []
    platform = platform_not_chosen(model)
    if platform is not None:
        found.append(("missing", platform))
    if model.organization.name is None:
        found.append(
            (
                "missing",
                "vatoolkit.organization.name is not set: the pages call the organization "
                f"by the Sphinx project name {project!r} (is the vatoolkit setting in "
                "conf.py, and spelled so?)",
            )
        )
    if model.reminders.sms and model.platform.preset == "teams" and not model.platform.premium:
        found.append(
            (
                "config",
                "vatoolkit.reminders.sms: SMS reminders need Teams Premium; the pages leave "
                "them out until you set vatoolkit.platform.premium to True",
            )
        )
    return found


class VaToolkitDomain(Domain):
    """Holds the build state and what the environment remembers between builds."""

    name = DOMAIN_NAME
    label = "sphinx-vatoolkit"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {
        "toolkit_pages": set(),  # pages using a directive or the role
        "catalog_pages": set(),  # pages showing text the vatoolkit catalog translates
        "fingerprint": None,  # of the config the pages were read with
        "catalog_digest": None,  # of the compiled vatoolkit catalogs they were read with
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._state: BuildState | None = None

    @property
    def state(self) -> BuildState:
        if self._state is None:
            raise RuntimeError("sphinx-vatoolkit: the build state is made at builder-inited")
        return self._state

    def load_state(self, app: Sphinx) -> BuildState:
        self._state = BuildState.load(app)
        return self._state

    @property
    def toolkit_pages(self) -> set[str]:
        pages: set[str] = self.data["toolkit_pages"]
        return pages

    @property
    def catalog_pages(self) -> set[str]:
        pages: set[str] = self.data["catalog_pages"]
        return pages

    def note_page(self, docname: str, *, shows_catalog_text: bool) -> None:
        self.toolkit_pages.add(docname)
        if shows_catalog_text:
            self.catalog_pages.add(docname)

    def outdated_pages(self, removed: Set[str]) -> list[str]:
        """Pages to read again because the config or the catalog changed since."""
        state = self.state
        fingerprint = state.model.fingerprint()
        previous, previous_digest = self.data["fingerprint"], self.data["catalog_digest"]
        self.data["fingerprint"] = fingerprint
        self.data["catalog_digest"] = state.translator.digest
        if previous is not None and previous != fingerprint:
            return sorted(self.toolkit_pages - removed)
        if previous_digest is not None and previous_digest != state.translator.digest:
            return sorted(self.catalog_pages - removed)
        return []

    def clear_doc(self, docname: str) -> None:
        self.toolkit_pages.discard(docname)
        self.catalog_pages.discard(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.toolkit_pages.update(otherdata["toolkit_pages"] & docnames)
        self.catalog_pages.update(otherdata["catalog_pages"] & docnames)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []  # no cross-reference targets of its own


def vatoolkit_domain(env: BuildEnvironment) -> VaToolkitDomain:
    domain = env.domains[DOMAIN_NAME]
    assert isinstance(domain, VaToolkitDomain)
    return domain


def build_state(env: BuildEnvironment) -> BuildState:
    return vatoolkit_domain(env).state


def load_state(app: Sphinx) -> None:
    """``builder-inited``: validate the config and load the translations, once a build."""
    vatoolkit_domain(app.env).load_state(app)


def _source_text(source: Path, confdir: Path) -> str:
    """The text of the file that set the config, to find each string's line in it:
    ``conf.py`` in the encoding its coding line declares, a TOML file in UTF-8; empty
    when it cannot be read (the strings are then given line 1)."""
    from sphinx_vatoolkit.project_files import (
        MAX_PYTHON_SOURCE_BYTES,
        ProjectFileError,
        decode_python_source,
        read_project_file,
    )

    try:
        data = read_project_file(source, [confdir], MAX_PYTHON_SOURCE_BYTES)
        if source.suffix == ".py":
            return decode_python_source(data)[0]
    except ProjectFileError:
        return ""
    return data.decode("utf-8", errors="replace")


def extract_organization_strings(app: Sphinx) -> None:
    """``builder-inited``: the gettext builder writes the config's text to vatoolkit.pot."""
    if app.builder.name != "gettext":
        return
    from sphinx.builders.gettext import MessageCatalogBuilder, MsgOrigin

    assert isinstance(app.builder, MessageCatalogBuilder)
    state = build_state(app.env)
    source = state.confdir / state.config_source
    written = _source_text(source, state.confdir)
    catalog = app.builder.catalogs[ORGANIZATION_CATALOG]
    for _path, text in catalog_strings(state.model):
        position = written.find(text)
        line = written.count("\n", 0, position) + 1 if position >= 0 else 1
        catalog.add(text, MsgOrigin(source=str(source), line=line))


def outdated_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: pages whose organization facts or translations changed."""
    return vatoolkit_domain(env).outdated_pages(removed)


def setup_state(app: Sphinx) -> None:
    app.add_domain(VaToolkitDomain)
    app.connect("builder-inited", load_state, priority=100)
    app.connect("builder-inited", extract_organization_strings)
    app.connect("env-get-outdated", outdated_pages)
