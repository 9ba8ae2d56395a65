"""The sphinx-vatoolkit documentation, which is also its live demo."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx-vatoolkit"
author = "sphinx-vatoolkit developers"
copyright = "2026, sphinx-vatoolkit developers"
version = release = "0.1"

extensions = ["myst_parser", "sphinx_vatoolkit", "vatoolkit_configref", "vatoolkit_faqref"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
locale_dirs = ["../locale/"]
gettext_compact = False
html_theme = "vatoolkit"
html_static_path = ["_static"]
html_title = "sphinx-vatoolkit"
# Where the docs are published (the English build's address), for absolute hreflang
# alternates and canonical links. On Read the Docs the extension reads the address from
# its build environment (docs/readthedocs.md). A local build is published nowhere: its
# language links stay relative, which is all the vatoolkit.language warning would say.
html_baseurl = os.environ.get("VATOOLKIT_DOCS_BASEURL", "")
if not html_baseurl and os.environ.get("READTHEDOCS") != "True":
    suppress_warnings = ["vatoolkit.language"]

# The fictional organization the demo pages are written for.
vatoolkit = {
    "organization": {
        "name": "Clínica Horizonte",
        "industry": "healthcare",
        "article": {"pt_BR": "a", "es": "la"},
        "website": "https://horizonte.example.org/",
        "billing_url": "https://horizonte.example.org/billing",
    },
    "platform": "teams",
    "booking": {
        "url": "https://horizonte.example.org/book",
        "phone": "+55 11 5555 0100",
        "email": "agenda@horizonte.example.org",
        "social": [{"name": "WhatsApp", "url": "https://wa.me/551155550100"}],
        "staff": {
            "virtual_only": ["Dr. Ana Souza (nutrition)"],
            "in_person_only": ["Dr. Bruno Lima (physiotherapy)"],
        },
    },
    "services": {
        "differences": "Follow-up visits, nutrition and psychology are offered online; "
        "examinations and vaccinations need an in-person visit.",
        "fees": "A virtual appointment costs the same as an in-person visit.",
    },
    "payment": {
        "methods": ["credit card", "Pix", "health insurance"],
        "when": "You pay after the appointment, with the link we send by e-mail.",
    },
    "cancellation": {
        "policy_url": "https://horizonte.example.org/cancel",
        "notice": "24 hours",
        "differences": "The same policy applies to virtual and in-person appointments.",
    },
    "technology": {
        "equipment": ["smartphone", "internet"],
        "recommended": ["headset"],
        "portal": {"name": "Portal Horizonte", "url": "https://portal.horizonte.example.org"},
    },
    "support": {
        "phone": "+55 11 5555 0199",
        "email": "ajuda@horizonte.example.org",
        "hours": "Monday to Friday, 7 am to 7 pm",
        "lobby_wait_minutes": 10,
    },
    "brand": {"primary_color": "#0f5c4c", "accent_color": "#9e3d00"},
    "resources": {
        "team": [
            {
                "title": "Our virtual care handbook",
                "url": "https://intranet.horizonte.example.org/handbook",
                "description": "how Clínica Horizonte runs virtual appointments.",
            }
        ],
        "clients": [
            {
                "title": "Prepare for your appointment",
                "url": "https://horizonte.example.org/prepare",
                "description": "a checklist for patients.",
            }
        ],
    },
    "video": {
        "url": "https://www.microsoft.com/videoplayer/embed/RE4TQop",
        "title": "Virtual appointments in two minutes",
    },
    "prepare": {"forms_url": "https://horizonte.example.org/forms"},
    "privacy": {"recorded": False, "policy_url": "https://horizonte.example.org/privacy"},
    "accessibility": {
        "interpreters": "Ask for an interpreter, including Libras, when you book.",
        "companions": "A family member or carer may join you; tell us when you book.",
    },
    "reminders": {"email": True},
    "languages": {"en": "../en/", "pt_BR": "../pt_BR/", "es": "../es/", "es_419": "../es_419/"},
}
if os.environ.get("READTHEDOCS") == "True":
    # Read the Docs offers Mexican Spanish (es_MX), not es_419: the Latin American
    # project is es_MX there, and docs/.readthedocs.yaml links its catalogs.
    vatoolkit["languages"]["es_MX"] = vatoolkit["languages"].pop("es_419")
