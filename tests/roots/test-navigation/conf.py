project = "Navigation test"
extensions = ["myst_parser", "sphinx_vatoolkit"]
html_theme = "vatoolkit"
exclude_patterns = ["_build"]
vatoolkit = {"organization": {"name": "Navigation Clinic"}, "platform": "teams"}
