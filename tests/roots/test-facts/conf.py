project = "Facts as written"
extensions = ["myst_parser", "sphinx_vatoolkit"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]

# Every fact holds what smart quotes would change: "--", straight quotes, "...".
vatoolkit = {
    "organization": {
        "name": 'Clinica "Boa Vista" -- O\'Neil...',
        "industry": "healthcare",
        "website": "https://example.org/--home/",
        "description": {
            "en": 'A "kind" clinic -- near you',
            "pt_BR": 'Uma clínica "gentil" -- perto',
        },
    },
    "platform": "teams",
    "booking": {
        "url": "https://example.org/book--now/it's",
        "phone": "+1 555--0100",
        "email": "visits--online@example.org",
        "staff": {
            # Per-language values: a name needs no translation in the catalog.
            "virtual_only": [{"en": 'Dr. Ana "Bia" Souza'}, {"en": "Dr. O'Hara"}],
            "note": {
                "en": 'Call -- we\'re "glad" to help...',
                "pt_BR": 'Ligue -- "teremos" prazer...',
            },
        },
    },
    "payment": {
        "methods": [
            {"en": "credit card", "pt_BR": "cartão de crédito"},
            {"en": "insurance", "pt_BR": "convênio"},
            {"en": "cash", "pt_BR": "dinheiro"},
        ],
    },
    "technology": {"equipment": ["webcam", "headset"]},
    "support": {"lobby_wait_minutes": 10},
    "privacy": {"recorded": False},
}
