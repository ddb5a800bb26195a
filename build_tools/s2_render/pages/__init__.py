"""One module per generated page outside the report: its view model and its template."""
