from build_tools.cli import app

app(prog_name="python -m build_tools")
