"""Stage 2: the loaded edition to Markdown pages and open data: one view model and template per page."""
