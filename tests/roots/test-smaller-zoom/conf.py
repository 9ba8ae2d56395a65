project = "Smaller points"
extensions = ["myst_parser", "sphinx_vatoolkit"]
exclude_patterns = ["_build"]

# A Spanish dental clinic on Zoom, with no overview video of its own. Names are the same
# in every language (a mapping, so no build asks for their translation).
NAME = dict.fromkeys(("en", "pt_BR", "es"), "Clínica Dental Sonrisa")
PORTAL = dict.fromkeys(("en", "pt_BR", "es"), "MiSonrisa")

vatoolkit = {
    "organization": {
        "name": NAME,
        "industry": "healthcare",
        "article": {"pt_BR": "a", "es": "la"},
    },
    "platform": "zoom",
    "booking": {
        "url": "https://sonrisa.example.org/citas",
        "phone": "+34 910 000 100",
        "email": "citas@sonrisa.example.org",
        "social": [{"name": "WhatsApp", "url": "https://wa.me/34910000100"}],
    },
    "technology": {"portal": {"name": PORTAL, "url": "https://portal.sonrisa.example.org"}},
    "support": {"phone": "+34 910 000 199", "lobby_wait_minutes": 1},
}
