# An ordinary Sphinx project: captioned and nested toctrees, an index, a search page;
# no toolkit directive, only the theme and the organization's contact details.
project = "Ordinary project"
extensions = ["sphinx_vatoolkit"]
html_theme = "vatoolkit"
exclude_patterns = ["_build"]
vatoolkit = {
    "organization": {"name": "Clínica Ordinaria", "website": "https://ordinaria.example.org"},
    "platform": "teams",
    "booking": {"url": "https://ordinaria.example.org/book"},
    "support": {"phone": "+34 910 555 199", "email": "help@ordinaria.example.org"},
}
