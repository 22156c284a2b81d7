"""`python -m builder …`: the command line (`cli`), the LMS exports
(`export`), the site as a plain docs tree (`generate`), an agency's own copy
(`agency`) and a new module's files (`scaffold`).

May import every other layer."""
