"""The MkDocs adapter: the plugin that places the pages (`plugin`), what the
site does to a page's Markdown and HTML, shared by the plugin and `generate`
(`pages_out`), `serve`'s partial rebuilds (`serving`), the output gate every
build passes (`gate`), the cohort notebook page (`notebook`), module numbering
(`numbering`), the site's own pages and their place in the menu (`own_pages`),
the offline bundle (`offline`), the SCORM build's launch page and adapter
(`scorm`), and the browser's JavaScript and CSS (`assets/`, with `vendor/`).

May import every layer above it (`content`, `checks`, `load`, `pages`) and
MkDocs."""
