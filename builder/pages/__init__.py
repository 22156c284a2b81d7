"""The model rendered into pages (a path and its Markdown or HTML): module
pages and the site's own pages (`render`), the Jinja environment and the one
front matter writer (`templating`, with `templates/`), pages made to print
(`printables`), the cohort page (`cohort`) and its statistics (`insights`),
plain text (`plain`) and search digit words (`search_digits`).

May import `builder.content`, `builder.checks` and `builder.load`; never
MkDocs."""
