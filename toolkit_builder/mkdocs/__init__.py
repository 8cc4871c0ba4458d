"""The MkDocs adapter: a thin plugin over the core, the theme partials and the site's assets."""
