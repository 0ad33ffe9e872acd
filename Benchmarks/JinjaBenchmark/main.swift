print("jinja-bench: not written yet")
