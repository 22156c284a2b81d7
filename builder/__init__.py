"""The builder: turns the course's Markdown and YAML into a site.

Its packages are layers; each imports only from the layers above it in this
list, never from one below it (tests/test_layers.py holds them to it):

- `content`: the content model and reading one file (model, problems, the
  bounded file and YAML readers, the field checks, the serve-time memo);
- `checks`: what `check` says about the words (person-first language, item
  cues, the content safety policy);
- `load`: one loader a content kind, and `load_course`, which runs them all
  and the checks;
- `pages`: the model rendered into pages (Jinja templates, printables, the
  cohort page and its statistics, plain text);
- `site`: the MkDocs adapter (the plugin, serving, the notebook page,
  numbering, the offline bundle) and the browser's assets;
- `commands`: `python -m builder …` (check, build, serve, new, new-agency,
  export).

Only `site` and `commands` import MkDocs.
"""
