"""Build pipeline of the annotated edition: seed text → model → Markdown → sites."""
