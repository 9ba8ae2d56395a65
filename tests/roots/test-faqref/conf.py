project = "FAQ references"
extensions = ["myst_parser", "sphinx_vatoolkit"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
locale_dirs = ["locale"]
vatoolkit = {"organization": {"name": "FAQ Clinic"}, "platform": "teams"}
