project = "Sonrisa docs"
extensions = ["myst_parser", "sphinx_vatoolkit"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]

vatoolkit = {
    "organization": {
        "name": "Clínica Sonrisa",
        "industry": "healthcare",
        "website": "https://sonrisa.example.es",
        "article": {"pt_BR": "a", "es": "la"},
    },
    "platform": {"preset": "teams"},
    "booking": {
        "url": "https://sonrisa.example.es/cita",
        "phone": "+34 910 555 199",
        "email": "citas@sonrisa.example.es",
        "staff": {
            "virtual_only": [
                {
                    "en": "Dr. Ana Ruiz (orthodontics)",
                    "pt_BR": "Dra. Ana Ruiz (ortodontia)",
                    "es": "Dra. Ana Ruiz (ortodoncia)",
                }
            ],
            "in_person_only": ["Dr. Luis Gil (oral surgery)"],
        },
    },
    "services": {"fees": "A virtual check-up costs 30 euros."},
    "support": {"phone": "+34 910 555 100", "email": "ayuda@sonrisa.example.es"},
}
