"""`python -m builder …`: the command line (`cli`), the LMS exports
(`export`), an agency's own copy (`agency`) and a new module's files
(`scaffold`).

May import every other layer."""
