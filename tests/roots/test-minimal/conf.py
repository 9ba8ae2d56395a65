project = "Minimal"
extensions = ["sphinx_vatoolkit"]
vatoolkit = {"organization": {"name": "Minimal"}, "platform": "teams"}
