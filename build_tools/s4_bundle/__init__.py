"""Stage 4: the bundle: docs/ written, each variant built by MkDocs, the pages checked against their Content-Security-Policy, sitemaps, the offline zip, and one swap into site/ and dist/."""
