project = "Minimal"
extensions = ["sphinx_vatoolkit"]
